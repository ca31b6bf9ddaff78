// The STM's item-memory write (reference §1.3, gates on) as one custom autograd function, and a faster tanh.
//
// Why: on the associative-retrieval config (B=128, d=48..96) a profile of a training step showed the gated write
// spread over ~25 autograd nodes and ~30 passes over (B, d, d) tensors, and libtorch 1.13's CPU tanh (Sleef u10)
// costing 15-30x an elementwise multiply on the small values memories hold. As ATen ops the forward is one GEMM and
// five elementwise passes, the backward two GEMMs, two small batched GEMMs and six passes.
// On the CPU with contiguous float32/float64 buffers the elementwise passes are fused loops (item_kernels.cpp):
// the forward is one GEMM and two passes, the backward three GEMMs and three passes. Elsewhere (CUDA, other
// dtypes) the same maths runs as ATen ops.
#include "shim.h"
#include "item_kernels.h"
#include <torch/csrc/autograd/custom_function.h>

namespace {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;
using at::Tensor;

struct FastTanh : public torch::autograd::Function<FastTanh> {
  static Tensor forward(AutogradContext* ctx, const Tensor& x) {
    ctx->set_materialize_grads(false);
    auto y = st_tanh_value(x);
    ctx->save_for_backward({y});
    return y;
  }

  static variable_list backward(AutogradContext* ctx, variable_list grads) {
    if (!grads[0].defined()) return {Tensor()};
    return {at::tanh_backward(grads[0], ctx->get_saved_variables()[0])};
  }
};

// R = I ⊙ tanh(c1 ⊗ c1) + F ⊙ Mi, with [I | F] = sigmoid(tanh(Mi)·W_mgᵀ + pre) over (B, d, 2d) and
// pre (B, 2d) = W_ig·c1 + b_ig + b_mg + [input_bias | forget_bias] (computed by the caller: small).
// Inputs: mi (B, d, d) (may be a stride-0 expand of the learned initial memory), c1 (B, d), w_mg (2d, d), pre (B, 2d).
struct StmItemWrite : public torch::autograd::Function<StmItemWrite> {
  static Tensor forward(AutogradContext* ctx, const Tensor& mi, const Tensor& c1, const Tensor& wmg, const Tensor& pre) {
    ctx->set_materialize_grads(false);
    int64_t b = mi.size(0), d = mi.size(1);
    TORCH_CHECK(mi.dim() == 3 && mi.size(2) == d, "item write: Mi must be (B, d, d), got ", mi.sizes());
    TORCH_CHECK(c1.dim() == 2 && c1.size(0) == b && c1.size(1) == d, "item write: c1 must be (", b, ", ", d, "), got ", c1.sizes());
    TORCH_CHECK(wmg.dim() == 2 && wmg.size(0) == 2 * d && wmg.size(1) == d, "item write: W_mg must be (", 2 * d, ", ", d, "), got ", wmg.sizes());
    TORCH_CHECK(pre.dim() == 2 && pre.size(0) == b && pre.size(1) == 2 * d, "item write: pre must be (", b, ", ", 2 * d, "), got ", pre.sizes());
    auto mic = mi.contiguous(), c1c = c1.contiguous(), prec = pre.contiguous();
    if (st_cpu_loops_apply({&mic, &c1c, &prec, &wmg}, mic.scalar_type())) {
      auto tmi = at::empty_like(mic);
      auto tx = at::empty_like(mic);
      auto r = at::empty_like(mic);
      Tensor gates;
      AT_DISPATCH_FLOATING_TYPES(mic.scalar_type(), "samtorch_item_write", [&] {
        samtorch::item_tanh<scalar_t>(mic.data_ptr<scalar_t>(), tmi.data_ptr<scalar_t>(), mic.numel());
        gates = at::mm(tmi.view({b * d, d}), wmg.t()).view({b, d, 2 * d});
        samtorch::item_write_forward<scalar_t>(gates.data_ptr<scalar_t>(), prec.data_ptr<scalar_t>(), c1c.data_ptr<scalar_t>(),
                                               mic.data_ptr<scalar_t>(), tx.data_ptr<scalar_t>(), r.data_ptr<scalar_t>(), b, d);
      });
      ctx->save_for_backward({mic, c1c, wmg, tmi, gates, tx});
      return r;
    }
    auto tmi = st_tanh_value(mi).contiguous();
    auto gates = at::mm(tmi.view({b * d, d}), wmg.t()).view({b, d, 2 * d});
    gates.add_(pre.unsqueeze(1)).sigmoid_();
    auto ig = gates.narrow(2, 0, d);
    auto fg = gates.narrow(2, d, d);
    auto tx = st_tanh_value(at::mul(c1.unsqueeze(2), c1.unsqueeze(1)));
    auto r = at::mul(ig, tx);
    r.addcmul_(fg, mi);
    ctx->save_for_backward({mi, c1, wmg, tmi, gates, tx});
    return r;
  }

  static variable_list backward(AutogradContext* ctx, variable_list grads) {
    auto dr = grads[0];
    if (!dr.defined()) return {Tensor(), Tensor(), Tensor(), Tensor()};
    auto saved = ctx->get_saved_variables();
    auto &mi = saved[0], &c1 = saved[1], &wmg = saved[2], &tmi = saved[3], &gates = saved[4], &tx = saved[5];
    int64_t b = mi.size(0), d = mi.size(1);
    auto ig = gates.narrow(2, 0, d);
    auto fg = gates.narrow(2, d, d);
    bool need_mi = ctx->needs_input_grad(0), need_c1 = ctx->needs_input_grad(1);
    bool need_w = ctx->needs_input_grad(2), need_pre = ctx->needs_input_grad(3);

    Tensor gmi, gc1, gw, gpre;
    auto drc = dr.contiguous();
    if (st_cpu_loops_apply({&drc, &mi, &c1, &tmi, &gates, &tx}, drc.scalar_type())) {
      auto dg = at::empty({b, d, 2 * d}, drc.options());
      if (need_c1) gc1 = at::empty({b, d}, drc.options());
      AT_DISPATCH_FLOATING_TYPES(drc.scalar_type(), "samtorch_item_write_bwd", [&] {
        samtorch::item_write_backward<scalar_t>(drc.data_ptr<scalar_t>(), gates.data_ptr<scalar_t>(), tx.data_ptr<scalar_t>(),
                                                mi.data_ptr<scalar_t>(), c1.data_ptr<scalar_t>(), dg.data_ptr<scalar_t>(),
                                                need_c1 ? gc1.data_ptr<scalar_t>() : nullptr, b, d);
        auto dg2 = dg.view({b * d, 2 * d});
        if (need_pre) gpre = dg.sum(1);
        if (need_w) gw = at::mm(dg2.t(), tmi.view({b * d, d}));
        if (need_mi) {
          gmi = at::mm(dg2, wmg).view({b, d, d});
          samtorch::item_mi_grad<scalar_t>(gmi.data_ptr<scalar_t>(), tmi.data_ptr<scalar_t>(), drc.data_ptr<scalar_t>(),
                                           gates.data_ptr<scalar_t>(), b, d);
        }
      });
      return {gmi, gc1, gw, gpre};
    }
    if (need_mi || need_w || need_pre) {
      // Gradient of the gate pre-activations, both halves in one (B, d, 2d) buffer.
      auto dg = at::empty({b, d, 2 * d}, dr.options());
      auto dgi = dg.narrow(2, 0, d);
      auto dgf = dg.narrow(2, d, d);
      at::mul_out(dgi, dr, tx);
      at::sigmoid_backward_out(dgi, dgi, ig);
      at::mul_out(dgf, dr, mi);
      at::sigmoid_backward_out(dgf, dgf, fg);
      auto dg2 = dg.view({b * d, 2 * d});
      if (need_pre) gpre = dg.sum(1);
      if (need_w) gw = at::mm(dg2.t(), tmi.view({b * d, d}));
      if (need_mi) {
        gmi = at::mm(dg2, wmg).view({b, d, d});
        at::tanh_backward_out(gmi, gmi, tmi);
        gmi.addcmul_(dr, fg);
      }
    }
    if (need_c1) {
      auto dx = at::mul(dr, ig);
      at::tanh_backward_out(dx, dx, tx);
      auto c1u = c1.unsqueeze(2);
      gc1 = at::baddbmm(at::bmm(dx, c1u), dx.transpose(1, 2), c1u).squeeze(2); // X = c1⊗c1: both factors
    }
    return {gmi, gc1, gw, gpre};
  }
};

} // namespace

// Float32 on the CPU: glibc's vector tanhf (item_kernels.cpp) in one pass over contiguous tensors, else
// tanh(x) = 2·sigmoid(2x) − 1 in four vectorised passes; either costs a fraction of libtorch 1.13's at::tanh there.
// The absolute error stays below 2.4e-7 (tested), so it is used only where values feed further float32 arithmetic.
// Other dtypes and devices get at::tanh.
static bool fast_tanh_applies(const at::Tensor& x) { return x.device().is_cpu() && x.scalar_type() == at::kFloat; }

at::Tensor st_tanh_value(const at::Tensor& x) {
  if (!fast_tanh_applies(x)) return at::tanh(x);
  if (x.is_contiguous()) {
    auto y = at::empty_like(x);
    samtorch::item_tanh<float>(x.data_ptr<float>(), y.data_ptr<float>(), x.numel());
    return y;
  }
  auto y = at::sigmoid(at::mul(x, 2));
  y.mul_(2).sub_(1);
  return y;
}

at::Tensor& st_tanh_inplace(at::Tensor& x) {
  if (!fast_tanh_applies(x)) return x.tanh_();
  if (x.is_contiguous()) {
    samtorch::item_tanh_inplace<float>(x.data_ptr<float>(), x.numel());
    return x;
  }
  return x.mul_(2).sigmoid_().mul_(2).sub_(1);
}

ST_API st_tensor st_fast_tanh(st_tensor x) { ST_TRY_T(return st_wrap(FastTanh::apply(*x));) }

// See StmItemWrite: R (B, d, d).
ST_API st_tensor st_stm_item_write(st_tensor mi, st_tensor c1, st_tensor wmg, st_tensor pre) {
  ST_TRY_T(return st_wrap(StmItemWrite::apply(*mi, *c1, *wmg, *pre));)
}
