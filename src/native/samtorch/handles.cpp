// Tensor handle lifetime, the live-handle counter (leak tests read it) and the per-thread error slot.
#include "shim.h"

static std::atomic<int64_t> g_live{0};
static thread_local std::string t_error;

void st_set_error(const char* msg) { t_error = msg ? msg : "(null)"; }
void st_clear_error() { t_error.clear(); }

st_tensor st_wrap(at::Tensor t) {
  auto* h = new at::Tensor(std::move(t));
  g_live.fetch_add(1, std::memory_order_relaxed);
  return h;
}

at::Device st_device(int device_type, int device_index) {
  return at::Device(static_cast<c10::DeviceType>(device_type), static_cast<c10::DeviceIndex>(device_index));
}

at::TensorOptions st_options(int dtype, int device_type, int device_index) {
  return at::TensorOptions().dtype(static_cast<at::ScalarType>(dtype)).device(st_device(device_type, device_index));
}

std::vector<at::Tensor> st_list(st_tensor* items, int n) {
  std::vector<at::Tensor> v;
  v.reserve(n);
  for (int i = 0; i < n; i++) v.push_back(*items[i]);
  return v;
}

at::IntArrayRef st_dims(const int64_t* dims, int n) { return at::IntArrayRef(dims, static_cast<size_t>(n)); }

ST_API const char* st_last_error() { return t_error.c_str(); }

ST_API void st_free(st_tensor t) {
  if (!t) return;
  delete t;
  g_live.fetch_sub(1, std::memory_order_relaxed);
}

ST_API int64_t st_live_tensors() { return g_live.load(); }

ST_API st_tensor st_clone(st_tensor t) { ST_TRY_T(return st_wrap(t->clone());) }
ST_API st_tensor st_alias(st_tensor t) { ST_TRY_T(return st_wrap(*t);) }
