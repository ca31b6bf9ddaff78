// Tensor factories. Random ones draw from a caller-owned CPU generator (or the global one when null),
// then move to the device, so a seed gives the same numbers on every device.
#include "shim.h"

at::Generator* st_gen(void* g) { return static_cast<at::Generator*>(g); }

static st_optional<at::Generator> opt_gen(void* g) {
  if (!g) return {};
  return *st_gen(g);
}

ST_API void* st_generator_new(uint64_t seed) {
  try {
    return new at::Generator(at::make_generator<at::CPUGeneratorImpl>(seed));
  } catch (const std::exception& e) {
    st_set_error(e.what());
    return nullptr;
  }
}
ST_API void st_generator_free(void* g) { delete st_gen(g); }
ST_API int st_generator_seed(void* g, uint64_t seed) {
  ST_TRY_I(std::lock_guard<std::mutex> lock(st_gen(g)->mutex()); st_gen(g)->set_current_seed(seed);)
}
ST_API int st_manual_seed(uint64_t seed) {
  ST_TRY_I(auto gen = at::detail::getDefaultCPUGenerator(); std::lock_guard<std::mutex> lock(gen.mutex());
           gen.set_current_seed(seed);)
}

// kind: 0 empty, 1 zeros, 2 ones, 3 full(value)
ST_API st_tensor st_fill(int kind, const int64_t* shape, int ndim, double value, int dtype, int dev, int idx) {
  ST_TRY_T(auto o = st_options(dtype, dev, idx); auto s = st_dims(shape, ndim); switch (kind) {
    case 0: return st_wrap(at::empty(s, o));
    case 1: return st_wrap(at::zeros(s, o));
    case 2: return st_wrap(at::ones(s, o));
    case 3: return st_wrap(at::full(s, value, o));
    default: st_set_error("st_fill: unknown kind"); return nullptr;
  })
}

ST_API st_tensor st_arange(double start, double end, double step, int dtype, int dev, int idx) {
  ST_TRY_T(return st_wrap(at::arange(start, end, step, st_options(dtype, dev, idx)));)
}

ST_API st_tensor st_eye(int64_t n, int64_t m, int dtype, int dev, int idx) {
  ST_TRY_T(return st_wrap(at::eye(n, m, st_options(dtype, dev, idx)));)
}

ST_API st_tensor st_linspace(double start, double end, int64_t steps, int dtype, int dev, int idx) {
  ST_TRY_T(return st_wrap(at::linspace(start, end, steps, st_options(dtype, dev, idx)));)
}

// kind: 0 uniform [0,1), 1 standard normal
ST_API st_tensor st_rand(int kind, const int64_t* shape, int ndim, void* gen, int dtype, int dev, int idx) {
  ST_TRY_T(auto cpu = st_options(dtype, 0, 0); auto s = st_dims(shape, ndim);
           at::Tensor t = kind == 0 ? at::rand(s, opt_gen(gen), cpu) : at::randn(s, opt_gen(gen), cpu);
           return st_wrap(dev == 0 ? t : t.to(st_device(dev, idx)));)
}

ST_API st_tensor st_randint(int64_t low, int64_t high, const int64_t* shape, int ndim, void* gen, int dtype, int dev,
                            int idx) {
  ST_TRY_T(auto t = at::randint(low, high, st_dims(shape, ndim), opt_gen(gen), st_options(dtype, 0, 0));
           return st_wrap(dev == 0 ? t : t.to(st_device(dev, idx)));)
}

ST_API st_tensor st_randperm(int64_t n, void* gen, int dev, int idx) {
  ST_TRY_T(auto t = at::randperm(n, opt_gen(gen), st_options(static_cast<int>(at::kLong), 0, 0));
           return st_wrap(dev == 0 ? t : t.to(st_device(dev, idx)));)
}

// Generators are CPU generators: with one, a draw for a tensor on another device happens on the CPU and is copied
// there, so a seed gives the same numbers on every device (as the factories above do).
static bool draw_on_cpu(const at::Tensor& t, void* gen) { return gen && !t.is_cpu(); }

ST_API st_tensor st_multinomial(st_tensor probs, int64_t n, int replacement, void* gen) {
  ST_TRY_T(if (draw_on_cpu(*probs, gen)) return st_wrap(
               at::multinomial(probs->to(at::kCPU), n, replacement != 0, opt_gen(gen)).to(probs->device()));
           return st_wrap(at::multinomial(*probs, n, replacement != 0, opt_gen(gen)));)
}

ST_API st_tensor st_bernoulli(st_tensor p, void* gen) {
  ST_TRY_T(if (draw_on_cpu(*p, gen)) return st_wrap(at::bernoulli(p->to(at::kCPU), opt_gen(gen)).to(p->device()));
           return st_wrap(at::bernoulli(*p, opt_gen(gen)));)
}

// In-place initialisers used by nn.init: kind 0 uniform_(a,b), 1 normal_(mean=a, std=b).
ST_API int st_init_(st_tensor t, int kind, double a, double b, void* gen) {
  ST_TRY_I(at::NoGradGuard ng; at::Tensor target = draw_on_cpu(*t, gen) ? at::empty(t->sizes(), t->options().device(at::kCPU)) : *t;
           if (kind == 0) target.uniform_(a, b, opt_gen(gen)); else target.normal_(a, b, opt_gen(gen));
           if (!target.is_same(*t)) t->copy_(target);)
}

// Copies caller memory (any dtype) into a new tensor; the caller keeps ownership of data.
ST_API st_tensor st_from_data(const void* data, const int64_t* shape, int ndim, int dtype, int dev, int idx) {
  ST_TRY_T(auto cpu = at::TensorOptions().dtype(static_cast<at::ScalarType>(dtype));
           auto t = at::from_blob(const_cast<void*>(data), st_dims(shape, ndim), cpu).clone();
           return st_wrap(dev == 0 ? t : t.to(st_device(dev, idx)));)
}

ST_API st_tensor st_scalar_tensor(double value, int dtype, int dev, int idx) {
  ST_TRY_T(return st_wrap(at::scalar_tensor(value, st_options(dtype, dev, idx)));)
}

// Copies the tensor's elements (row-major, contiguous, on the CPU) into dst, which holds nbytes.
ST_API int st_copy_data(st_tensor t, void* dst, int64_t nbytes) {
  ST_TRY_I(auto c = t->detach().to(at::kCPU).contiguous(); int64_t need = c.numel() * static_cast<int64_t>(c.element_size());
           if (need != nbytes) throw std::runtime_error("copy_data: buffer holds " + std::to_string(nbytes) +
                                                        " bytes, tensor needs " + std::to_string(need));
           if (need > 0) std::memcpy(dst, c.data_ptr(), static_cast<size_t>(need));)
}
