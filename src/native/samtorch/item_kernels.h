// Fused elementwise passes of the STM item-memory write (item_ops.cpp) over contiguous CPU buffers.
// Plain C++ with no ATen headers: item_kernels.cpp is compiled with -ffast-math so GCC can call glibc's vectorised
// tanh/exp (libmvec), which ATen's headers should not see.
#pragma once
#include <cstdint>

namespace samtorch {

// y = tanh(x) over n elements (also st_tanh_value's float32 CPU path).
template <typename T>
void item_tanh(const T* x, T* y, int64_t n);

// x = tanh(x) over n elements.
template <typename T>
void item_tanh_inplace(T* x, int64_t n);

// Row (b, i) of the write, for every b < B, i < d:
//   gates[b,i,:]  in: tanh(Mi)·W_mgᵀ (2d); out: [σ(· + pre[b,:d]) | σ(· + pre[b,d:])]
//   tx[b,i,j]  = tanh(c1[b,i]·c1[b,j])
//   r[b,i,j]   = I[b,i,j]·tx[b,i,j] + F[b,i,j]·mi[b,i,j]
template <typename T>
void item_write_forward(T* gates, const T* pre, const T* c1, const T* mi, T* tx, T* r, int64_t b, int64_t d);

// From dr (B, d, d) and the forward's activated gates, tx, mi, c1:
//   dg (B, d, 2d) = [dr·tx·I(1−I) | dr·mi·F(1−F)], the gradient of the gate pre-activations;
//   gc1 (B, d), when not null, the gradient through tx = tanh(c1 ⊗ c1) (overwritten).
template <typename T>
void item_write_backward(const T* dr, const T* gates, const T* tx, const T* mi, const T* c1, T* dg, T* gc1, int64_t b, int64_t d);

// gmi (B, d, d) in: dg·W_mg; out: that · (1 − tanh(Mi)²) + dr·F, the whole gradient of Mi.
template <typename T>
void item_mi_grad(T* gmi, const T* tmi, const T* dr, const T* gates, int64_t b, int64_t d);

} // namespace samtorch
