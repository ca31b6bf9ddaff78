// Neural-network functionals and losses. Reduction codes follow at::Reduction: 0 none, 1 mean, 2 sum.
#include "shim.h"

ST_API st_tensor st_conv2d(st_tensor x, st_tensor w, st_tensor b, const int64_t* stride, const int64_t* pad,
                           const int64_t* dil, int64_t groups) {
  ST_TRY_T(st_optional<at::Tensor> bias; if (b) bias = *b;
           return st_wrap(at::conv2d(*x, *w, bias, st_dims(stride, 2), st_dims(pad, 2), st_dims(dil, 2), groups));)
}
ST_API st_tensor st_max_pool2d(st_tensor x, const int64_t* k, const int64_t* s, const int64_t* p, int ceil_mode) {
  ST_TRY_T(return st_wrap(at::max_pool2d(*x, st_dims(k, 2), st_dims(s, 2), st_dims(p, 2), {1, 1}, ceil_mode != 0));)
}
ST_API st_tensor st_layer_norm(st_tensor x, const int64_t* shape, int n, st_tensor w, st_tensor b, double eps) {
  ST_TRY_T(st_optional<at::Tensor> ww, bb; if (w) ww = *w; if (b) bb = *b;
           return st_wrap(at::layer_norm(*x, st_dims(shape, n), ww, bb, eps));)
}
ST_API st_tensor st_dropout(st_tensor x, double p, int train) { ST_TRY_T(return st_wrap(at::dropout(*x, p, train != 0));) }
ST_API st_tensor st_embedding(st_tensor w, st_tensor idx) { ST_TRY_T(return st_wrap(at::embedding(*w, *idx));) }

ST_API st_tensor st_mse_loss(st_tensor a, st_tensor b, int red) { ST_TRY_T(return st_wrap(at::mse_loss(*a, *b, red));) }
ST_API st_tensor st_cross_entropy(st_tensor logits, st_tensor target, int red) {
  ST_TRY_T(return st_wrap(at::cross_entropy_loss(*logits, *target, {}, red));)
}
ST_API st_tensor st_nll_loss(st_tensor logp, st_tensor target, int red) {
  ST_TRY_T(return st_wrap(at::nll_loss(*logp, *target, {}, red));)
}
ST_API st_tensor st_bce_with_logits(st_tensor x, st_tensor y, int red) {
  ST_TRY_T(return st_wrap(at::binary_cross_entropy_with_logits(*x, *y, {}, {}, red));)
}
ST_API st_tensor st_bce(st_tensor p, st_tensor y, int red) {
  ST_TRY_T(return st_wrap(at::binary_cross_entropy(*p, *y, {}, red));)
}
