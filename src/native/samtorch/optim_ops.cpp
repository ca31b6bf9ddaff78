// One Adam update of one parameter as a single pass over its buffers.
//
// Why: as ATen ops an amsgrad step is eight passes over the parameter's size (two per moment, the running max,
// sqrt, +eps, addcdiv), each reading and writing whole buffers; for an A3C agent's 2.6-3.2M parameters that was
// ~15 ms of a ~100 ms update on one core. The loop below reads param, grad and the moments once and writes them once.
// Contiguous float32/float64 CPU tensors only: the caller (SamRl.Torch.Optim.Adam) uses ATen ops otherwise.
#include "shim.h"
#include <cmath>

namespace {

template <typename T>
void adam_loop(T* __restrict p, const T* __restrict g, T* __restrict m, T* __restrict v, T* __restrict vmax, int64_t n, double lr, double b1,
               double b2, double eps, double wd, double bc1, double bc2, bool maximize, bool legacy) {
  const T beta1 = T(b1), beta2 = T(b2), one1 = T(1 - b1), one2 = T(1 - b2), weight_decay = T(wd), e = T(eps);
  // PyTorch: θ -= lr/bc1 · m / (√v̂/√bc2 + eps). Legacy (SharedAdam): θ -= lr·√bc2/bc1 · m / (√v̂ + eps).
  const T step = legacy ? T(lr * std::sqrt(bc2) / bc1) : T(lr / bc1);
  const T inv_sqrt_bc2 = legacy ? T(1) : T(1 / std::sqrt(bc2));
  for (int64_t i = 0; i < n; i++) {
    T gi = maximize ? -g[i] : g[i];
    if (wd != 0) gi += weight_decay * p[i];
    T mi = beta1 * m[i] + one1 * gi;
    T vi = beta2 * v[i] + one2 * gi * gi;
    m[i] = mi;
    v[i] = vi;
    T second = vi;
    if (vmax) {
      second = vmax[i] > vi ? vmax[i] : vi;
      vmax[i] = second;
    }
    p[i] -= step * mi / (std::sqrt(second) * inv_sqrt_bc2 + e);
  }
}

} // namespace

// Returns 1 when it updated (contiguous float CPU buffers of one dtype and size), 0 when the caller must use ATen, -1 on error.
ST_API int st_adam_fused(st_tensor param, st_tensor grad, st_tensor exp_avg, st_tensor exp_avg_sq, st_tensor max_exp_avg_sq, double lr,
                         double beta1, double beta2, double eps, double weight_decay, int64_t step, int maximize, int legacy) {
  try {
    at::Tensor none;
    const at::Tensor& vmax = max_exp_avg_sq ? *max_exp_avg_sq : none;
    auto dt = param->scalar_type();
    if (!st_cpu_loops_apply({param, grad, exp_avg, exp_avg_sq, &vmax}, dt)) return 0;
    int64_t n = param->numel();
    if (grad->numel() != n || exp_avg->numel() != n || exp_avg_sq->numel() != n || (vmax.defined() && vmax.numel() != n)) return 0;
    double bc1 = 1 - std::pow(beta1, double(step)), bc2 = 1 - std::pow(beta2, double(step));
    AT_DISPATCH_FLOATING_TYPES(dt, "samtorch_adam", [&] {
      adam_loop<scalar_t>(param->data_ptr<scalar_t>(), grad->data_ptr<scalar_t>(), exp_avg->data_ptr<scalar_t>(), exp_avg_sq->data_ptr<scalar_t>(),
                          vmax.defined() ? vmax.data_ptr<scalar_t>() : nullptr, n, lr, beta1, beta2, eps, weight_decay, bc1, bc2, maximize != 0,
                          legacy != 0);
    });
    return 1;
  } catch (const c10::Error& e) {
    st_set_error(e.what_without_backtrace());
  } catch (const std::exception& e) {
    st_set_error(e.what());
  }
  return -1;
}
