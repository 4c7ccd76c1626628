"""The `curvilinear bench` workloads in PyTorch on CPU, for the speed ratio (DESIGN.md section 9).

    /work/venv/bin/python reference/bench_torch.py --threads 1 [--json] [--iterations 10]

Workloads (C = 3, d = 128, c = 64, K = 32):
  generator_forward        dcgan32 forward, batch 64, no gradients, eval mode
  gan_step                 hinge loss, batch 64: one D step then one G step, Adam; sn_dcgan32 D
  editor_step_linear       batch 32: edit, x = G(z), x' = G(z') with G frozen (gradients flow
  editor_step_warped         to z' only), lenet_w2 reconstructor on concat(x, x'),
  editor_step_curvilinear    loss CE + 0.25 L1 (+ logdet^2 for curvilinear), backward, Adam
Timing: 2 warm-up steps, then --iterations timed steps; the median step is reported (as the
Swift bench). FLOPs: Linear/conv layers only, 2 per multiply-add, backward = 2x forward
(input + weight gradients; 1x through frozen G, input gradients only); same formulas as
Sources/Pipeline/Bench/BenchFlops.swift. Peak RSS: VmHWM after resetting it per workload.
"""
import argparse
import json
import os
import re
import resource
import sys
import time

import torch
from torch import nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(__file__))
from architectures import DCGAN32Generator, SNDCGAN32Discriminator, LeNetW2Reconstructor  # noqa: E402

D_LATENT, WIDTH, CHANNELS, K = 128, 64, 3, 32


# ---------------------------------------------------------------- FLOPs (as BenchFlops.swift)
def conv_flops(n, cin, cout, out, k):
    return 2 * n * cout * out * out * cin * k * k


def convt_flops(n, cin, cout, inp, k):
    return 2 * n * cin * inp * inp * cout * k * k


def linear_flops(n, i, o):
    return 2 * n * i * o


def g_flops(n, d=D_LATENT, c=WIDTH, C=CHANNELS):
    return (linear_flops(n, d, 4 * c * 16) + convt_flops(n, 4 * c, 2 * c, 4, 4)
            + convt_flops(n, 2 * c, c, 8, 4) + convt_flops(n, c, C, 16, 4))


def d_flops(n, c=WIDTH, C=CHANNELS):
    return (conv_flops(n, C, c, 16, 4) + conv_flops(n, c, 2 * c, 8, 4) + conv_flops(n, 2 * c, 4 * c, 4, 4)
            + linear_flops(n, 4 * c * 16, 1))


def r_flops(n, C=CHANNELS, k=K):
    """lenet_w2: conv5 2C->12 (28x28), pool, conv5 12->32 (10x10), pool, conv5 32->240 (1x1), two heads."""
    return (conv_flops(n, 2 * C, 12, 28, 5) + conv_flops(n, 12, 32, 10, 5) + conv_flops(n, 32, 240, 1, 5)
            + 2 * linear_flops(n, 240, 168) + linear_flops(n, 168, k) + linear_flops(n, 168, 1))


def coupling_flops(n, d=D_LATENT, hidden=256):
    return linear_flops(n, d // 2, hidden) + linear_flops(n, hidden, hidden) + linear_flops(n, hidden, d)


def editor_step_flops(n, editor_flops_forward=0):
    """x = G(z) (1 G), x' = G(z') forward + input-gradient backward (2 G), R forward + backward (3 R)."""
    return 3 * g_flops(n) + 3 * r_flops(n) + 3 * editor_flops_forward


# ---------------------------------------------------------------- editors
class LinearEditor(nn.Module):
    """phi_k^t(z) = z + t a_k / |a_k|, A [d, K]."""

    def __init__(self, d=D_LATENT, k=K):
        super().__init__()
        self.A = nn.Parameter(torch.randn(d, k) * 0.1)

    def forward(self, z, k, eps):
        a = self.A[:, k].t()
        return z + eps[:, None] * a / a.norm(dim=1, keepdim=True), None


class WarpedEditor(nn.Module):
    """One Euler step along grad f_k / |grad f_k|, f_k(z) = sum_i alpha_i exp(-gamma_k |z - v_ki|^2),
    N dipoles = 2N support vectors per direction with alphas +1, -1."""

    def __init__(self, d=D_LATENT, k=K, dipoles=32):
        super().__init__()
        self.support = nn.Parameter(torch.randn(k, 2 * dipoles, d))
        self.log_gamma = nn.Parameter(torch.full((k,), -3.0))
        self.register_buffer("alpha", torch.tensor([1.0, -1.0]).repeat(dipoles))

    def forward(self, z, k, eps):
        v = self.support[k]                                   # [B, 2N, d]
        gamma = self.log_gamma[k].exp()[:, None]              # [B, 1]
        diff = z[:, None, :] - v                              # [B, 2N, d]
        w = self.alpha * torch.exp(-gamma * diff.pow(2).sum(-1))  # [B, 2N]
        grad = (-2 * gamma[:, :, None] * w[:, :, None] * diff).sum(1)
        return z + eps[:, None] * grad / grad.norm(dim=1, keepdim=True), None


class Coupling(nn.Module):
    """RealNVP affine coupling: y2 = x2 exp(tanh s(x1)) + t(x1)."""

    def __init__(self, d=D_LATENT, hidden=256):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(d // 2, hidden), nn.ReLU(), nn.Linear(hidden, hidden), nn.ReLU(),
                                 nn.Linear(hidden, d))

    def forward(self, x):
        x1, x2 = x.chunk(2, dim=1)
        s, t = self.net(x1).chunk(2, dim=1)
        s = torch.tanh(s)
        return torch.cat([x1, x2 * s.exp() + t], 1), s.sum(1)

    def inverse(self, y):
        y1, y2 = y.chunk(2, dim=1)
        s, t = self.net(y1).chunk(2, dim=1)
        s = torch.tanh(s)
        return torch.cat([y1, (y2 - t) * (-s).exp()], 1)


class CurvilinearEditor(nn.Module):
    """phi_k^t(z) = f^-1(f(z) + t e_k), f = 8 couplings with fixed permutations between them."""

    def __init__(self, d=D_LATENT, layers=8, hidden=256):
        super().__init__()
        self.layers = nn.ModuleList(Coupling(d, hidden) for _ in range(layers))
        g = torch.Generator().manual_seed(0)
        perms = torch.stack([torch.randperm(d, generator=g) for _ in range(layers)])
        self.register_buffer("perms", perms)
        self.register_buffer("inverse_perms", torch.argsort(perms, dim=1))

    def forward(self, z, k, eps):
        v, logdet = z, 0
        for layer, p in zip(self.layers, self.perms):
            v, ld = layer(v[:, p])
            logdet = logdet + ld
        v = v + eps[:, None] * F.one_hot(k, v.shape[1]).float()
        for layer, ip in zip(reversed(self.layers), reversed(self.inverse_perms)):
            v = layer.inverse(v)[:, ip]
        return v, logdet


# ---------------------------------------------------------------- workloads
class GeneratorForward:
    name = "generator_forward"

    def __init__(self, batch=64):
        self.g = DCGAN32Generator(D_LATENT, WIDTH, CHANNELS).eval()
        self.batch = batch
        self.flops = g_flops(batch)
        self.items = batch

    def step(self):
        with torch.no_grad():
            self.g(torch.randn(self.batch, D_LATENT))


class GANStep:
    name = "gan_step"

    def __init__(self, batch=64):
        self.g = DCGAN32Generator(D_LATENT, WIDTH, CHANNELS)
        self.d = SNDCGAN32Discriminator(WIDTH, CHANNELS)
        self.opt_g = torch.optim.Adam(self.g.parameters(), lr=2e-4, betas=(0.5, 0.999))
        self.opt_d = torch.optim.Adam(self.d.parameters(), lr=2e-4, betas=(0.5, 0.999))
        self.real = torch.rand(batch, CHANNELS, 32, 32) * 2 - 1
        self.batch = batch
        self.flops = 4 * g_flops(batch) + 9 * d_flops(batch)
        self.items = 1

    def step(self):
        with torch.no_grad():
            fake = self.g(torch.randn(self.batch, D_LATENT))
        self.opt_d.zero_grad()
        (F.relu(1 - self.d(self.real)).mean() + F.relu(1 + self.d(fake)).mean()).backward()
        self.opt_d.step()
        self.opt_g.zero_grad()
        (-self.d(self.g(torch.randn(self.batch, D_LATENT))).mean()).backward()
        self.opt_g.step()


class EditorStep:
    def __init__(self, kind, batch=32):
        self.name = "editor_step_" + kind
        self.g = DCGAN32Generator(D_LATENT, WIDTH, CHANNELS).eval()
        for p in self.g.parameters():
            p.requires_grad_(False)
        self.editor = {"linear": LinearEditor, "warped": WarpedEditor, "curvilinear": CurvilinearEditor}[kind]()
        self.r = LeNetW2Reconstructor(CHANNELS, K)
        self.opt = torch.optim.Adam(list(self.editor.parameters()) + list(self.r.parameters()), lr=1e-4)
        self.batch = batch
        self.flops = editor_step_flops(batch, 16 * coupling_flops(batch) if kind == "curvilinear" else 0)
        self.items = 1

    def step(self):
        b = self.batch
        z = torch.randn(b, D_LATENT)
        k = torch.randint(0, K, (b,))
        eps = (torch.rand(b) * 2.5 + 0.5) * (torch.randint(0, 2, (b,)) * 2 - 1)
        z_edit, logdet = self.editor(z, k, eps)
        with torch.no_grad():
            x = self.g(z)
        x_edit = self.g(z_edit)
        logits, eps_hat = self.r(torch.cat([x, x_edit], 1))
        loss = F.cross_entropy(logits, k) + 0.25 * (eps_hat - eps).abs().mean()
        if logdet is not None:
            loss = loss + (logdet ** 2).mean()
        self.opt.zero_grad()
        loss.backward()
        self.opt.step()


# ---------------------------------------------------------------- measurement
def reset_peak_rss():
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass


def peak_rss_mb():
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(workload, iterations, warmup=2):
    reset_peak_rss()
    for _ in range(warmup):
        workload.step()
    times = []
    for _ in range(iterations):
        t0 = time.perf_counter()
        workload.step()
        times.append(time.perf_counter() - t0)
    times.sort()
    n = len(times)
    median = times[n // 2] if n % 2 else (times[n // 2 - 1] + times[n // 2]) / 2
    return {"name": workload.name, "steps_per_s": 1 / median, "ms_per_step": median * 1e3,
            "gflops": workload.flops / median / 1e9, "peak_rss_mb": peak_rss_mb(),
            "images_per_s": workload.items / median}


def sgemm_gflops(n=512, repeats=10):
    a, b = torch.rand(n, n), torch.rand(n, n)
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        torch.mm(a, b)
        best = min(best, time.perf_counter() - t0)
    return 2 * n ** 3 / best / 1e9


def blas_core():
    m = re.search(r"BLAS_INFO=(\w+)", torch.__config__.show())
    return m.group(1) if m else "unknown"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--iterations", type=int, default=10)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--only", nargs="*", help="workload names to run (default: all)")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    makers = [GeneratorForward, GANStep] + [lambda kind=kind: EditorStep(kind)
                                            for kind in ("linear", "warped", "curvilinear")]
    results = []
    sgemm = sgemm_gflops()
    for make in makers:
        w = make()
        if args.only and w.name not in args.only:
            continue
        results.append(run(w, args.iterations))
        del w
    report = {"engine": "pytorch", "threads": torch.get_num_threads(), "blas_core": blas_core(),
              "sgemm_gflops": sgemm,
              "workloads": [{k: r[k] for k in ("name", "steps_per_s", "ms_per_step", "gflops", "peak_rss_mb")}
                            for r in results]}
    if args.json:
        print(json.dumps(report))
        return
    print(f"engine pytorch {torch.__version__}, BLAS {report['blas_core']}, {report['threads']} thread(s), "
          f"sgemm 512^3: {sgemm:.1f} GFLOP/s")
    print("workload                   steps/s   images/s   ms/step   GFLOP/s   peak RSS MB")
    for r in results:
        print(f"{r['name']:<25} {r['steps_per_s']:8.2f} {r['images_per_s']:10.1f} {r['ms_per_step']:9.1f} "
              f"{r['gflops']:9.1f} {r['peak_rss_mb']:13.0f}")


if __name__ == "__main__":
    main()
