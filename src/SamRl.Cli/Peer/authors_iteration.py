# Times one training iteration of the authors' PyTorch code (github.com/thaihungle/SAM) for one `samrl bench stm`
# configuration, so the two are measured side by side on the same machine and libtorch.
# Run by `samrl bench stm --peer <SAM checkout>`; SamRl ships this driver, never the authors' code.
# Each iteration is stepped as run_toys.py / run_nar.py step it, on one fixed batch (data generation is not timed),
# with clip_grad_value_(10) and the authors' optimizers.
# Prints one line: PEER-ROW {"config", "threads", "median_ms", "min_ms", "cpu_ms", "peak_rss_bytes", "parameters", ...}.
import argparse, json, os, resource, statistics, sys, time

ap = argparse.ArgumentParser()
ap.add_argument('--sam', required=True)
ap.add_argument('--config')
ap.add_argument('--check', action='store_true', help='only import torch and the authors\' modules')
ap.add_argument('--threads', type=int, default=1)
ap.add_argument('--iterations', type=int, default=3)
ap.add_argument('--device', default='cpu')
args = ap.parse_args()

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, args.sam)
from baselines.sam.stm_basic import STM  # noqa: E402
from baselines.nvm.lstm_baseline import LSTMBaseline  # noqa: E402

if args.check:
    print('PEER-ROW ' + json.dumps({'torch': torch.__version__}), flush=True)
    sys.exit(0)
torch.set_num_threads(args.threads)
torch.manual_seed(1234)
dev = args.device
cuda = dev.startswith('cuda')
sync = torch.cuda.synchronize if cuda else (lambda: None)
B, L = 128, 20


def clip_and_step(model, opt):
    nn.utils.clip_grad_value_(model.parameters(), 10)
    opt.step()


def copy_case(model):
    # run_toys.py, copy at length 20: start flag, 20 random 32-bit vectors, end flag, then 20 zero inputs read out.
    opt = torch.optim.RMSprop(model.parameters(), lr=1e-4, alpha=0.95, momentum=0.9)
    seq = torch.bernoulli(torch.full((L, B, 32), 0.5))
    inp = torch.zeros(L + 2, B, 34)
    inp[0, :, 32] = 1
    inp[1:L + 1, :, :32] = seq
    inp[L + 1, :, 33] = 1
    inp, target = inp.to(dev), seq.to(dev)
    crit = nn.BCELoss()

    def step():
        opt.zero_grad()
        model.init_sequence(batch_size=B)
        out = torch.zeros(target.size()).to(dev)
        for i in range(inp.size(0)):
            model(inp[i])
        zero = torch.zeros(inp.size()).to(dev)
        for i in range(L):
            sout, _ = model(zero[-1])
            out[i] = torch.sigmoid(sout)
        crit(out, target).backward()
        clip_and_step(model, opt)
    return step


def nfar_case(model):
    # run_toys.py, Nth-farthest: 8 input steps, cross-entropy on the last output.
    opt = torch.optim.Adam(model.parameters(), lr=1e-4)
    inp = (torch.rand(8, B, 40) * 2 - 1).to(dev)
    labels = torch.randint(0, 8, (B,)).to(dev)

    def step():
        opt.zero_grad()
        model.init_sequence(batch_size=B)
        for i in range(inp.size(0)):
            sout, _ = model(inp[i])
        F.cross_entropy(sout, labels).backward()
        clip_and_step(model, opt)
    return step


def retrieval_case(model):
    # run_nar.py with step_num=14: 31 tokens -> Embedding(37, 100) -> STM over the whole sequence, CE at the end.
    model.emb = nn.Embedding(37, 100)
    model.to(dev)
    opt = torch.optim.RMSprop(model.parameters(), lr=1e-4, momentum=0.9)
    tokens = torch.randint(0, 37, (31, B)).to(dev)
    labels = torch.randint(0, 10, (B,)).to(dev)

    def step():
        opt.zero_grad()
        out, _ = model(model.emb(tokens))
        F.cross_entropy(out, labels).backward()
        clip_and_step(model, opt)
    return step


builders = {
    'stm-copy': lambda: (lambda m: (m, copy_case(m)))(STM(34, 32, num_slot=8, slot_size=96, rel_size=96, rd=True).to(dev)),
    'stm-nfar': lambda: (lambda m: (m, nfar_case(m)))(STM(40, 8, num_slot=8, slot_size=128, rel_size=96, rd=False).to(dev)),
    'lstm-copy': lambda: (lambda m: (m, copy_case(m)))(LSTMBaseline(34, 512, 32, 1).to(dev)),
    'stm-ar30': lambda: (lambda m: (m, retrieval_case(m)))(STM(100, 10, num_slot=2, slot_size=96, rel_size=96, rd=True, init_alphas=[None, None, None])),
}
if args.config not in builders:
    sys.exit(f'unknown config {args.config}; valid: {", ".join(builders)}')
if cuda:
    torch.cuda.reset_peak_memory_stats()
model, step = builders[args.config]()
step()  # warm-up, as samrl bench stm does
sync()
wall, cpu = [], []
for _ in range(args.iterations):
    t0, c0 = time.perf_counter(), time.process_time()
    step()
    sync()
    wall.append((time.perf_counter() - t0) * 1e3)
    cpu.append((time.process_time() - c0) * 1e3)
row = {
    'config': args.config, 'threads': torch.get_num_threads(), 'median_ms': statistics.median(wall), 'min_ms': min(wall),
    'cpu_ms': statistics.median(cpu), 'peak_rss_bytes': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
    'peak_device_bytes': torch.cuda.max_memory_allocated() if cuda else -1,
    'parameters': sum(p.numel() for p in model.parameters() if p.requires_grad), 'torch': torch.__version__,
    'blas_threads_env': os.environ.get('OPENBLAS_NUM_THREADS'),
}
print('PEER-ROW ' + json.dumps(row), flush=True)
