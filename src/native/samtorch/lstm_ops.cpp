// Fused LSTM cell (PyTorch's nn.LSTMCell semantics and gate layout i, f, g, o) as one custom autograd function.
//   gates = x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh   (two products, the second accumulating into the first; gemv at batch 1)
//   c' = σ(f)·c + σ(i)·tanh(g);  h' = σ(o)·tanh(c')
// The plain composition runs some ten pointwise ops (each a pass over (B, 4H) or (B, H)) forward and about twice
// that backward, plus autograd nodes for each. Here forward is two GEMMs and one pointwise pass; backward one
// pointwise pass producing the (B, 4H) gate gradient, then the GEMMs for x, h and weights and one column sum for
// the biases. The pointwise passes are plain loops for contiguous float32/float64 CPU tensors and ATen ops otherwise
// (so the file still works on other devices and dtypes).
#include "shim.h"
#include <torch/csrc/autograd/custom_function.h>
#include <cmath>
#include <tuple>
#include <utility>

// The plain loops below are simple enough for GCC to vectorise, which -O2's "very cheap" cost model declines when
// the trip count is not known to be a multiple of the vector width.
#if defined(__GNUC__) && !defined(__clang__)
#define ST_VECTORIZE __attribute__((optimize("tree-vectorize", "vect-cost-model=dynamic")))
#else
#define ST_VECTORIZE
#endif

namespace {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;
using at::Tensor;

// With the gates already activated in place (σ i, σ f, tanh g, σ o; ATen's vectorised kernels): c2 = f·c + i·g.
template <typename T>
ST_VECTORIZE void lstm_cell_state_loop(const T* __restrict gates, const T* __restrict c, T* __restrict c2, int64_t b, int64_t hs) {
  for (int64_t r = 0; r < b; r++) {
    const T* __restrict gi = gates + r * 4 * hs;
    const T* __restrict gf = gi + hs;
    const T* __restrict gg = gf + hs;
    const T* __restrict cr = c + r * hs;
    T* __restrict cr2 = c2 + r * hs;
    for (int64_t k = 0; k < hs; k++) cr2[k] = gf[k] * cr[k] + gi[k] * gg[k];
  }
}

// h2 = o·tanh(c2), tc2 holding tanh(c2).
template <typename T>
ST_VECTORIZE void lstm_out_loop(const T* __restrict gates, const T* __restrict tc2, T* __restrict h2, int64_t b, int64_t hs) {
  for (int64_t r = 0; r < b; r++) {
    const T* __restrict go = gates + r * 4 * hs + 3 * hs;
    const T* __restrict tr = tc2 + r * hs;
    T* __restrict hr = h2 + r * hs;
    for (int64_t k = 0; k < hs; k++) hr[k] = go[k] * tr[k];
  }
}

// dgates (B, 4H) and dc (B, H) from the activated gates, c, tanh(c'), and the incoming gh, gc (either may be null).
template <typename T>
ST_VECTORIZE void lstm_bwd_loop(const T* __restrict act, const T* __restrict c, const T* __restrict tc2, const T* __restrict gh,
                   const T* __restrict gc, T* __restrict dgates, T* __restrict dc, int64_t b, int64_t hs) {
  for (int64_t r = 0; r < b; r++) {
    const T* ai = act + r * 4 * hs;
    const T* af = ai + hs;
    const T* ag = af + hs;
    const T* ao = ag + hs;
    T* di = dgates + r * 4 * hs;
    T* df = di + hs;
    T* dg = df + hs;
    T* dO = dg + hs;
    const T* cr = c + r * hs;
    const T* tr = tc2 + r * hs;
    const T* ghr = gh ? gh + r * hs : nullptr;
    const T* gcr = gc ? gc + r * hs : nullptr;
    T* dcr = dc + r * hs;
    for (int64_t k = 0; k < hs; k++) {
      T i = ai[k], f = af[k], g = ag[k], o = ao[k], tc = tr[k];
      T ghk = ghr ? ghr[k] : T(0);
      T gct = (gcr ? gcr[k] : T(0)) + ghk * o * (T(1) - tc * tc);
      di[k] = gct * g * i * (T(1) - i);
      df[k] = gct * cr[k] * f * (T(1) - f);
      dg[k] = gct * i * (T(1) - g * g);
      dO[k] = ghk * tc * o * (T(1) - o);
      dcr[k] = gct * f;
    }
  }
}

// One step's pointwise part, forward: activates gates (B, 4H) in place (σ i, σ f, tanh g, σ o) and writes
// c2 = f·c + i·g, tc2 = tanh(c2), h2 = o·tc2 into the given (B, H) tensors (fresh, or slices of a sequence buffer).
void cell_pointwise_forward(Tensor& gates, const Tensor& c, Tensor& c2, Tensor& tc2, Tensor& h2) {
  int64_t b = gates.size(0), hs = gates.size(1) / 4;
  if (st_cpu_loops_apply({&gates, &c, &c2, &tc2, &h2}, gates.scalar_type())) {
    auto g3 = gates.view({b, 4, hs});
    g3.narrow(1, 0, 2).sigmoid_();
    g3.select(1, 3).sigmoid_();
    auto g = g3.select(1, 2);
    st_tanh_inplace(g);
    AT_DISPATCH_FLOATING_TYPES(gates.scalar_type(), "samtorch_lstm_c", [&] {
      lstm_cell_state_loop<scalar_t>(gates.data_ptr<scalar_t>(), c.data_ptr<scalar_t>(), c2.data_ptr<scalar_t>(), b, hs);
    });
    tc2.copy_(st_tanh_value(c2));
    AT_DISPATCH_FLOATING_TYPES(gates.scalar_type(), "samtorch_lstm_h", [&] {
      lstm_out_loop<scalar_t>(gates.data_ptr<scalar_t>(), tc2.data_ptr<scalar_t>(), h2.data_ptr<scalar_t>(), b, hs);
    });
    return;
  }
  auto parts = gates.chunk(4, 1);
  parts[0].sigmoid_();
  parts[1].sigmoid_();
  st_tanh_inplace(parts[2]);
  parts[3].sigmoid_();
  c2.copy_(parts[1] * c + parts[0] * parts[2]);
  tc2.copy_(st_tanh_value(c2));
  h2.copy_(parts[3] * tc2);
}

// One step's pointwise part, backward: from the activated gates, c, tanh(c2) and the incoming gh, gc (either may be
// undefined), writes the gate gradient (B, 4H) into dgates and returns dc (B, H).
Tensor cell_pointwise_backward(const Tensor& act, const Tensor& c, const Tensor& tc2, const Tensor& gh, const Tensor& gc,
                               Tensor& dgates) {
  int64_t b = act.size(0), hs = act.size(1) / 4;
  if (st_cpu_loops_apply({&act, &c, &tc2, &gh, &gc, &dgates}, act.scalar_type())) {
    Tensor dc = at::empty({b, hs}, act.options());
    AT_DISPATCH_FLOATING_TYPES(act.scalar_type(), "samtorch_lstm_bwd", [&] {
      lstm_bwd_loop<scalar_t>(act.data_ptr<scalar_t>(), c.data_ptr<scalar_t>(), tc2.data_ptr<scalar_t>(),
                              gh.defined() ? gh.data_ptr<scalar_t>() : nullptr, gc.defined() ? gc.data_ptr<scalar_t>() : nullptr,
                              dgates.data_ptr<scalar_t>(), dc.data_ptr<scalar_t>(), b, hs);
    });
    return dc;
  }
  auto a = act.chunk(4, 1);
  auto& i = a[0];
  auto& f = a[1];
  auto& g = a[2];
  auto& o = a[3];
  Tensor ghv = gh.defined() ? gh : at::zeros_like(tc2);
  Tensor gct = ghv * o * (1 - tc2 * tc2);
  if (gc.defined()) gct = gct + gc;
  dgates.copy_(at::cat({gct * g * i * (1 - i), gct * c * f * (1 - f), gct * i * (1 - g * g), ghv * tc2 * o * (1 - o)}, 1));
  return gct * f;
}

Tensor contiguous_or_undefined(const Tensor& t) { return t.defined() ? t.contiguous() : t; }

// a·w for a [B, K] and w [K, N] (any view). At B == 1, an actor stepping one game, as a matrix-vector product:
// OpenBLAS's sgemm first packs all of w (8 MB for the agent's W_ih), which cost more than the product itself.
Tensor row_mm(const Tensor& a, const Tensor& w) {
  if (a.size(0) == 1) return at::mv(w.t(), a.select(0, 0)).unsqueeze(0);
  return at::mm(a, w);
}

// out += a·w, as row_mm.
void add_row_mm_(const Tensor& out, const Tensor& a, const Tensor& w) {
  if (a.size(0) == 1) {
    Tensor row = out.select(0, 0);
    row.addmv_(w.t(), a.select(0, 0));
  } else {
    out.addmm_(a, w);
  }
}

// b_ih and b_hh (inputs 5 and 6 of both LSTM functions) get the same gradient: the column sum of the (rows, 4H) gate
// gradient, each only where it is needed.
std::pair<Tensor, Tensor> bias_grads(AutogradContext* ctx, const Tensor& dgates) {
  bool need_ih = ctx->needs_input_grad(5), need_hh = ctx->needs_input_grad(6);
  if (!need_ih && !need_hh) return {Tensor(), Tensor()};
  Tensor gb = dgates.sum(0);
  return {need_ih ? gb : Tensor(), need_hh ? (need_ih ? gb.clone() : gb) : Tensor()};
}

struct LstmCellFn : public torch::autograd::Function<LstmCellFn> {
  static variable_list forward(AutogradContext* ctx, const Tensor& x, const Tensor& h, const Tensor& c, const Tensor& w_ih,
                               const Tensor& w_hh, const st_optional<Tensor>& b_ih, const st_optional<Tensor>& b_hh) {
    ctx->set_materialize_grads(false);
    int64_t b = x.size(0), hs = h.size(1);
    bool has_bias = b_ih.has_value() && b_ih->defined();
    Tensor gates = row_mm(x, w_ih.t());
    add_row_mm_(gates, h, w_hh.t());
    if (has_bias) gates.add_(*b_ih).add_(*b_hh);
    Tensor cc = c.contiguous();
    Tensor c2 = at::empty({b, hs}, gates.options()), tc2 = at::empty_like(c2), h2 = at::empty_like(c2);
    cell_pointwise_forward(gates, cc, c2, tc2, h2);
    ctx->saved_data["has_bias"] = has_bias;
    ctx->save_for_backward({x, h, cc, w_ih, w_hh, gates, tc2});
    return {h2, c2};
  }

  static variable_list backward(AutogradContext* ctx, variable_list grads) {
    auto saved = ctx->get_saved_variables();
    auto& x = saved[0];
    auto& h = saved[1];
    auto& c = saved[2];
    auto& w_ih = saved[3];
    auto& w_hh = saved[4];
    auto& act = saved[5];
    auto& tc2 = saved[6];
    bool has_bias = ctx->saved_data["has_bias"].toBool();
    Tensor gh = contiguous_or_undefined(grads[0]), gc = contiguous_or_undefined(grads[1]);
    if (!gh.defined() && !gc.defined()) return {Tensor(), Tensor(), Tensor(), Tensor(), Tensor(), Tensor(), Tensor()};
    Tensor dgates = at::empty_like(act);
    Tensor dc = cell_pointwise_backward(act, c, tc2, gh, gc, dgates);
    Tensor gx, ghp, gwih, gwhh, gbih, gbhh;
    if (ctx->needs_input_grad(0)) gx = row_mm(dgates, w_ih);
    if (ctx->needs_input_grad(1)) ghp = row_mm(dgates, w_hh);
    if (ctx->needs_input_grad(3)) gwih = at::mm(dgates.t(), x);
    if (ctx->needs_input_grad(4)) gwhh = at::mm(dgates.t(), h);
    if (has_bias) std::tie(gbih, gbhh) = bias_grads(ctx, dgates);
    return {gx, ghp, ctx->needs_input_grad(2) ? dc : Tensor(), gwih, gwhh, gbih, gbhh};
  }
};

// A whole sequence of LSTM steps as one autograd function, for inputs known up front (supervised tasks). Forward:
// one GEMM projects every step's input at once, then one GEMM and one pointwise pass per step. Backward: per step
// only the pointwise pass and dh = dgates·W_hh; the weight and bias gradients are one GEMM each over all T·B rows
// (instead of T small GEMMs whose results autograd then adds up), and so is the input gradient.
struct LstmSequenceFn : public torch::autograd::Function<LstmSequenceFn> {
  static variable_list forward(AutogradContext* ctx, const Tensor& xs, const Tensor& h0, const Tensor& c0, const Tensor& w_ih,
                               const Tensor& w_hh, const st_optional<Tensor>& b_ih, const st_optional<Tensor>& b_hh) {
    ctx->set_materialize_grads(false);
    int64_t steps = xs.size(0), b = xs.size(1), hs = h0.size(1);
    bool has_bias = b_ih.has_value() && b_ih->defined();
    Tensor flat = xs.reshape({steps * b, xs.size(2)});
    Tensor act = has_bias ? at::addmm(*b_ih + *b_hh, flat, w_ih.t()) : at::mm(flat, w_ih.t());
    act = act.view({steps, b, 4 * hs});
    Tensor cs = at::empty({steps, b, hs}, act.options()), tcs = at::empty_like(cs), hseq = at::empty_like(cs);
    Tensor c0c = c0.contiguous();
    Tensor h = h0.contiguous(), c = c0c;
    for (int64_t t = 0; t < steps; t++) {
      Tensor gates = act.select(0, t), c2 = cs.select(0, t), tc2 = tcs.select(0, t), h2 = hseq.select(0, t);
      add_row_mm_(gates, h, w_hh.t());
      cell_pointwise_forward(gates, c, c2, tc2, h2);
      h = h2;
      c = c2;
    }
    ctx->saved_data["has_bias"] = has_bias;
    ctx->save_for_backward({xs, h0, c0c, w_ih, w_hh, act, cs, tcs, hseq});
    return {hseq, cs.select(0, steps - 1).clone()};
  }

  static variable_list backward(AutogradContext* ctx, variable_list grads) {
    auto saved = ctx->get_saved_variables();
    auto& xs = saved[0];
    auto& h0 = saved[1];
    auto& c0 = saved[2];
    auto& w_ih = saved[3];
    auto& w_hh = saved[4];
    auto& act = saved[5];
    auto& cs = saved[6];
    auto& tcs = saved[7];
    auto& hseq = saved[8];
    bool has_bias = ctx->saved_data["has_bias"].toBool();
    Tensor g_hs = contiguous_or_undefined(grads[0]), g_c = contiguous_or_undefined(grads[1]);
    int64_t steps = xs.size(0), b = xs.size(1);
    if (!g_hs.defined() && !g_c.defined()) return {Tensor(), Tensor(), Tensor(), Tensor(), Tensor(), Tensor(), Tensor()};
    Tensor dgates = at::empty_like(act);
    Tensor dh, dc = g_c;
    for (int64_t t = steps - 1; t >= 0; t--) {
      Tensor gh = g_hs.defined() ? (dh.defined() ? g_hs.select(0, t) + dh : g_hs.select(0, t)) : dh;
      Tensor dg = dgates.select(0, t);
      dc = cell_pointwise_backward(act.select(0, t), t > 0 ? cs.select(0, t - 1) : c0, tcs.select(0, t), gh, dc, dg);
      if (t > 0 || ctx->needs_input_grad(1)) dh = row_mm(dg, w_hh);
    }
    Tensor flat_dg = dgates.view({steps * b, dgates.size(2)});
    Tensor gx, gwih, gwhh, gbih, gbhh;
    if (ctx->needs_input_grad(0)) gx = at::mm(flat_dg, w_ih).view(xs.sizes());
    if (ctx->needs_input_grad(3)) gwih = at::mm(flat_dg.t(), xs.reshape({steps * b, xs.size(2)}));
    if (ctx->needs_input_grad(4)) {
      // The h each step multiplied: h0, then the outputs of every step but the last.
      Tensor hprev = steps > 1 ? at::cat({h0.unsqueeze(0), hseq.narrow(0, 0, steps - 1)}, 0) : h0.unsqueeze(0);
      gwhh = at::mm(flat_dg.t(), hprev.reshape({steps * b, hprev.size(2)}));
    }
    if (has_bias) std::tie(gbih, gbhh) = bias_grads(ctx, flat_dg);
    return {gx, ctx->needs_input_grad(1) ? dh : Tensor(), ctx->needs_input_grad(2) ? dc : Tensor(), gwih, gwhh, gbih, gbhh};
  }
};

} // namespace

// One LSTM cell step; see LstmCellFn. b_ih and b_hh may both be null. out[0] = h' (B, H), out[1] = c' (B, H).
ST_API int st_lstm_cell(st_tensor x, st_tensor h, st_tensor c, st_tensor w_ih, st_tensor w_hh, st_tensor b_ih, st_tensor b_hh,
                        st_tensor* out) {
  ST_TRY_I({
    auto opt = [](st_tensor t) { return t ? st_optional<at::Tensor>(*t) : st_optional<at::Tensor>(); };
    auto res = LstmCellFn::apply(*x, *h, *c, *w_ih, *w_hh, opt(b_ih), opt(b_hh));
    out[0] = st_wrap(res[0]);
    out[1] = st_wrap(res[1]);
  })
}

// A sequence of LSTM cell steps; see LstmSequenceFn. xs (T, B, I) with T >= 1. out[0] = every step's h (T, B, H),
// out[1] = the last c (B, H).
ST_API int st_lstm_sequence(st_tensor xs, st_tensor h, st_tensor c, st_tensor w_ih, st_tensor w_hh, st_tensor b_ih,
                            st_tensor b_hh, st_tensor* out) {
  ST_TRY_I({
    if (xs->dim() != 3 || xs->size(0) < 1) throw std::invalid_argument("lstm_sequence: xs must be (T >= 1, B, input)");
    auto opt = [](st_tensor t) { return t ? st_optional<at::Tensor>(*t) : st_optional<at::Tensor>(); };
    auto res = LstmSequenceFn::apply(*xs, *h, *c, *w_ih, *w_hh, opt(b_ih), opt(b_hh));
    out[0] = st_wrap(res[0]);
    out[1] = st_wrap(res[1]);
  })
}
