// Layer functionals with options the basic entry points in nn.cpp do not take
// (used by SamRl.Torch.NN.Embedding and MaxPool2d).
#include "shim.h"

// Embedding lookup; padding_idx >= 0 keeps that row's gradient at zero, as torch.nn.Embedding does.
ST_API st_tensor st_embedding_ex(st_tensor w, st_tensor idx, int64_t padding_idx) {
  ST_TRY_T(return st_wrap(at::embedding(*w, *idx, padding_idx < 0 ? -1 : padding_idx));)
}

// Max pooling with (height, width) pairs for kernel, stride, padding and dilation.
ST_API st_tensor st_max_pool2d_ex(st_tensor x, const int64_t* k, const int64_t* s, const int64_t* p, const int64_t* d,
                                  int ceil_mode) {
  ST_TRY_T(return st_wrap(at::max_pool2d(*x, st_dims(k, 2), st_dims(s, 2), st_dims(p, 2), st_dims(d, 2), ceil_mode != 0));)
}
