using System.Runtime.InteropServices;

namespace SamRl.Torch.Native;

/// <summary>
/// The shim's entry points (src/native/samtorch). Tensor-returning calls give IntPtr.Zero on error and
/// status calls give -1; the message is then in st_last_error (per thread). Callers go through
/// <see cref="Check"/> so every failure becomes a <see cref="TorchException"/>.
/// </summary>
internal static unsafe partial class LibSamTorch
{
    private const string L = NativeLoader.LibName;

    [LibraryImport(L)] internal static partial IntPtr st_last_error();
    [LibraryImport(L)] internal static partial void st_free(IntPtr t);
    [LibraryImport(L)] internal static partial long st_live_tensors();
    [LibraryImport(L)] internal static partial IntPtr st_clone(IntPtr t);
    [LibraryImport(L)] internal static partial IntPtr st_alias(IntPtr t);

    // creation
    [LibraryImport(L)] internal static partial IntPtr st_generator_new(ulong seed);
    [LibraryImport(L)] internal static partial void st_generator_free(IntPtr g);
    [LibraryImport(L)] internal static partial int st_generator_seed(IntPtr g, ulong seed);
    [LibraryImport(L)] internal static partial int st_manual_seed(ulong seed);
    [LibraryImport(L)] internal static partial IntPtr st_fill(int kind, long* shape, int ndim, double value, int dtype, int dev, int idx);
    [LibraryImport(L)] internal static partial IntPtr st_arange(double start, double end, double step, int dtype, int dev, int idx);
    [LibraryImport(L)] internal static partial IntPtr st_eye(long n, long m, int dtype, int dev, int idx);
    [LibraryImport(L)] internal static partial IntPtr st_linspace(double start, double end, long steps, int dtype, int dev, int idx);
    [LibraryImport(L)] internal static partial IntPtr st_rand(int kind, long* shape, int ndim, IntPtr gen, int dtype, int dev, int idx);
    [LibraryImport(L)] internal static partial IntPtr st_randint(long low, long high, long* shape, int ndim, IntPtr gen, int dtype, int dev, int idx);
    [LibraryImport(L)] internal static partial IntPtr st_randperm(long n, IntPtr gen, int dev, int idx);
    [LibraryImport(L)] internal static partial IntPtr st_multinomial(IntPtr probs, long n, int replacement, IntPtr gen);
    [LibraryImport(L)] internal static partial IntPtr st_bernoulli(IntPtr p, IntPtr gen);
    [LibraryImport(L)] internal static partial int st_init_(IntPtr t, int kind, double a, double b, IntPtr gen);
    [LibraryImport(L)] internal static partial IntPtr st_from_data(void* data, long* shape, int ndim, int dtype, int dev, int idx);
    [LibraryImport(L)] internal static partial IntPtr st_scalar_tensor(double value, int dtype, int dev, int idx);
    [LibraryImport(L)] internal static partial int st_copy_data(IntPtr t, void* dst, long nbytes);

    // info
    [LibraryImport(L)] internal static partial int st_ndim(IntPtr t);
    [LibraryImport(L)] internal static partial int st_shape(IntPtr t, long* dst, int cap);
    [LibraryImport(L)] internal static partial int st_dtype(IntPtr t);
    [LibraryImport(L)] internal static partial int st_device_type(IntPtr t);
    [LibraryImport(L)] internal static partial int st_device_index(IntPtr t);
    [LibraryImport(L)] internal static partial long st_numel(IntPtr t);
    [LibraryImport(L)] internal static partial int st_is_contiguous(IntPtr t);
    [LibraryImport(L)] internal static partial int st_item(IntPtr t, double* v);
    [LibraryImport(L)] internal static partial int st_item_long(IntPtr t, long* v);
    [LibraryImport(L)] internal static partial IntPtr st_to(IntPtr t, int dtype, int dev, int idx, int copy);
    [LibraryImport(L)] internal static partial IntPtr st_contiguous(IntPtr t);
    [LibraryImport(L)] internal static partial int st_equal(IntPtr a, IntPtr b, int* r);
    [LibraryImport(L)] internal static partial int st_allclose(IntPtr a, IntPtr b, double rtol, double atol, int* r);
    [LibraryImport(L)] internal static partial IntPtr st_to_string(IntPtr t);
    [LibraryImport(L)] internal static partial void st_free_string(IntPtr s);

    // math
    [LibraryImport(L)] internal static partial IntPtr st_unary(int op, IntPtr a);
    [LibraryImport(L)] internal static partial IntPtr st_binary(int op, IntPtr a, IntPtr b);
    [LibraryImport(L)] internal static partial IntPtr st_binary_scalar(int op, IntPtr a, double s, int isInt);
    [LibraryImport(L)] internal static partial IntPtr st_add_scaled(IntPtr a, IntPtr b, double alpha);
    [LibraryImport(L)] internal static partial IntPtr st_where(IntPtr c, IntPtr a, IntPtr b);
    [LibraryImport(L)] internal static partial IntPtr st_clamp(IntPtr a, double lo, double hi, int hasLo, int hasHi);
    [LibraryImport(L)] internal static partial IntPtr st_softmax(IntPtr a, long dim);
    [LibraryImport(L)] internal static partial IntPtr st_log_softmax(IntPtr a, long dim);
    [LibraryImport(L)] internal static partial IntPtr st_matmul(IntPtr a, IntPtr b);
    [LibraryImport(L)] internal static partial IntPtr st_mm(IntPtr a, IntPtr b);
    [LibraryImport(L)] internal static partial IntPtr st_bmm(IntPtr a, IntPtr b);
    [LibraryImport(L)] internal static partial IntPtr st_addmm(IntPtr c, IntPtr a, IntPtr b, double beta, double alpha);
    [LibraryImport(L, StringMarshalling = StringMarshalling.Utf8)] internal static partial IntPtr st_einsum(string eq, IntPtr* items, int n);
    [LibraryImport(L)] internal static partial IntPtr st_linear(IntPtr x, IntPtr w, IntPtr b);

    // reductions
    [LibraryImport(L)] internal static partial IntPtr st_reduce(int op, IntPtr a, long* dims, int ndims, int keepdim);
    [LibraryImport(L)] internal static partial int st_max_dim(int kind, IntPtr a, long dim, int keepdim, IntPtr* values, IntPtr* indices);
    [LibraryImport(L)] internal static partial IntPtr st_argmax(int kind, IntPtr a, long dim, int hasDim, int keepdim);
    [LibraryImport(L)] internal static partial IntPtr st_cumsum(IntPtr a, long dim);
    [LibraryImport(L)] internal static partial int st_topk(IntPtr a, long k, long dim, int largest, IntPtr* values, IntPtr* indices);

    // shape
    [LibraryImport(L)] internal static partial IntPtr st_view(IntPtr a, long* s, int n);
    [LibraryImport(L)] internal static partial IntPtr st_reshape(IntPtr a, long* s, int n);
    [LibraryImport(L)] internal static partial IntPtr st_permute(IntPtr a, long* s, int n);
    [LibraryImport(L)] internal static partial IntPtr st_expand(IntPtr a, long* s, int n);
    [LibraryImport(L)] internal static partial IntPtr st_repeat(IntPtr a, long* s, int n);
    [LibraryImport(L)] internal static partial IntPtr st_transpose(IntPtr a, long d0, long d1);
    [LibraryImport(L)] internal static partial IntPtr st_unsqueeze(IntPtr a, long d);
    [LibraryImport(L)] internal static partial IntPtr st_squeeze(IntPtr a, long d, int hasDim);
    [LibraryImport(L)] internal static partial IntPtr st_flatten(IntPtr a, long start, long end);
    [LibraryImport(L)] internal static partial IntPtr st_cat(IntPtr* items, int n, long dim);
    [LibraryImport(L)] internal static partial IntPtr st_stack(IntPtr* items, int n, long dim);
    [LibraryImport(L)] internal static partial int st_split(IntPtr a, long* sizes, int n, long dim, IntPtr* outp);
    [LibraryImport(L)] internal static partial IntPtr st_narrow(IntPtr a, long dim, long start, long len);
    [LibraryImport(L)] internal static partial IntPtr st_select(IntPtr a, long dim, long index);
    [LibraryImport(L)] internal static partial IntPtr st_slice(IntPtr a, long dim, long start, long end, long step);
    [LibraryImport(L)] internal static partial IntPtr st_index_select(IntPtr a, long dim, IntPtr idx);
    [LibraryImport(L)] internal static partial IntPtr st_gather(IntPtr a, long dim, IntPtr idx);
    [LibraryImport(L)] internal static partial IntPtr st_scatter(IntPtr a, long dim, IntPtr idx, IntPtr src);
    [LibraryImport(L)] internal static partial IntPtr st_masked_fill(IntPtr a, IntPtr mask, double value);
    [LibraryImport(L)] internal static partial IntPtr st_one_hot(IntPtr a, long classes);
    [LibraryImport(L)] internal static partial IntPtr st_tril(IntPtr a, long k);

    // nn
    [LibraryImport(L)] internal static partial IntPtr st_conv2d(IntPtr x, IntPtr w, IntPtr b, long* stride, long* pad, long* dil, long groups);
    [LibraryImport(L)] internal static partial IntPtr st_max_pool2d(IntPtr x, long* k, long* s, long* p, int ceilMode);
    [LibraryImport(L)] internal static partial IntPtr st_layer_norm(IntPtr x, long* shape, int n, IntPtr w, IntPtr b, double eps);
    [LibraryImport(L)] internal static partial IntPtr st_dropout(IntPtr x, double p, int train);
    [LibraryImport(L)] internal static partial IntPtr st_embedding(IntPtr w, IntPtr idx);
    [LibraryImport(L)] internal static partial IntPtr st_mse_loss(IntPtr a, IntPtr b, int red);
    [LibraryImport(L)] internal static partial IntPtr st_cross_entropy(IntPtr logits, IntPtr target, int red);
    [LibraryImport(L)] internal static partial IntPtr st_nll_loss(IntPtr logp, IntPtr target, int red);
    [LibraryImport(L)] internal static partial IntPtr st_bce_with_logits(IntPtr x, IntPtr y, int red);
    [LibraryImport(L)] internal static partial IntPtr st_bce(IntPtr p, IntPtr y, int red);

    // autograd and in-place
    [LibraryImport(L)] internal static partial int st_requires_grad(IntPtr t);
    [LibraryImport(L)] internal static partial int st_set_requires_grad(IntPtr t, int on);
    [LibraryImport(L)] internal static partial int st_is_leaf(IntPtr t);
    [LibraryImport(L)] internal static partial IntPtr st_detach(IntPtr t);
    [LibraryImport(L)] internal static partial int st_backward(IntPtr t, IntPtr grad, int retainGraph);
    [LibraryImport(L)] internal static partial int st_grad(IntPtr t, IntPtr* outp);
    [LibraryImport(L)] internal static partial int st_set_grad(IntPtr t, IntPtr g);
    [LibraryImport(L)] internal static partial int st_grad_enabled();
    [LibraryImport(L)] internal static partial void st_set_grad_enabled(int on);
    [LibraryImport(L)] internal static partial int st_inplace_binary(int op, IntPtr a, IntPtr b, double alpha);
    [LibraryImport(L)] internal static partial int st_inplace_scalar(int op, IntPtr a, double s);
    [LibraryImport(L)] internal static partial int st_inplace_unary(int op, IntPtr a);
    [LibraryImport(L)] internal static partial int st_addcmul_(IntPtr a, IntPtr t1, IntPtr t2, double v);
    [LibraryImport(L)] internal static partial int st_addcdiv_(IntPtr a, IntPtr t1, IntPtr t2, double v);

    // runtime
    [LibraryImport(L)] internal static partial IntPtr st_version();
    [LibraryImport(L)] internal static partial IntPtr st_library_path();
    [LibraryImport(L)] internal static partial IntPtr st_show_config();
    [LibraryImport(L)] internal static partial int st_get_num_threads();
    [LibraryImport(L)] internal static partial int st_set_num_threads(int n);
    [LibraryImport(L)] internal static partial int st_get_num_interop_threads();
    [LibraryImport(L)] internal static partial int st_set_blas_threads(int n);
    [LibraryImport(L)] internal static partial int st_get_blas_threads();
    [LibraryImport(L)] internal static partial int st_cuda_available();
    [LibraryImport(L)] internal static partial int st_cuda_device_count();
    [LibraryImport(L)] internal static partial int st_cuda_synchronize(int deviceIndex);
    [LibraryImport(L)] internal static partial long st_cuda_peak_allocated(int deviceIndex);
    [LibraryImport(L)] internal static partial int st_cuda_reset_peak(int deviceIndex);
    [LibraryImport(L)] internal static partial double st_bench_add(IntPtr a, IntPtr b, long iters);
    [LibraryImport(L)] internal static partial double st_bench_matmul(IntPtr a, IntPtr b, long iters);

    /// <summary>Throws the shim's last error for this thread when a tensor call returned null.</summary>
    internal static IntPtr Check(IntPtr handle)
    {
        if (handle == IntPtr.Zero) throw new TorchException(LastError());
        return handle;
    }

    /// <summary>Throws the shim's last error for this thread when a status call returned -1.</summary>
    internal static void Check(int status)
    {
        if (status != 0) throw new TorchException(LastError());
    }

    internal static string LastError() => Marshal.PtrToStringUTF8(st_last_error()) ?? "unknown libtorch error";
}
