// Process-wide settings and facts: threads, devices, versions, build configuration.
#include "shim.h"
#include <dlfcn.h>
#include <torch/cuda.h>

ST_API const char* st_version() { return TORCH_VERSION; }

// Path of the libtorch library that is actually loaded (doctor prints it).
ST_API const char* st_library_path() {
  static std::string path;
  Dl_info info;
  if (path.empty() && dladdr(reinterpret_cast<void*>(&at::globalContext), &info) && info.dli_fname)
    path = info.dli_fname;
  return path.c_str();
}

ST_API const char* st_show_config() {
  static std::string cfg;
  try {
    if (cfg.empty()) cfg = at::show_config();
  } catch (const std::exception& e) {
    cfg = std::string("show_config failed: ") + e.what();
  }
  return cfg.c_str();
}

ST_API int st_get_num_threads() { return at::get_num_threads(); }
ST_API int st_set_num_threads(int n) { ST_TRY_I(at::set_num_threads(n);) }
ST_API int st_get_num_interop_threads() { return at::get_num_interop_threads(); }

// OpenBLAS keeps its own thread pool that fights libtorch's for cores; tame it when it is the BLAS.
// Returns 1 when an OpenBLAS was found and set, 0 when the BLAS has no such knob.
ST_API int st_set_blas_threads(int n) {
  using setter = void (*)(int);
  auto f = reinterpret_cast<setter>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"));
  if (!f) return 0;
  f(n);
  return 1;
}
ST_API int st_get_blas_threads() {
  using getter = int (*)();
  auto f = reinterpret_cast<getter>(dlsym(RTLD_DEFAULT, "openblas_get_num_threads"));
  return f ? f() : -1;
}

// torch::cuda (not ATen's CUDA hooks, whose method names changed across releases) works on CPU-only builds too.
ST_API int st_cuda_available() {
  try {
    return torch::cuda::is_available() ? 1 : 0;
  } catch (...) {
    return 0;
  }
}
ST_API int st_cuda_device_count() {
  try {
    return static_cast<int>(torch::cuda::device_count());
  } catch (...) {
    return 0;
  }
}
// Waits for every queued kernel of the device (-1: the current one), so wall-clock timings are real.
ST_API int st_cuda_synchronize(int device_index) { ST_TRY_I(torch::cuda::synchronize(device_index);) }
