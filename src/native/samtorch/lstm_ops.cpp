// Fused LSTM cell (PyTorch's nn.LSTMCell semantics and gate layout i, f, g, o) as one custom autograd function.
//   gates = x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh   (one addmm, then a second addmm accumulating into it, beta = 1)
//   c' = σ(f)·c + σ(i)·tanh(g);  h' = σ(o)·tanh(c')
// The plain composition runs some ten pointwise ops (each a pass over (B, 4H) or (B, H)) forward and about twice
// that backward, plus autograd nodes for each. Here forward is two GEMMs and one pointwise pass; backward one
// pointwise pass producing the (B, 4H) gate gradient, then the GEMMs for x, h and weights and one column sum for
// the biases. The pointwise passes are plain loops for contiguous float32/float64 CPU tensors and ATen ops otherwise
// (so the file still works on other devices and dtypes).
#include "shim.h"
#include <torch/csrc/autograd/custom_function.h>
#include <cmath>

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

struct LstmCellFn : public torch::autograd::Function<LstmCellFn> {
  static variable_list forward(AutogradContext* ctx, const Tensor& x, const Tensor& h, const Tensor& c, const Tensor& w_ih,
                               const Tensor& w_hh, const st_optional<Tensor>& b_ih, const st_optional<Tensor>& b_hh) {
    ctx->set_materialize_grads(false);
    int64_t b = x.size(0), hs = h.size(1);
    bool has_bias = b_ih.has_value() && b_ih->defined();
    Tensor gates = has_bias ? at::addmm(*b_ih, x, w_ih.t()) : at::mm(x, w_ih.t());
    gates.addmm_(h, w_hh.t());
    if (has_bias) gates.add_(*b_hh);
    Tensor cc = c.contiguous();
    Tensor h2, c2, tc2;
    if (st_cpu_loops_apply({&gates, &cc}, gates.scalar_type())) {
      h2 = at::empty({b, hs}, gates.options());
      c2 = at::empty({b, hs}, gates.options());
      auto g3 = gates.view({b, 4, hs});
      auto if_ = g3.narrow(1, 0, 2);
      auto o = g3.select(1, 3);
      auto g = g3.select(1, 2);
      if_.sigmoid_();
      o.sigmoid_();
      st_tanh_inplace(g);
      AT_DISPATCH_FLOATING_TYPES(gates.scalar_type(), "samtorch_lstm_c", [&] {
        lstm_cell_state_loop<scalar_t>(gates.data_ptr<scalar_t>(), cc.data_ptr<scalar_t>(), c2.data_ptr<scalar_t>(), b, hs);
      });
      tc2 = st_tanh_value(c2);
      AT_DISPATCH_FLOATING_TYPES(gates.scalar_type(), "samtorch_lstm_h", [&] {
        lstm_out_loop<scalar_t>(gates.data_ptr<scalar_t>(), tc2.data_ptr<scalar_t>(), h2.data_ptr<scalar_t>(), b, hs);
      });
    } else {
      auto parts = gates.chunk(4, 1);
      parts[0].sigmoid_();
      parts[1].sigmoid_();
      st_tanh_inplace(parts[2]);
      parts[3].sigmoid_();
      c2 = parts[1] * cc + parts[0] * parts[2];
      tc2 = st_tanh_value(c2);
      h2 = parts[3] * tc2;
    }
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
    Tensor gh = grads[0], gc = grads[1];
    if (!gh.defined() && !gc.defined()) return {Tensor(), Tensor(), Tensor(), Tensor(), Tensor(), Tensor(), Tensor()};
    int64_t b = x.size(0), hs = h.size(1);
    if (gh.defined()) gh = gh.contiguous();
    if (gc.defined()) gc = gc.contiguous();
    Tensor dgates, dc;
    if (st_cpu_loops_apply({&act, &c, &tc2, &gh, &gc}, act.scalar_type())) {
      dgates = at::empty({b, 4 * hs}, act.options());
      dc = at::empty({b, hs}, act.options());
      AT_DISPATCH_FLOATING_TYPES(act.scalar_type(), "samtorch_lstm_bwd", [&] {
        lstm_bwd_loop<scalar_t>(act.data_ptr<scalar_t>(), c.data_ptr<scalar_t>(), tc2.data_ptr<scalar_t>(),
                                gh.defined() ? gh.data_ptr<scalar_t>() : nullptr,
                                gc.defined() ? gc.data_ptr<scalar_t>() : nullptr, dgates.data_ptr<scalar_t>(),
                                dc.data_ptr<scalar_t>(), b, hs);
      });
    } else {
      auto a = act.chunk(4, 1);
      auto& i = a[0];
      auto& f = a[1];
      auto& g = a[2];
      auto& o = a[3];
      Tensor ghv = gh.defined() ? gh : at::zeros_like(tc2);
      Tensor gct = ghv * o * (1 - tc2 * tc2);
      if (gc.defined()) gct = gct + gc;
      dgates = at::cat({gct * g * i * (1 - i), gct * c * f * (1 - f), gct * i * (1 - g * g), ghv * tc2 * o * (1 - o)}, 1);
      dc = gct * f;
    }
    Tensor gx, ghp, gwih, gwhh, gbih, gbhh;
    if (ctx->needs_input_grad(0)) gx = at::mm(dgates, w_ih);
    if (ctx->needs_input_grad(1)) ghp = at::mm(dgates, w_hh);
    if (ctx->needs_input_grad(3)) gwih = at::mm(dgates.t(), x);
    if (ctx->needs_input_grad(4)) gwhh = at::mm(dgates.t(), h);
    if (has_bias && (ctx->needs_input_grad(5) || ctx->needs_input_grad(6))) {
      Tensor gb = dgates.sum(0);
      if (ctx->needs_input_grad(5)) gbih = gb;
      if (ctx->needs_input_grad(6)) gbhh = ctx->needs_input_grad(5) ? gb.clone() : gb;
    }
    return {gx, ghp, ctx->needs_input_grad(2) ? dc : Tensor(), gwih, gwhh, gbih, gbhh};
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
