// See item_kernels.h. Compiled with -ffast-math -fopenmp-simd (CMakeLists.txt), so the `omp simd` loops call
// libmvec's vector tanh/exp; target_clones picks the AVX-512, AVX2 or baseline SSE2 build at load time.
// fast-math here only licenses those calls and reassociation inside a row; nothing below tests for NaN or inf.
#include "item_kernels.h"
#include <cmath>

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
#define ST_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define ST_CLONES
#endif

namespace samtorch {
namespace {

template <typename T>
inline T sigmoid(T x) { return T(1) / (T(1) + std::exp(-x)); }

} // namespace

template <typename T>
ST_CLONES void item_tanh(const T* __restrict x, T* __restrict y, int64_t n) {
#pragma omp simd
  for (int64_t k = 0; k < n; k++) y[k] = std::tanh(x[k]);
}

template <typename T>
ST_CLONES void item_tanh_inplace(T* __restrict x, int64_t n) {
#pragma omp simd
  for (int64_t k = 0; k < n; k++) x[k] = std::tanh(x[k]);
}

template <typename T>
ST_CLONES void item_write_forward(T* __restrict gates, const T* __restrict pre, const T* __restrict c1, const T* __restrict mi,
                                  T* __restrict tx, T* __restrict r, int64_t b, int64_t d) {
  for (int64_t n = 0; n < b; n++) {
    const T* __restrict pi = pre + n * 2 * d;
    const T* __restrict pf = pi + d;
    const T* __restrict cn = c1 + n * d;
    for (int64_t i = 0; i < d; i++) {
      int64_t row = (n * d + i) * d;
      T* __restrict gi = gates + 2 * row;
      T* __restrict gf = gi + d;
      const T* __restrict m = mi + row;
      T* __restrict x = tx + row;
      T* __restrict o = r + row;
      const T ci = cn[i];
#pragma omp simd
      for (int64_t j = 0; j < d; j++) {
        T ig = sigmoid(gi[j] + pi[j]);
        T fg = sigmoid(gf[j] + pf[j]);
        T t = std::tanh(ci * cn[j]);
        gi[j] = ig;
        gf[j] = fg;
        x[j] = t;
        o[j] = ig * t + fg * m[j];
      }
    }
  }
}

template <typename T>
ST_CLONES void item_write_backward(const T* __restrict dr, const T* __restrict gates, const T* __restrict tx, const T* __restrict mi,
                                   const T* __restrict c1, T* __restrict dg, T* __restrict gc1, int64_t b, int64_t d) {
  for (int64_t n = 0; n < b; n++) {
    const T* __restrict cn = c1 + n * d;
    T* __restrict gn = gc1 ? gc1 + n * d : nullptr;
    if (gn)
      for (int64_t j = 0; j < d; j++) gn[j] = T(0);
    for (int64_t i = 0; i < d; i++) {
      int64_t row = (n * d + i) * d;
      const T* __restrict g = dr + row;
      const T* __restrict gi = gates + 2 * row;
      const T* __restrict gf = gi + d;
      const T* __restrict x = tx + row;
      const T* __restrict m = mi + row;
      T* __restrict di = dg + 2 * row;
      T* __restrict df = di + d;
#pragma omp simd
      for (int64_t j = 0; j < d; j++) {
        di[j] = g[j] * x[j] * gi[j] * (T(1) - gi[j]);
        df[j] = g[j] * m[j] * gf[j] * (T(1) - gf[j]);
      }
      if (gn) {
        // tx = tanh(X), X[i][j] = c_i·c_j: dX flows to c_i (summed over j) and to every c_j (times c_i).
        const T ci = cn[i];
        T acc = T(0);
#pragma omp simd reduction(+ : acc)
        for (int64_t j = 0; j < d; j++) {
          T dx = g[j] * gi[j] * (T(1) - x[j] * x[j]);
          acc += dx * cn[j];
          gn[j] += dx * ci;
        }
        gn[i] += acc;
      }
    }
  }
}

template <typename T>
ST_CLONES void item_mi_grad(T* __restrict gmi, const T* __restrict tmi, const T* __restrict dr, const T* __restrict gates, int64_t b,
                            int64_t d) {
  for (int64_t row = 0; row < b * d; row++) {
    T* __restrict o = gmi + row * d;
    const T* __restrict t = tmi + row * d;
    const T* __restrict g = dr + row * d;
    const T* __restrict gf = gates + 2 * row * d + d;
#pragma omp simd
    for (int64_t j = 0; j < d; j++) o[j] = o[j] * (T(1) - t[j] * t[j]) + g[j] * gf[j];
  }
}

template void item_tanh<float>(const float*, float*, int64_t);
template void item_tanh<double>(const double*, double*, int64_t);
template void item_tanh_inplace<float>(float*, int64_t);
template void item_write_forward<float>(float*, const float*, const float*, const float*, float*, float*, int64_t, int64_t);
template void item_write_forward<double>(double*, const double*, const double*, const double*, double*, double*, int64_t, int64_t);
template void item_write_backward<float>(const float*, const float*, const float*, const float*, const float*, float*, float*, int64_t, int64_t);
template void item_write_backward<double>(const double*, const double*, const double*, const double*, const double*, double*, double*, int64_t,
                                          int64_t);
template void item_mi_grad<float>(float*, const float*, const float*, const float*, int64_t, int64_t);
template void item_mi_grad<double>(double*, const double*, const double*, const double*, int64_t, int64_t);

} // namespace samtorch
