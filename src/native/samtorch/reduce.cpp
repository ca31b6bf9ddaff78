// Reductions. Op codes mirrored by SamRl.Torch's ReduceOp enum.
#include "shim.h"

ST_API st_tensor st_reduce(int op, st_tensor a, const int64_t* dims, int ndims, int keepdim) {
  ST_TRY_T(bool all = dims == nullptr; auto d = st_dims(dims, ndims); bool k = keepdim != 0; switch (op) {
    case 0: return st_wrap(all ? at::sum(*a) : at::sum(*a, d, k));
    case 1: return st_wrap(all ? at::mean(*a) : at::mean(*a, d, k));
    case 2: return st_wrap(all ? at::amax(*a, {}, false) : at::amax(*a, d, k));
    case 3: return st_wrap(all ? at::amin(*a, {}, false) : at::amin(*a, d, k));
    case 4: return st_wrap(all ? at::var(*a, true) : at::var(*a, d, true, k));
    case 5: return st_wrap(all ? at::std(*a, true) : at::std(*a, d, true, k));
    case 6: return st_wrap(at::logsumexp(*a, all ? at::IntArrayRef() : d, k));
    case 7: return st_wrap(all ? at::norm(*a) : at::norm(*a, 2, d, k));
    case 8: return st_wrap(all ? at::prod(*a) : at::prod(*a, d[0], k));
    case 9: return st_wrap(all ? at::all(*a) : at::all(*a, d[0], k));
    case 10: return st_wrap(all ? at::any(*a) : at::any(*a, d[0], k));
    default: st_set_error("unknown reduce op"); return nullptr;
  })
}

// kind 0 max, 1 min: values and indices along dim.
ST_API int st_max_dim(int kind, st_tensor a, int64_t dim, int keepdim, st_tensor* values, st_tensor* indices) {
  ST_TRY_I(auto r = kind == 0 ? at::max(*a, dim, keepdim != 0) : at::min(*a, dim, keepdim != 0);
           *values = st_wrap(std::get<0>(r)); *indices = st_wrap(std::get<1>(r));)
}

// kind 0 argmax, 1 argmin; has_dim 0 means over the flattened tensor.
ST_API st_tensor st_argmax(int kind, st_tensor a, int64_t dim, int has_dim, int keepdim) {
  ST_TRY_T(st_optional<int64_t> d; if (has_dim) d = dim;
           return st_wrap(kind == 0 ? at::argmax(*a, d, keepdim != 0) : at::argmin(*a, d, keepdim != 0));)
}

ST_API st_tensor st_cumsum(st_tensor a, int64_t dim) { ST_TRY_T(return st_wrap(at::cumsum(*a, dim));) }

ST_API int st_topk(st_tensor a, int64_t k, int64_t dim, int largest, st_tensor* values, st_tensor* indices) {
  ST_TRY_I(auto r = at::topk(*a, k, dim, largest != 0, true); *values = st_wrap(std::get<0>(r));
           *indices = st_wrap(std::get<1>(r));)
}
