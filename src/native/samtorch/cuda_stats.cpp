// Peak CUDA memory of libtorch's caching allocator, for benchmarks. Compiled with the allocator's header only when
// the libtorch in use was built with CUDA (CMake defines SAMTORCH_CUDA_STATS); otherwise both calls report -1.
#include "shim.h"
#ifdef SAMTORCH_CUDA_STATS
#include <c10/cuda/CUDACachingAllocator.h>
#endif

// Bytes at the allocator's high-water mark since the last reset, or -1 when unknown.
ST_API int64_t st_cuda_peak_allocated(int device_index) {
#ifdef SAMTORCH_CUDA_STATS
  try {
    auto stats = c10::cuda::CUDACachingAllocator::getDeviceStats(static_cast<c10::DeviceIndex>(device_index));
    return static_cast<int64_t>(stats.allocated_bytes[0].peak);  // [0]: all pool kinds together
  } catch (const std::exception& e) {
    st_set_error(e.what());
  }
#else
  (void)device_index;
  st_set_error("this libtorch has no CUDA allocator statistics (CPU build)");
#endif
  return -1;
}

// 0 when the high-water mark was reset, -1 when it cannot be.
ST_API int st_cuda_reset_peak(int device_index) {
#ifdef SAMTORCH_CUDA_STATS
  ST_TRY_I(c10::cuda::CUDACachingAllocator::resetPeakStats(static_cast<c10::DeviceIndex>(device_index));)
#else
  (void)device_index;
  st_set_error("this libtorch has no CUDA allocator statistics (CPU build)");
  return -1;
#endif
}
