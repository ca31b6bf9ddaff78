// Fused relational-memory ops of the STM (SamRl.Memory.StmCell), as custom autograd functions.
// The relational memory Mr (B, N, d, d) is by far the largest tensor of an STM step (37.7 MB on the copy task);
// written with plain ops, every step and its backward pass over it (and over its gradient) many times:
// outer-product gradients through K=1 GEMMs, zero fills, gradient accumulations, scalar multiplies, copies.
// These two functions touch Mr and its gradient as few times as the arithmetic allows. ATen ops only
// (no raw CPU loops), so the file compiles and runs unchanged against a CUDA libtorch.
#include "shim.h"
#include <torch/csrc/autograd/custom_function.h>

namespace {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;
using at::Tensor;

// Σ x⊙y over all elements with PyTorch's summation order quality (cascade sum), without a full-size temporary:
// rows of the (rows, cols) view are multiplied in cache-sized chunks into one reused buffer.
Tensor chunked_dot(const Tensor& x, const Tensor& y) {
  if (!x.is_contiguous() || !y.is_contiguous() || x.sizes() != y.sizes()) return (x * y).sum();
  int64_t cols = x.dim() > 0 ? x.size(-1) : 1;
  int64_t rows = x.numel() / std::max<int64_t>(cols, 1);
  auto x2 = x.view({rows, cols});
  auto y2 = y.view({rows, cols});
  int64_t chunk = std::max<int64_t>(1, (int64_t{1} << 19) / std::max<int64_t>(cols, 1)); // ~2 MB of float32
  if (chunk >= rows) return (x * y).sum();
  auto buf = at::empty({chunk, cols}, x.options());
  auto acc = at::zeros({}, x.options());
  for (int64_t r = 0; r < rows; r += chunk) {
    int64_t n = std::min(chunk, rows - r);
    auto b = buf.narrow(0, 0, n);
    at::mul_out(b, x2.narrow(0, r, n), y2.narrow(0, r, n));
    acc.add_(b.sum());
  }
  return acc;
}

// Mr read (Eq. 11): vr[b, f] = Σ_k wc[b, k]·Mr[b, k, f] with Mr viewed as (B, N·d, d). Returns (B, 1, d).
// Backward gives the Mr gradient as one broadcast outer product (no K=1 GEMM, no zero fill).
struct StmRead : public torch::autograd::Function<StmRead> {
  static Tensor forward(AutogradContext* ctx, const Tensor& mr, const Tensor& wc) {
    ctx->set_materialize_grads(false);
    int64_t b = mr.size(0), d = mr.size(-1), k = mr.numel() / (b * d);
    auto m = mr.reshape({b, k, d});
    auto w = wc.reshape({b, 1, k});
    ctx->save_for_backward({mr, wc});
    return at::bmm(w, m);
  }

  static variable_list backward(AutogradContext* ctx, variable_list grads) {
    auto g = grads[0];
    if (!g.defined()) return {Tensor(), Tensor()};
    auto saved = ctx->get_saved_variables();
    auto& mr = saved[0];
    auto& wc = saved[1];
    int64_t b = mr.size(0), d = mr.size(-1), k = mr.numel() / (b * d);
    Tensor gmr, gwc;
    if (ctx->needs_input_grad(1)) gwc = at::bmm(g, mr.reshape({b, k, d}).transpose(1, 2)).view(wc.sizes());
    if (ctx->needs_input_grad(0)) gmr = at::mul(wc.reshape({b, k, 1}), g.reshape({b, 1, d})).view(mr.sizes());
    return {gmr, gwc};
  }
};

// Relational write and output projection (Eq. 12 as coded, Eq. 14's first map):
//   R0[b, i, e, f] = Σ_j T[b, j, i, e]·v[b, j, f]             (T: tanh scores (B, N_k, N_q, d), v: (B, N_k, d_v))
//   Mr = a1·Mr_prev + R0                                        (a1: alpha1 tensor if given, else alpha1_value)
//   rel = Mr.view(B·N_q, d·d_v)·Wᵀ + b                          (only when W is given)
// Outputs: Mr as (B, N_q·d, d_v) and rel as (B·N_q, n_r) (plain tensors; the caller views them).
// Forward: one GEMM with beta = a1 writes Mr, one GEMM reads it. Backward: the incoming Mr gradient is folded into
// the rel input-gradient GEMM (beta = 1); the scores and v gradients are two GEMMs over it; a1's gradient is a
// chunked dot; Mr_prev gets a1 times it.
struct StmWrite : public torch::autograd::Function<StmWrite> {
  static variable_list forward(AutogradContext* ctx, const st_optional<Tensor>& mr_prev, const Tensor& scores,
                               const Tensor& v, const st_optional<Tensor>& alpha1, double alpha1_value,
                               const st_optional<Tensor>& w, const st_optional<Tensor>& bias) {
    ctx->set_materialize_grads(false);
    int64_t b = scores.size(0), nk = scores.size(1), nq = scores.size(2), d = scores.size(3), dv = v.size(2);
    auto st = scores.reshape({b, nk, nq * d}).transpose(1, 2); // (B, N_q·d, N_k)
    bool decay = mr_prev.has_value() && mr_prev->defined() && (alpha1.has_value() || alpha1_value != 0);
    double a1 = alpha1.has_value() ? alpha1->item<double>() : alpha1_value;
    Tensor mr;
    // a1 == 0 (a learnable α1 starts there): a plain bmm. baddbmm with beta 0 skips copying Mr_prev into its
    // output, and some of its CPU paths still read that uninitialised output (NaN · 0 = NaN).
    if (decay && a1 != 0)
      mr = at::baddbmm(mr_prev->reshape({b, nq * d, dv}), st, v, a1, 1);
    else
      mr = at::bmm(st, v);
    Tensor rel;
    bool proj = w.has_value() && w->defined();
    if (proj) {
      auto flat = mr.view({b * nq, d * dv});
      rel = bias.has_value() && bias->defined() ? at::addmm(*bias, flat, w->t()) : at::mm(flat, w->t());
    }
    // Backward edges exist only for tensor arguments that are present: record each argument's edge index.
    int64_t edge = 0;
    auto slot = [&](bool present) { return present ? edge++ : int64_t{-1}; };
    ctx->saved_data["e_prev"] = slot(mr_prev.has_value() && mr_prev->defined());
    ctx->saved_data["e_scores"] = slot(true);
    ctx->saved_data["e_v"] = slot(true);
    ctx->saved_data["e_a1"] = slot(alpha1.has_value() && alpha1->defined());
    ctx->saved_data["e_w"] = slot(proj);
    ctx->saved_data["e_b"] = slot(bias.has_value() && bias->defined());
    ctx->saved_data["a1"] = a1;
    ctx->saved_data["decay"] = decay;
    ctx->saved_data["learn_a1"] = alpha1.has_value();
    if (alpha1.has_value()) ctx->saved_data["a1_shape"] = alpha1->sizes().vec();
    ctx->save_for_backward({decay ? *mr_prev : Tensor(), scores, v, proj ? *w : Tensor(), mr});
    if (!proj) return {mr};
    return {mr, rel};
  }

  static variable_list backward(AutogradContext* ctx, variable_list grads) {
    auto saved = ctx->get_saved_variables();
    auto& mr_prev = saved[0];
    auto& scores = saved[1];
    auto& v = saved[2];
    auto& w = saved[3];
    auto& mr = saved[4];
    double a1 = ctx->saved_data["a1"].toDouble();
    bool decay = ctx->saved_data["decay"].toBool();
    bool learn_a1 = ctx->saved_data["learn_a1"].toBool();
    auto needs = [&](const char* key) {
      int64_t e = ctx->saved_data[key].toInt();
      return e >= 0 && ctx->needs_input_grad(static_cast<size_t>(e));
    };
    int64_t b = scores.size(0), nk = scores.size(1), nq = scores.size(2), d = scores.size(3), dv = v.size(2);

    Tensor gmr_out = grads[0];
    Tensor grel = grads.size() > 1 ? grads[1] : Tensor();
    Tensor gw, gbias;
    Tensor gm; // total gradient of Mr (= of R0), (B·N_q, d·d_v)
    bool own = false; // whether gm is a fresh tensor of this function (not the incoming gradient)
    if (grel.defined()) {
      auto g2 = grel.reshape({b * nq, -1});
      own = true;
      if (gmr_out.defined())
        gm = at::addmm(gmr_out.reshape({b * nq, d * dv}), g2, w);
      else
        gm = at::mm(g2, w);
      if (needs("e_w")) gw = at::mm(g2.t(), mr.view({b * nq, d * dv}));
      if (needs("e_b")) gbias = g2.sum(0);
    } else if (gmr_out.defined()) {
      gm = gmr_out.reshape({b * nq, d * dv});
    }
    Tensor gprev, gscores, gv, ga1;
    if (gm.defined()) {
      auto g3 = gm.view({b, nq * d, dv});
      auto sv = scores.reshape({b, nk, nq * d});
      if (needs("e_scores")) gscores = at::bmm(v, g3.transpose(1, 2)).view(scores.sizes());
      if (needs("e_v")) gv = at::bmm(sv, g3);
      if (decay) {
        if (learn_a1 && needs("e_a1")) {
          ga1 = chunked_dot(g3, mr_prev.reshape({b, nq * d, dv}));
          ga1 = ga1.reshape(ctx->saved_data["a1_shape"].toIntVector());
        }
        if (needs("e_prev")) {
          // gm is ours when it came from the rel GEMM: scale it in place (no new 37 MB buffer).
          gprev = (own ? g3.mul_(a1) : at::mul(g3, a1)).view(mr_prev.sizes());
        }
      }
    }
    return {gprev, gscores, gv, ga1, Tensor(), gw, gbias};
  }
};

} // namespace

// vr (B, 1, d) = Mr (B, N, d, d) read with wc (B, N·d); see StmRead.
ST_API st_tensor st_stm_read(st_tensor mr, st_tensor wc) { ST_TRY_T(return st_wrap(StmRead::apply(*mr, *wc));) }

// See StmWrite. mr_prev, alpha1, w, bias may be null. out[0] = Mr (B, N_q·d, d_v); out[1] = rel (B·N_q, n_r) or null.
ST_API int st_stm_write(st_tensor mr_prev, st_tensor scores, st_tensor v, st_tensor alpha1, double alpha1_value,
                        st_tensor w, st_tensor bias, st_tensor* out) {
  ST_TRY_I({
    auto opt = [](st_tensor t) { return t ? st_optional<at::Tensor>(*t) : st_optional<at::Tensor>(); };
    auto res = StmWrite::apply(opt(mr_prev), *scores, *v, opt(alpha1), alpha1_value, opt(w), opt(bias));
    out[0] = st_wrap(res[0]);
    out[1] = res.size() > 1 ? st_wrap(res[1]) : nullptr;
  })
}
