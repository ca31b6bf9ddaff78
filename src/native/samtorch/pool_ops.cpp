// relu(max_pool2d(x, 2)) as one custom autograd function: the block of every conv layer in the A3C agents' encoder.
//
// Why: libtorch 1.13's CPU max_pool2d (with indices, NCHW) took ~1 ms for the first 32×80×80 map, as much as the
// four convolutions of the frame together; the encoder runs once per actor step and over every rollout. Here the
// forward is one pass that writes the pooled, rectified map; the backward recomputes each window's first maximum
// (PyTorch's tie rule: the first in row-major order) instead of storing int64 indices. Pooling and ReLU
// commute, so this equals both orders. Contiguous float32/float64 CPU tensors take the loops; anything else (CUDA,
// strided) takes at::max_pool2d + relu.
#include "shim.h"
#include <cmath>
#include <limits>
#include <torch/csrc/autograd/custom_function.h>

// The loops are compiled for AVX-512, AVX2 and baseline (picked at load time) and vectorised across windows
// (`omp simd`, -fopenmp-simd -O3 in CMakeLists.txt): scalar, they were a sixth of an A3C update.
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
#define ST_POOL_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define ST_POOL_CLONES
#endif

namespace {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;
using at::Tensor;

// The window's maximum and its position (0..3 for (0,0), (0,1), (1,0), (1,1)), first in row-major order on ties as
// max_pool2d picks it, with selects rather than branches: on conv maps the comparisons are coin flips, and the
// branchy version ran 10x slower.
template <typename T>
inline T window_max(T a, T b, T c, T d, int& at) {
  T m1 = b > a ? b : a;
  T m2 = d > c ? d : c;
  int at1 = b > a ? 1 : 0;
  int at2 = d > c ? 3 : 2;
  bool second = m2 > m1;
  at = second ? at2 : at1;
  return second ? m2 : m1;
}

template <typename T>
ST_POOL_CLONES void pool_forward(const T* __restrict x, T* __restrict y, int64_t planes, int64_t h, int64_t w, int64_t oh, int64_t ow) {
  for (int64_t p = 0; p < planes; p++) {
    const T* xp = x + p * h * w;
    T* yp = y + p * oh * ow;
    for (int64_t i = 0; i < oh; i++) {
      const T* r0 = xp + (2 * i) * w;
      const T* r1 = r0 + w;
      T* yr = yp + i * ow;
#pragma omp simd
      for (int64_t j = 0; j < ow; j++) {
        T a = r0[2 * j], b = r0[2 * j + 1], c = r1[2 * j], d = r1[2 * j + 1];
        int at;
        T m = window_max(a, b, c, d, at);
        // A NaN anywhere in the window gives NaN, as max_pool2d propagates it.
        bool nan = (a != a) | (b != b) | (c != c) | (d != d);
        T out = m > T(0) ? m : T(0);
        yr[j] = nan ? std::numeric_limits<T>::quiet_NaN() : out;
      }
    }
  }
}

// Writes every position of every complete window: the gradient at the window's first maximum, 0 at the other three.
// The choices are 0/1 factors rather than selects: gcc turned the selects into branches, and on conv maps (random
// comparisons) that ran 15x slower. Multiplying a finite gradient by exactly 0 or 1 is exact.
template <typename T>
ST_POOL_CLONES void pool_backward(const T* __restrict x, const T* __restrict y, const T* __restrict dy, T* __restrict dx, int64_t planes, int64_t h, int64_t w,
                   int64_t oh, int64_t ow) {
  for (int64_t p = 0; p < planes; p++) {
    const T* xp = x + p * h * w;
    const T* yp = y + p * oh * ow;
    const T* gp = dy + p * oh * ow;
    T* dp = dx + p * h * w;
    for (int64_t i = 0; i < oh; i++) {
      const T* r0 = xp + (2 * i) * w;
      const T* r1 = r0 + w;
      T* d0 = dp + (2 * i) * w;
      T* d1 = d0 + w;
#pragma omp simd
      for (int64_t j = 0; j < ow; j++) {
        T a = r0[2 * j], b = r0[2 * j + 1], c = r1[2 * j], d = r1[2 * j + 1];
        T right0 = T(b > a), right1 = T(d > c);                        // which column wins in each row
        T m0 = b > a ? b : a, m1 = d > c ? d : c;
        T lower = T(m1 > m0);                                          // the second row wins only if strictly greater
        // ReLU passes no gradient where its output is 0 (threshold_backward).
        T g = T(yp[i * ow + j] > T(0)) * gp[i * ow + j];
        T g1 = lower * g, g0 = g - g1;
        d0[2 * j] = g0 - right0 * g0;
        d0[2 * j + 1] = right0 * g0;
        d1[2 * j] = g1 - right1 * g1;
        d1[2 * j + 1] = right1 * g1;
      }
    }
  }
}

bool loops_apply(const Tensor& x) { return x.dim() == 4 && st_cpu_loops_apply({&x}, x.scalar_type()); }

struct MaxPool2Relu : public torch::autograd::Function<MaxPool2Relu> {
  static Tensor forward(AutogradContext* ctx, const Tensor& x) {
    ctx->set_materialize_grads(false);
    TORCH_CHECK(x.dim() == 4, "max_pool2_relu: input must be (N, C, H, W), got ", x.sizes());
    int64_t n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3), oh = h / 2, ow = w / 2;
    TORCH_CHECK(oh > 0 && ow > 0, "max_pool2_relu: a 2x2 window needs H, W >= 2, got ", x.sizes());
    if (!loops_apply(x)) {
      auto y = at::relu(at::max_pool2d(x, {2, 2}));
      ctx->save_for_backward({x, y});
      ctx->saved_data["loops"] = false;
      return y;
    }
    auto y = at::empty({n, c, oh, ow}, x.options());
    AT_DISPATCH_FLOATING_TYPES(x.scalar_type(), "samtorch_max_pool2_relu", [&] {
      pool_forward<scalar_t>(x.data_ptr<scalar_t>(), y.data_ptr<scalar_t>(), n * c, h, w, oh, ow);
    });
    ctx->save_for_backward({x, y});
    ctx->saved_data["loops"] = true;
    return y;
  }

  static variable_list backward(AutogradContext* ctx, variable_list grads) {
    auto dy = grads[0];
    if (!dy.defined()) return {Tensor()};
    auto saved = ctx->get_saved_variables();
    auto &x = saved[0], &y = saved[1];
    auto dyc = dy.contiguous();
    if (!ctx->saved_data["loops"].toBool() || !st_cpu_loops_apply({&dyc}, x.scalar_type())) {
      // Same maths through ATen: the pooled maximum's gradient, masked where the ReLU cut it.
      auto pooled = at::max_pool2d_with_indices(x, {2, 2}, {2, 2});
      auto masked = dy * (y > 0).to(dy.scalar_type());
      return {at::max_pool2d_with_indices_backward(masked, x, {2, 2}, {2, 2}, {0, 0}, {1, 1}, false, std::get<1>(pooled))};
    }
    int64_t n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
    // Complete windows are written whole; only a dropped odd last row or column needs zeros first.
    auto dx = (h % 2 == 0 && w % 2 == 0) ? at::empty_like(x) : at::zeros_like(x);
    AT_DISPATCH_FLOATING_TYPES(x.scalar_type(), "samtorch_max_pool2_relu_bwd", [&] {
      pool_backward<scalar_t>(x.data_ptr<scalar_t>(), y.data_ptr<scalar_t>(), dyc.data_ptr<scalar_t>(), dx.data_ptr<scalar_t>(), n * c, h, w,
                              y.size(2), y.size(3));
    });
    return {dx};
  }
};

} // namespace

// relu(max_pool2d(x, 2, 2)) for x (N, C, H, W); floor mode (a last odd row / column is dropped).
ST_API st_tensor st_max_pool2_relu(st_tensor x) { ST_TRY_T(return st_wrap(MaxPool2Relu::apply(*x));) }
