# Times the authors' A3C actor (github.com/thaihungle/SAM, rl/train_sam.py + rl/player_util_sam.py) for
# `samrl bench a3c --peer`, so both are measured side by side on the same machine and libtorch.
# SamRl ships this driver, never the authors' code. Their A3CSAM comes from their checkout; their LSTM agent (A3Clstm,
# the upstream dgriff777/rl_a3c_pytorch model the paper compares against) is not in their repository and is built
# here the same way: their conv stack and init, LSTMCell(1024, 512), heads on 512.
# One rollout is stepped as train_sam.py steps it, without the emulator (random 1x80x80 frames stand in):
#   act    = player.action_train() minus env.step: forward with the graph kept, softmax, entropy, multinomial, gather;
#   update = load the shared weights, the bootstrap forward, the GAE loss loop, zero_grad, backward,
#            ensure_shared_grads and SharedAdam's step (amsgrad, eps 1e-3, lr 1e-4).
# Their SharedAdam calls tensor.add_(scalar, tensor), which current PyTorch rejects; its arithmetic is written here with
# today's API, unchanged (step_size = lr * sqrt(1 - b2^t) / (1 - b1^t), denom = sqrt(max v) + eps).
# Prints one line: PEER-ROW {"agent", "threads", "act_ms", "update_ms", "rollout_ms", "parameters", "torch", ...}.
import argparse, json, math, resource, statistics, sys, time

ap = argparse.ArgumentParser()
ap.add_argument('--sam', required=True)
ap.add_argument('--agent', choices=['stm', 'lstm'])
ap.add_argument('--check', action='store_true', help="only import torch and the authors' modules")
ap.add_argument('--threads', type=int, default=1)
ap.add_argument('--rollouts', type=int, default=10)
ap.add_argument('--steps', type=int, default=20)
args = ap.parse_args()

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, args.sam)
from baselines.sam.a3c import A3CSAM  # noqa: E402
from baselines.sam.utils import norm_col_init, weights_init, ensure_shared_grads  # noqa: E402

if args.check:
    print('PEER-ROW ' + json.dumps({'torch': torch.__version__}), flush=True)
    sys.exit(0)
torch.set_num_threads(args.threads)
torch.manual_seed(1)


class Space:
    n = 6


class A3Clstm(nn.Module):
    """The LSTM agent the paper compares against: A3CSAM's conv stack and init, LSTMCell(1024, 512), heads on 512."""

    def __init__(self, num_inputs, action_space):
        super().__init__()
        self.conv1 = nn.Conv2d(num_inputs[0], 32, 5, stride=1, padding=2)
        self.maxp1 = nn.MaxPool2d(2, 2)
        self.conv2 = nn.Conv2d(32, 32, 5, stride=1, padding=1)
        self.maxp2 = nn.MaxPool2d(2, 2)
        self.conv3 = nn.Conv2d(32, 64, 4, stride=1, padding=1)
        self.maxp3 = nn.MaxPool2d(2, 2)
        self.conv4 = nn.Conv2d(64, 64, 3, stride=1, padding=1)
        self.maxp4 = nn.MaxPool2d(2, 2)
        self.lstm = nn.LSTMCell(1024, 512)
        self.critic_linear = nn.Linear(512, 1)
        self.actor_linear = nn.Linear(512, action_space.n)
        self.apply(weights_init)
        gain = nn.init.calculate_gain('relu')
        for c in (self.conv1, self.conv2, self.conv3, self.conv4):
            c.weight.data.mul_(gain)
        self.actor_linear.weight.data = norm_col_init(self.actor_linear.weight.data, 0.01)
        self.actor_linear.bias.data.fill_(0)
        self.critic_linear.weight.data = norm_col_init(self.critic_linear.weight.data, 1.0)
        self.critic_linear.bias.data.fill_(0)
        self.lstm.bias_ih.data.fill_(0)
        self.lstm.bias_hh.data.fill_(0)

    def forward(self, inputs):
        x, (hx, cx) = inputs
        x = F.relu(self.maxp1(self.conv1(x)))
        x = F.relu(self.maxp2(self.conv2(x)))
        x = F.relu(self.maxp3(self.conv3(x)))
        x = F.relu(self.maxp4(self.conv4(x)))
        hx, cx = self.lstm(x.view(x.size(0), -1), (hx, cx))
        return self.critic_linear(hx), self.actor_linear(hx), (hx, cx)


class SharedAdam(torch.optim.Optimizer):
    """rl/shared_optim.py's SharedAdam, same arithmetic, current tensor API."""

    def __init__(self, params, lr=1e-4, betas=(0.9, 0.999), eps=1e-3, amsgrad=True):
        super().__init__(params, dict(lr=lr, betas=betas, eps=eps, amsgrad=amsgrad))
        for group in self.param_groups:
            for p in group['params']:
                s = self.state[p]
                s['step'] = torch.zeros(1)
                s['exp_avg'] = torch.zeros_like(p.data)
                s['exp_avg_sq'] = torch.zeros_like(p.data)
                s['max_exp_avg_sq'] = torch.zeros_like(p.data)

    def step(self):
        for group in self.param_groups:
            b1, b2 = group['betas']
            for p in group['params']:
                if p.grad is None:
                    continue
                g, s = p.grad.data, self.state[p]
                s['step'] += 1
                s['exp_avg'].mul_(b1).add_(g, alpha=1 - b1)
                s['exp_avg_sq'].mul_(b2).addcmul_(g, g, value=1 - b2)
                torch.max(s['max_exp_avg_sq'], s['exp_avg_sq'], out=s['max_exp_avg_sq'])
                denom = s['max_exp_avg_sq'].sqrt().add_(group['eps'])
                t = s['step'].item()
                step_size = group['lr'] * math.sqrt(1 - b2 ** t) / (1 - b1 ** t)
                p.data.addcdiv_(s['exp_avg'], denom, value=-step_size)


stm = args.agent == 'stm'
make = A3CSAM if stm else A3Clstm
shape = (1, 80, 80)
shared = make(shape, Space())
shared.share_memory()
optimizer = SharedAdam(shared.parameters())
model = make(shape, Space())
model.train()
frames = [torch.rand(1, 80, 80) * 2 - 1 for _ in range(args.steps + 1)]


def initial_state():
    if stm:
        hx, cx, _ = model.sam.init_sequence(1, -1)
        return (hx, cx, torch.zeros(1, 256), torch.zeros(1, 256))
    return (torch.zeros(1, 512), torch.zeros(1, 512))


def forward(frame, state):
    value, logit, state = model((frame.unsqueeze(0), state))
    return value, logit, state


state = initial_state()
act_ms, update_ms = [], []
for rollout in range(args.rollouts + 2):  # the first two warm up
    t0 = time.perf_counter()
    model.load_state_dict(shared.state_dict())
    state = tuple(s.detach() for s in state)
    load_ms = (time.perf_counter() - t0) * 1e3
    values, log_probs, rewards, entropies = [], [], [], []
    for i in range(args.steps):
        t = time.perf_counter()
        value, logit, state = forward(frames[i], state)
        prob = F.softmax(logit, dim=1)
        log_prob = F.log_softmax(logit, dim=1)
        entropies.append(-(log_prob * prob).sum(1))
        action = prob.multinomial(1).data
        log_probs.append(log_prob.gather(1, action))
        int(action.cpu().numpy())
        values.append(value)
        rewards.append(float(i % 3 - 1))
        if rollout >= 2:
            act_ms.append((time.perf_counter() - t) * 1e3)
    t = time.perf_counter()
    value, _, _ = forward(frames[-1], state)
    R = value.data
    values.append(R)
    policy_loss, value_loss, gae = 0, 0, torch.zeros(1, 1)
    for i in reversed(range(len(rewards))):
        R = 0.99 * R + rewards[i]
        advantage = R - values[i]
        value_loss = value_loss + 0.5 * advantage.pow(2)
        delta_t = rewards[i] + 0.99 * values[i + 1].data - values[i].data
        gae = gae * 0.99 * 0.92 + delta_t
        policy_loss = policy_loss - log_probs[i] * gae - 0.01 * entropies[i]
    model.zero_grad()
    (policy_loss + 0.5 * value_loss).backward()
    ensure_shared_grads(model, shared, gpu=False)
    optimizer.step()
    if rollout >= 2:
        update_ms.append((time.perf_counter() - t) * 1e3 + load_ms)

act, update = statistics.median(act_ms), statistics.median(update_ms)
row = {
    'agent': args.agent, 'threads': torch.get_num_threads(), 'act_ms': act, 'update_ms': update,
    'rollout_ms': act * args.steps + update, 'steps': args.steps,
    'parameters': sum(p.numel() for p in shared.parameters()), 'torch': torch.__version__,
    'peak_rss_bytes': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
}
print('PEER-ROW ' + json.dumps(row), flush=True)
