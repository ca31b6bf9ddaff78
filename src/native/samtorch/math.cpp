// Elementwise math. Op codes are mirrored by SamRl.Torch's UnaryOp/BinaryOp enums: keep them in sync.
#include "shim.h"

static at::Tensor unary(int op, const at::Tensor& a) {
  switch (op) {
    case 0: return at::neg(a);
    case 1: return at::abs(a);
    case 2: return at::exp(a);
    case 3: return at::log(a);
    case 4: return at::sqrt(a);
    case 5: return at::rsqrt(a);
    case 6: return at::tanh(a);
    case 7: return at::sigmoid(a);
    case 8: return at::relu(a);
    case 9: return at::sin(a);
    case 10: return at::cos(a);
    case 11: return at::sign(a);
    case 12: return at::floor(a);
    case 13: return at::ceil(a);
    case 14: return at::round(a);
    case 15: return at::logical_not(a);
    case 16: return at::square(a);
    case 17: return at::reciprocal(a);
    case 18: return at::log1p(a);
    case 19: return at::expm1(a);
    case 20: return at::softplus(a);
    case 21: return at::gelu(a);
    case 22: return at::erf(a);
    case 23: return at::isnan(a);
    case 24: return at::trunc(a);
    case 25: return at::log_sigmoid(a);
    case 26: return at::silu(a);
    default: throw std::invalid_argument("unknown unary op " + std::to_string(op));
  }
}

static at::Tensor binary(int op, const at::Tensor& a, const at::Tensor& b) {
  switch (op) {
    case 0: return at::add(a, b);
    case 1: return at::sub(a, b);
    case 2: return at::mul(a, b);
    case 3: return at::div(a, b);
    case 4: return at::pow(a, b);
    case 5: return at::maximum(a, b);
    case 6: return at::minimum(a, b);
    case 7: return at::eq(a, b);
    case 8: return at::ne(a, b);
    case 9: return at::lt(a, b);
    case 10: return at::le(a, b);
    case 11: return at::gt(a, b);
    case 12: return at::ge(a, b);
    case 13: return at::logical_and(a, b);
    case 14: return at::logical_or(a, b);
    case 15: return at::remainder(a, b);
    case 16: return at::atan2(a, b);
    case 17: return at::logical_xor(a, b);
    case 18: return at::floor_divide(a, b);
    default: throw std::invalid_argument("unknown binary op " + std::to_string(op));
  }
}

static at::Tensor binary_scalar(int op, const at::Tensor& a, const at::Scalar& s) {
  switch (op) {
    case 0: return at::add(a, s);
    case 1: return at::sub(a, s);
    case 2: return at::mul(a, s);
    case 3: return at::div(a, s);
    case 4: return at::pow(a, s);
    case 5: return at::clamp_min(a, s);
    case 6: return at::clamp_max(a, s);
    case 7: return at::eq(a, s);
    case 8: return at::ne(a, s);
    case 9: return at::lt(a, s);
    case 10: return at::le(a, s);
    case 11: return at::gt(a, s);
    case 12: return at::ge(a, s);
    case 15: return at::remainder(a, s);
    case 18: return at::floor_divide(a, s);
    case 20: return at::rsub(a, s);
    case 21: return at::mul(at::reciprocal(a), s);
    case 22: return at::pow(s, a);
    default: throw std::invalid_argument("unknown scalar op " + std::to_string(op));
  }
}

ST_API st_tensor st_unary(int op, st_tensor a) { ST_TRY_T(return st_wrap(unary(op, *a));) }
ST_API st_tensor st_binary(int op, st_tensor a, st_tensor b) { ST_TRY_T(return st_wrap(binary(op, *a, *b));) }
ST_API st_tensor st_binary_scalar(int op, st_tensor a, double s, int is_int) {
  ST_TRY_T(return st_wrap(binary_scalar(op, *a, is_int ? at::Scalar(static_cast<int64_t>(s)) : at::Scalar(s)));)
}
ST_API st_tensor st_add_scaled(st_tensor a, st_tensor b, double alpha) {
  ST_TRY_T(return st_wrap(at::add(*a, *b, alpha));)
}
ST_API st_tensor st_where(st_tensor c, st_tensor a, st_tensor b) { ST_TRY_T(return st_wrap(at::where(*c, *a, *b));) }
ST_API st_tensor st_clamp(st_tensor a, double lo, double hi, int has_lo, int has_hi) {
  ST_TRY_T(st_optional<at::Scalar> l, h; if (has_lo) l = lo; if (has_hi) h = hi; return st_wrap(at::clamp(*a, l, h));)
}
ST_API st_tensor st_softmax(st_tensor a, int64_t dim) { ST_TRY_T(return st_wrap(at::softmax(*a, dim));) }
ST_API st_tensor st_log_softmax(st_tensor a, int64_t dim) { ST_TRY_T(return st_wrap(at::log_softmax(*a, dim));) }
ST_API st_tensor st_matmul(st_tensor a, st_tensor b) { ST_TRY_T(return st_wrap(at::matmul(*a, *b));) }
ST_API st_tensor st_mm(st_tensor a, st_tensor b) { ST_TRY_T(return st_wrap(at::mm(*a, *b));) }
ST_API st_tensor st_bmm(st_tensor a, st_tensor b) { ST_TRY_T(return st_wrap(at::bmm(*a, *b));) }
ST_API st_tensor st_addmm(st_tensor c, st_tensor a, st_tensor b, double beta, double alpha) {
  ST_TRY_T(return st_wrap(at::addmm(*c, *a, *b, beta, alpha));)
}
ST_API st_tensor st_einsum(const char* eq, st_tensor* items, int n) {
  ST_TRY_T(return st_wrap(at::einsum(eq, st_list(items, n)));)
}
ST_API st_tensor st_linear(st_tensor x, st_tensor w, st_tensor b) {
  ST_TRY_T(return st_wrap(b ? at::linear(*x, *w, *b) : at::linear(*x, *w));)
}
