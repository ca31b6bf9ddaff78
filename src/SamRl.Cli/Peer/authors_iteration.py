# Times one training iteration of the authors' PyTorch code (github.com/thaihungle/SAM) for one `samrl bench stm`
# configuration, so the two are measured side by side on the same machine and libtorch.
# Run by `samrl bench stm --peer <SAM checkout>`; SamRl ships this driver, never the authors' code.
# Each iteration is stepped as run_toys.py / run_nar.py step it, on one fixed batch (data generation is not timed),
# with clip_grad_value_(10) and the authors' optimizers.
# Prints one line: PEER-ROW {"config", "threads", "median_ms", "min_ms", "cpu_ms", "peak_rss_bytes", "parameters", ...},
# or with --parity, PEER-ROW {"config", "losses", "init"}: the loss of each iteration from the start SamRl wrote, and
# a summary of each parameter as their code initialises it; or with --export, writes their own start for SamRl to load.
import argparse, json, os, resource, statistics, struct, sys, time

ap = argparse.ArgumentParser()
ap.add_argument('--sam', required=True)
ap.add_argument('--config')
ap.add_argument('--check', action='store_true', help='only import torch and the authors\' modules')
ap.add_argument('--threads', type=int, default=1)
ap.add_argument('--iterations', type=int, default=3)
ap.add_argument('--device', default='cpu')
ap.add_argument('--parity', help='safetensors start from `samrl bench parity`: step from it and print the losses')
ap.add_argument('--export', help='write their own start (their initialisation, a batch from their RNG) there, for SamRl to load')
ap.add_argument('--dtype', default='float32', help='with --export: float32 or float64')
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


def read_safetensors(path):
    """The start written by `samrl bench parity`: weights under the authors' names, the batch under batch.*."""
    import numpy as np
    dtypes = {'F32': np.float32, 'F64': np.float64, 'I64': np.int64}
    with open(path, 'rb') as f:
        n = struct.unpack('<Q', f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    out = {}
    for name, meta in header.items():
        if name == '__metadata__':
            continue
        a, b = meta['data_offsets']
        out[name] = torch.from_numpy(np.frombuffer(data[a:b], dtype=dtypes[meta['dtype']]).reshape(meta['shape']).copy())
    return out


def write_safetensors(path, tensors):
    codes = {torch.float32: 'F32', torch.float64: 'F64', torch.int64: 'I64'}
    header, blobs, offset = {}, [], 0
    for name, t in tensors.items():
        data = t.detach().cpu().contiguous().numpy().tobytes()
        header[name] = {'dtype': codes[t.dtype], 'shape': list(t.shape), 'data_offsets': [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    head = json.dumps(header).encode()
    head += b' ' * (-len(head) % 8)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(head)))
        f.write(head)
        for b in blobs:
            f.write(b)


start = read_safetensors(args.parity) if args.parity else None
if args.export:
    torch.set_default_dtype({'float32': torch.float32, 'float64': torch.float64}[args.dtype])
if start is not None:
    # The authors' code makes some buffers with torch.zeros(...): the default dtype keeps them in the start's precision.
    torch.set_default_dtype(next(v.dtype for v in start.values() if v.is_floating_point()))


drawn = {}  # the batch as the cases took it, for --export


def batch(name, make):
    t = start['batch.' + name] if start is not None else make()
    drawn[name] = t
    return t.to(dev)


def clip_and_step(model, opt, loss):
    loss.backward()
    nn.utils.clip_grad_value_(model.parameters(), 10)
    opt.step()
    return loss.item() if start is not None else None


def copy_case(model):
    # run_toys.py, copy at length 20: start flag, 20 random 32-bit vectors, end flag, then 20 zero inputs read out.
    opt = torch.optim.RMSprop(model.parameters(), lr=1e-4, alpha=0.95, momentum=0.9)
    seq = batch('bits', lambda: torch.bernoulli(torch.full((L, B, 32), 0.5))).cpu()
    n = seq.size(0)
    inp = torch.zeros(n + 2, B, 34)
    inp[0, :, 32] = 1
    inp[1:n + 1, :, :32] = seq
    inp[n + 1, :, 33] = 1
    inp, target = inp.to(dev), seq.to(dev)
    crit = nn.BCELoss()

    def step():
        opt.zero_grad()
        model.init_sequence(batch_size=B)
        out = torch.zeros(target.size()).to(dev)
        for i in range(inp.size(0)):
            model(inp[i])
        zero = torch.zeros(inp.size()).to(dev)
        for i in range(n):
            sout, _ = model(zero[-1])
            out[i] = torch.sigmoid(sout)
        return clip_and_step(model, opt, crit(out, target))
    return step


def nfar_case(model):
    # run_toys.py, Nth-farthest: 8 input steps, cross-entropy on the last output.
    opt = torch.optim.Adam(model.parameters(), lr=1e-4)
    inp = batch('inputs', lambda: torch.rand(8, B, 40) * 2 - 1)
    labels = batch('labels', lambda: torch.randint(0, 8, (B,)))

    def step():
        opt.zero_grad()
        model.init_sequence(batch_size=B)
        for i in range(inp.size(0)):
            sout, _ = model(inp[i])
        return clip_and_step(model, opt, F.cross_entropy(sout, labels))
    return step


def retrieval_case(model):
    # run_nar.py with step_num=14: 31 tokens -> Embedding(37, 100) -> STM over the whole sequence, CE at the end.
    opt = torch.optim.RMSprop(model.parameters(), lr=1e-4, momentum=0.9)
    tokens = batch('tokens', lambda: torch.randint(0, 37, (31, B)))
    labels = batch('labels', lambda: torch.randint(0, 10, (B,)))

    def step():
        opt.zero_grad()
        out, _ = model(model.emb(tokens))
        return clip_and_step(model, opt, F.cross_entropy(out, labels))
    return step


def with_embedding(model):
    model.emb = nn.Embedding(37, 100)
    return model


models = {
    'stm-copy': (lambda: STM(34, 32, num_slot=8, slot_size=96, rel_size=96, rd=True), copy_case),
    'stm-nfar': (lambda: STM(40, 8, num_slot=8, slot_size=128, rel_size=96, rd=False), nfar_case),
    'lstm-copy': (lambda: LSTMBaseline(34, 512, 32, 1), copy_case),
    'stm-ar30': (lambda: with_embedding(STM(100, 10, num_slot=2, slot_size=96, rel_size=96, rd=True, init_alphas=[None, None, None])), retrieval_case),
}
if args.config not in models:
    sys.exit(f'unknown config {args.config}; valid: {", ".join(models)}')
if cuda:
    torch.cuda.reset_peak_memory_stats()
make_model, make_step = models[args.config]
model = make_model()
init = {}
if start is not None:
    # Their own initialisation, summarised before the shared start replaces it: [count, mean, std, max |x|].
    for name, p in model.state_dict().items():
        x = p.detach().double()
        init[name] = [x.numel(), x.mean().item(), x.std().item() if x.numel() > 1 else 0.0, x.abs().max().item()]
    model.load_state_dict({k: v for k, v in start.items() if not k.startswith('batch.')}, strict=True)
model.to(dev)
if args.export:
    # Their start: the model as their code initialises it, and the batch their RNG draws for the config.
    make_step(model)
    write_safetensors(args.export, {**model.state_dict(), **{'batch.' + k: v for k, v in drawn.items()}})
    print('PEER-ROW ' + json.dumps({'config': args.config, 'torch': torch.__version__}), flush=True)
    sys.exit(0)
step = make_step(model)
if start is not None:
    # Parity: the loss of each iteration from the shared start, no warm-up.
    losses = [step() for _ in range(args.iterations)]
    print('PEER-ROW ' + json.dumps({'config': args.config, 'losses': losses, 'init': init, 'torch': torch.__version__}), flush=True)
    sys.exit(0)
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
