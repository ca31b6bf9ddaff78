// Metadata queries and conversions.
#include "shim.h"
#include <sstream>

ST_API int st_ndim(st_tensor t) { return static_cast<int>(t->dim()); }
ST_API int st_shape(st_tensor t, int64_t* out, int cap) {
  int n = static_cast<int>(t->dim());
  for (int i = 0; i < n && i < cap; i++) out[i] = t->size(i);
  return n;
}
ST_API int st_dtype(st_tensor t) { return static_cast<int>(t->scalar_type()); }
ST_API int st_device_type(st_tensor t) { return static_cast<int>(t->device().type()); }
ST_API int st_device_index(st_tensor t) { return t->device().has_index() ? t->device().index() : 0; }
ST_API int64_t st_numel(st_tensor t) { return t->numel(); }
ST_API int st_is_contiguous(st_tensor t) { return t->is_contiguous() ? 1 : 0; }
ST_API int st_defined(st_tensor t) { return t->defined() ? 1 : 0; }

ST_API int st_item(st_tensor t, double* out) { ST_TRY_I(*out = t->item().toDouble();) }
ST_API int st_item_long(st_tensor t, int64_t* out) { ST_TRY_I(*out = t->item().toLong();) }

ST_API st_tensor st_to(st_tensor t, int dtype, int dev, int idx, int copy) {
  ST_TRY_T(return st_wrap(t->to(st_options(dtype, dev, idx), false, copy != 0));)
}
ST_API st_tensor st_contiguous(st_tensor t) { ST_TRY_T(return st_wrap(t->contiguous());) }
ST_API int st_equal(st_tensor a, st_tensor b, int* out) { ST_TRY_I(*out = at::equal(*a, *b) ? 1 : 0;) }
ST_API int st_allclose(st_tensor a, st_tensor b, double rtol, double atol, int* out) {
  ST_TRY_I(*out = at::allclose(*a, *b, rtol, atol) ? 1 : 0;)
}

// Returns a malloc'd string; free with st_free_string.
ST_API char* st_to_string(st_tensor t) {
  try {
    std::ostringstream os;
    os << *t;
    return strdup(os.str().c_str());
  } catch (const std::exception& e) {
    st_set_error(e.what());
    return nullptr;
  }
}
ST_API void st_free_string(char* s) { free(s); }
