// Shared by every translation unit of the shim: handle type, error capture, option decoding.
// Every exported function catches all C++ exceptions: the .NET process must never die from libtorch.
#pragma once
#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Parallel.h>
#include <c10/core/GradMode.h>
#include <torch/version.h>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#define ST_API extern "C" __attribute__((visibility("default")))

using st_tensor = at::Tensor*;

// ATen's optional arguments are c10::optional in libtorch 1.x (a class of its own) and std::optional from 2.x on
// (where c10::optional is only an alias that newer releases drop): one name that compiles against both.
#if TORCH_VERSION_MAJOR >= 2
#include <optional>
template <class T>
using st_optional = std::optional<T>;
#else
template <class T>
using st_optional = c10::optional<T>;
#endif

void st_set_error(const char* msg);
void st_clear_error();
st_tensor st_wrap(at::Tensor t);
at::TensorOptions st_options(int dtype, int device_type, int device_index);
at::Device st_device(int device_type, int device_index);
std::vector<at::Tensor> st_list(st_tensor* items, int n);
at::IntArrayRef st_dims(const int64_t* dims, int n);
at::Generator* st_gen(void* g);

// A fast float32 tanh for CPU tensors (absolute error < 2.4e-7; see item_ops.cpp for why), exact at::tanh otherwise.
at::Tensor st_tanh_value(const at::Tensor& x);
at::Tensor& st_tanh_inplace(at::Tensor& x);

// True when the ops' plain CPU loops may run: every defined tensor is a contiguous CPU tensor of dtype dt,
// and dt is float32 or float64. Undefined tensors (absent optional gradients) are skipped.
inline bool st_cpu_loops_apply(std::initializer_list<const at::Tensor*> ts, at::ScalarType dt) {
  for (auto* t : ts)
    if (t->defined() && (!t->is_cpu() || !t->is_contiguous() || t->scalar_type() != dt)) return false;
  return dt == at::kFloat || dt == at::kDouble;
}

// Tensor-returning entry points: nullptr on error, message kept for st_last_error().
#define ST_TRY_T(...)                                                  \
  try {                                                                 \
    __VA_ARGS__                                                         \
  } catch (const c10::Error& e) {                                       \
    st_set_error(e.what_without_backtrace());                           \
  } catch (const std::exception& e) {                                   \
    st_set_error(e.what());                                             \
  } catch (...) {                                                       \
    st_set_error("unknown C++ exception in samtorch");                  \
  }                                                                     \
  return nullptr;

// Status-returning entry points: 0 on success, -1 on error.
#define ST_TRY_I(...)                                                  \
  try {                                                                 \
    __VA_ARGS__                                                         \
    return 0;                                                           \
  } catch (const c10::Error& e) {                                       \
    st_set_error(e.what_without_backtrace());                           \
  } catch (const std::exception& e) {                                   \
    st_set_error(e.what());                                             \
  } catch (...) {                                                       \
    st_set_error("unknown C++ exception in samtorch");                  \
  }                                                                     \
  return -1;
