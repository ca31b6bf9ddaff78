// Views, joins, splits and indexing.
#include "shim.h"

ST_API st_tensor st_view(st_tensor a, const int64_t* s, int n) { ST_TRY_T(return st_wrap(a->view(st_dims(s, n)));) }
ST_API st_tensor st_reshape(st_tensor a, const int64_t* s, int n) {
  ST_TRY_T(return st_wrap(a->reshape(st_dims(s, n)));)
}
ST_API st_tensor st_permute(st_tensor a, const int64_t* s, int n) {
  ST_TRY_T(return st_wrap(a->permute(st_dims(s, n)));)
}
ST_API st_tensor st_expand(st_tensor a, const int64_t* s, int n) {
  ST_TRY_T(return st_wrap(a->expand(st_dims(s, n)));)
}
ST_API st_tensor st_repeat(st_tensor a, const int64_t* s, int n) {
  ST_TRY_T(return st_wrap(a->repeat(st_dims(s, n)));)
}
ST_API st_tensor st_transpose(st_tensor a, int64_t d0, int64_t d1) { ST_TRY_T(return st_wrap(a->transpose(d0, d1));) }
ST_API st_tensor st_unsqueeze(st_tensor a, int64_t d) { ST_TRY_T(return st_wrap(a->unsqueeze(d));) }
ST_API st_tensor st_squeeze(st_tensor a, int64_t d, int has_dim) {
  ST_TRY_T(return st_wrap(has_dim ? a->squeeze(d) : a->squeeze());)
}
ST_API st_tensor st_flatten(st_tensor a, int64_t start, int64_t end) {
  ST_TRY_T(return st_wrap(a->flatten(start, end));)
}
ST_API st_tensor st_cat(st_tensor* items, int n, int64_t dim) { ST_TRY_T(return st_wrap(at::cat(st_list(items, n), dim));) }
ST_API st_tensor st_stack(st_tensor* items, int n, int64_t dim) {
  ST_TRY_T(return st_wrap(at::stack(st_list(items, n), dim));)
}

// Splits into parts of the given sizes along dim; out must hold nsizes handles.
ST_API int st_split(st_tensor a, const int64_t* sizes, int nsizes, int64_t dim, st_tensor* out) {
  ST_TRY_I(auto parts = a->split_with_sizes(st_dims(sizes, nsizes), dim);
           for (size_t i = 0; i < parts.size(); i++) out[i] = st_wrap(parts[i]);)
}

ST_API st_tensor st_narrow(st_tensor a, int64_t dim, int64_t start, int64_t len) {
  ST_TRY_T(return st_wrap(a->narrow(dim, start, len));)
}
ST_API st_tensor st_select(st_tensor a, int64_t dim, int64_t index) { ST_TRY_T(return st_wrap(a->select(dim, index));) }
ST_API st_tensor st_slice(st_tensor a, int64_t dim, int64_t start, int64_t end, int64_t step) {
  ST_TRY_T(return st_wrap(a->slice(dim, start, end, step));)
}
ST_API st_tensor st_index_select(st_tensor a, int64_t dim, st_tensor idx) {
  ST_TRY_T(return st_wrap(at::index_select(*a, dim, *idx));)
}
ST_API st_tensor st_gather(st_tensor a, int64_t dim, st_tensor idx) { ST_TRY_T(return st_wrap(at::gather(*a, dim, *idx));) }
ST_API st_tensor st_scatter(st_tensor a, int64_t dim, st_tensor idx, st_tensor src) {
  ST_TRY_T(return st_wrap(at::scatter(*a, dim, *idx, *src));)
}
ST_API st_tensor st_masked_fill(st_tensor a, st_tensor mask, double value) {
  ST_TRY_T(return st_wrap(a->masked_fill(*mask, value));)
}
ST_API st_tensor st_one_hot(st_tensor a, int64_t classes) { ST_TRY_T(return st_wrap(at::one_hot(*a, classes));) }
ST_API st_tensor st_tril(st_tensor a, int64_t k) { ST_TRY_T(return st_wrap(at::tril(*a, k));) }
