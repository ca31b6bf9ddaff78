// Autograd and in-place updates (optimizers run their updates under no-grad, as PyTorch's do).
#include "shim.h"

ST_API int st_requires_grad(st_tensor t) { return t->requires_grad() ? 1 : 0; }
ST_API int st_set_requires_grad(st_tensor t, int on) { ST_TRY_I(t->set_requires_grad(on != 0);) }
ST_API int st_is_leaf(st_tensor t) { return t->is_leaf() ? 1 : 0; }
ST_API st_tensor st_detach(st_tensor t) { ST_TRY_T(return st_wrap(t->detach());) }

ST_API int st_backward(st_tensor t, st_tensor grad, int retain_graph) {
  ST_TRY_I(if (grad) t->backward(*grad, retain_graph != 0); else t->backward({}, retain_graph != 0);)
}

// *out is null when the tensor has no gradient yet.
ST_API int st_grad(st_tensor t, st_tensor* out) {
  ST_TRY_I(const at::Tensor& g = t->grad(); *out = g.defined() ? st_wrap(g) : nullptr;)
}
// Replaces .grad; null clears it (PyTorch's zero_grad(set_to_none=True)).
ST_API int st_set_grad(st_tensor t, st_tensor g) {
  ST_TRY_I(if (g) t->mutable_grad() = *g; else t->mutable_grad().reset();)
}

ST_API int st_grad_enabled() { return c10::GradMode::is_enabled() ? 1 : 0; }
ST_API void st_set_grad_enabled(int on) { c10::GradMode::set_enabled(on != 0); }

// op: 0 add_(b*alpha), 1 sub_(b*alpha), 2 mul_, 3 div_, 4 copy_, 5 maximum into a
ST_API int st_inplace_binary(int op, st_tensor a, st_tensor b, double alpha) {
  ST_TRY_I(switch (op) {
    case 0: a->add_(*b, alpha); break;
    case 1: a->sub_(*b, alpha); break;
    case 2: a->mul_(*b); break;
    case 3: a->div_(*b); break;
    case 4: a->copy_(*b); break;
    case 5: at::maximum_out(*a, *a, *b); break;
    default: throw std::invalid_argument("unknown in-place binary op");
  })
}
// op: 0 add_, 1 sub_, 2 mul_, 3 div_, 4 fill_, 5 pow_, 6 clamp_min_, 7 clamp_max_
ST_API int st_inplace_scalar(int op, st_tensor a, double s) {
  ST_TRY_I(switch (op) {
    case 0: a->add_(s); break;
    case 1: a->sub_(s); break;
    case 2: a->mul_(s); break;
    case 3: a->div_(s); break;
    case 4: a->fill_(s); break;
    case 5: a->pow_(s); break;
    case 6: a->clamp_min_(s); break;
    case 7: a->clamp_max_(s); break;
    default: throw std::invalid_argument("unknown in-place scalar op");
  })
}
// op: 0 zero_, 1 sqrt_, 2 neg_, 3 relu_, 4 tanh_, 5 sigmoid_, 6 exp_, 7 abs_
ST_API int st_inplace_unary(int op, st_tensor a) {
  ST_TRY_I(switch (op) {
    case 0: a->zero_(); break;
    case 1: a->sqrt_(); break;
    case 2: a->neg_(); break;
    case 3: a->relu_(); break;
    case 4: a->tanh_(); break;
    case 5: a->sigmoid_(); break;
    case 6: a->exp_(); break;
    case 7: a->abs_(); break;
    default: throw std::invalid_argument("unknown in-place unary op");
  })
}
ST_API int st_addcmul_(st_tensor a, st_tensor t1, st_tensor t2, double v) { ST_TRY_I(a->addcmul_(*t1, *t2, v);) }
ST_API int st_addcdiv_(st_tensor a, st_tensor t1, st_tensor t2, double v) { ST_TRY_I(a->addcdiv_(*t1, *t2, v);) }
