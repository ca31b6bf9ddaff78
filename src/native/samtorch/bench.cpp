// Direct C++ loops for `samrl bench torch`: the same ops the binding calls, without the binding,
// so the ratio of the two timings is the binding's own overhead.
#include "shim.h"
#include <chrono>

static double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// Runs a + b `iters` times (each result allocated and freed, as in the binding); returns seconds.
ST_API double st_bench_add(st_tensor a, st_tensor b, int64_t iters) {
  try {
    auto t0 = std::chrono::steady_clock::now();
    for (int64_t i = 0; i < iters; i++) {
      at::Tensor c = at::add(*a, *b);
    }
    return seconds_since(t0);
  } catch (const std::exception& e) {
    st_set_error(e.what());
    return -1;
  }
}

ST_API double st_bench_matmul(st_tensor a, st_tensor b, int64_t iters) {
  try {
    auto t0 = std::chrono::steady_clock::now();
    for (int64_t i = 0; i < iters; i++) {
      at::Tensor c = at::matmul(*a, *b);
    }
    return seconds_since(t0);
  } catch (const std::exception& e) {
    st_set_error(e.what());
    return -1;
  }
}
