"""Writes the PyTorch reference fixtures that the Swift tests compare against.

Run from the repository root:  /work/venv/bin/python reference/make_fixtures.py [FIXTURE ...]
(no names: every fixture; names: only those functions, e.g. mini_sngan_cnn32)
Deterministic (torch.manual_seed per fixture, float32, CPU, one thread).

Naming convention inside each .safetensors file (all F32 unless noted):
  input                  the layer input
  <state_dict name>      parameters and buffers *before* the forward (PyTorch names)
  output                 the forward output
  grad_output            upstream gradient g; the scalar differentiated is sum(output * g)
  grad.input             d/d input
  grad.<param name>      d/d parameter
  after.<buffer name>    buffers after the forward (running stats, spectral-norm u, v)
Files holding several cases prefix every name with the case name ("tanh.output").
"""
import os
import sys

import torch
from torch import nn
import torch.nn.functional as F
from safetensors.torch import save_file

sys.path.insert(0, os.path.dirname(__file__))
from architectures import DCGAN32Generator, SNDCGAN32Discriminator, SNGANCNN32Discriminator  # noqa: E402
import diff_augment as augment  # noqa: E402

torch.set_num_threads(1)
ROOT = os.path.join(os.path.dirname(__file__), "..")
NN_DIR = os.path.join(ROOT, "Tests", "NNTests", "Fixtures")
GEN_DIR = os.path.join(ROOT, "Tests", "GeneratorsTests", "Fixtures")


def save(folder, name, tensors, metadata=None):
    tensors = {k: v.detach().contiguous().clone() for k, v in tensors.items()}
    path = os.path.join(folder, name + ".safetensors")
    save_file(tensors, path, metadata=metadata or {"source": "reference/make_fixtures.py"})
    print(f"{path}: {len(tensors)} tensors, {os.path.getsize(path)} bytes")


def layer_case(module, x, prefix=""):
    """Forward + backward of sum(out * g); returns the fixture dict."""
    before = {k: v.detach().clone() for k, v in module.state_dict().items()}
    x = x.clone().requires_grad_(True)
    out = module(x)
    g = torch.randn_like(out)
    (out * g).sum().backward()
    d = {"input": x, "output": out, "grad_output": g, "grad.input": x.grad}
    for k, v in before.items():
        if v.dtype.is_floating_point:
            d[k] = v
    for k, p in module.named_parameters():
        d["grad." + k] = p.grad
    for k, v in module.state_dict().items():
        if v.dtype.is_floating_point and k not in dict(module.named_parameters()) and not torch.equal(v, before[k]):
            d["after." + k] = v
    return {prefix + k: v for k, v in d.items()}


def linear():
    torch.manual_seed(1)
    m = nn.Linear(5, 4)
    save(NN_DIR, "linear", layer_case(m, torch.randn(3, 5)))


def conv2d():
    torch.manual_seed(2)
    m = nn.Conv2d(3, 4, 3, stride=2, padding=1)
    save(NN_DIR, "conv2d", layer_case(m, torch.randn(2, 3, 7, 9)))


def conv_transpose2d():
    torch.manual_seed(3)
    m = nn.ConvTranspose2d(3, 2, 4, stride=2, padding=1)
    save(NN_DIR, "conv_transpose2d", layer_case(m, torch.randn(2, 3, 5, 3)))


def batch_norm():
    torch.manual_seed(4)
    d = {}
    for name, m, x in [("bn1d", nn.BatchNorm1d(4), torch.randn(6, 4) * 2 + 1),
                       ("bn2d", nn.BatchNorm2d(3), torch.randn(2, 3, 5, 4) * 3 - 1)]:
        with torch.no_grad():
            m.weight.copy_(torch.rand_like(m.weight) + 0.5)
            m.bias.copy_(torch.randn_like(m.bias))
            m.running_mean.copy_(torch.randn_like(m.running_mean))
            m.running_var.copy_(torch.rand_like(m.running_var) + 0.5)
        m.train()
        d.update(layer_case(m, x, name + ".train."))
        m.zero_grad()
        m.eval()
        d.update(layer_case(m, x, name + ".eval."))
    save(NN_DIR, "batch_norm", d)


def spectral_norm():
    torch.manual_seed(5)
    d = {}
    for name, m, x in [("linear", nn.Linear(5, 4), torch.randn(3, 5)),
                       ("conv2d", nn.Conv2d(2, 3, 3, stride=2, padding=1), torch.randn(2, 2, 5, 5))]:
        m = torch.nn.utils.spectral_norm(m)
        m.train()
        d.update(layer_case(m, x, name + ".train."))
        m.zero_grad()
        m.eval()
        # eval: no power iteration, uses the u, v left by the training forward.
        d.update(layer_case(m, x, name + ".eval."))
    save(NN_DIR, "spectral_norm", d)


def losses():
    torch.manual_seed(6)
    logits = torch.randn(5, 7, requires_grad=True)
    target = torch.tensor([0, 3, 6, 2, 3])
    loss = F.cross_entropy(logits, target)
    loss.backward()
    save(NN_DIR, "cross_entropy", {"logits": logits, "target": target.float(),
                                   "loss": loss.reshape(1), "grad.logits": logits.grad})


def activations():
    torch.manual_seed(7)
    d = {}
    x = torch.randn(4, 6) * 3
    for name, fn in [("relu", F.relu), ("leaky_relu", lambda t: F.leaky_relu(t, 0.1)),
                     ("tanh", torch.tanh), ("sigmoid", torch.sigmoid),
                     ("elu", F.elu), ("softplus", F.softplus)]:
        xi = x.clone().requires_grad_(True)
        out = fn(xi)
        g = torch.randn_like(out)
        (out * g).sum().backward()
        d.update({f"{name}.input": xi, f"{name}.output": out, f"{name}.grad_output": g,
                  f"{name}.grad.input": xi.grad})
    save(NN_DIR, "activations", d)


def max_pool():
    torch.manual_seed(8)
    save(NN_DIR, "max_pool", layer_case(nn.MaxPool2d(2), torch.randn(2, 3, 7, 6)))


def mlp():
    """A small multi-layer net end to end: Linear, BN1d, LeakyReLU, Linear, cross-entropy."""
    torch.manual_seed(9)
    net = nn.Sequential(nn.Linear(6, 8), nn.BatchNorm1d(8), nn.LeakyReLU(0.2), nn.Linear(8, 3))
    x = torch.randn(5, 6)
    target = torch.tensor([0, 2, 1, 1, 0])
    before = {k: v.clone() for k, v in net.state_dict().items() if v.dtype.is_floating_point}
    loss = F.cross_entropy(net(x), target)
    loss.backward()
    d = {"input": x, "target": target.float(), "loss": loss.reshape(1), **before}
    d.update({"grad." + k: p.grad for k, p in net.named_parameters()})
    d.update({"after." + k: v for k, v in net.state_dict().items() if k.endswith(("running_mean", "running_var"))})
    save(NN_DIR, "mlp", d)


def adam():
    """Five Adam steps on two parameters with L2 weight decay; grads of a fixed quadratic recorded."""
    torch.manual_seed(10)
    p1 = torch.randn(3, 4, requires_grad=True)
    p2 = torch.randn(5, requires_grad=True)
    a1, b1 = torch.rand(3, 4) + 0.5, torch.randn(3, 4)
    a2, b2 = torch.rand(5) + 0.5, torch.randn(5)
    opt = torch.optim.Adam([p1, p2], lr=0.01, betas=(0.5, 0.999), eps=1e-8, weight_decay=0.01)
    d = {"p1": p1.detach().clone(), "p2": p2.detach().clone()}
    for step in range(5):
        opt.zero_grad()
        loss = 0.5 * (a1 * p1 * p1).sum() + (b1 * p1).sum() + 0.5 * (a2 * p2 * p2).sum() + (b2 * p2).sum()
        loss.backward()
        d[f"step{step}.grad.p1"] = p1.grad.clone()
        d[f"step{step}.grad.p2"] = p2.grad.clone()
        opt.step()
        d[f"step{step}.p1"] = p1.detach().clone()
        d[f"step{step}.p2"] = p2.detach().clone()
    save(NN_DIR, "adam", d, {"lr": "0.01", "beta1": "0.5", "beta2": "0.999", "eps": "1e-8",
                             "weight_decay": "0.01"})


def dtypes():
    """The same values stored as F32, F64, F16 and BF16 (values exact in all four)."""
    v = torch.tensor([[0.0, 1.0, -2.5, 0.375], [1024.0, -0.125, 3.0, 0.0078125]])
    save(NN_DIR, "dtypes", {"f32": v, "f64": v.double(), "f16": v.half(), "bf16": v.bfloat16()})


def mini_dcgan32():
    """A width-4 dcgan32 generator and sn_dcgan32 discriminator in training mode, end to end.

    Generator: z [4, 8] -> x [4, 3, 32, 32]; loss_g = mean((x - target)^2).
    Discriminator on x (detached): hinge loss mean(relu(1 - D(x))).
    """
    torch.manual_seed(11)
    gen = DCGAN32Generator(d=8, c=4, C=3)
    disc = SNDCGAN32Discriminator(c=4, C=3)
    z = torch.randn(4, 8, requires_grad=True)
    target = torch.rand(4, 3, 32, 32) * 2 - 1
    d = {"z": z.detach().clone(), "target": target}
    d.update({"gen." + k: v.clone() for k, v in gen.state_dict().items() if v.dtype.is_floating_point})
    d.update({"disc." + k: v.clone() for k, v in disc.state_dict().items()})
    x = gen(z)
    loss_g = ((x - target) ** 2).mean()
    loss_g.backward()
    xd = x.detach().clone().requires_grad_(True)
    score = disc(xd)
    loss_d = F.relu(1 - score).mean()
    loss_d.backward()
    d.update({"x": x, "loss_g": loss_g.reshape(1), "grad.z": z.grad, "score": score,
              "loss_d": loss_d.reshape(1), "grad.x": xd.grad})
    d.update({"grad.gen." + k: p.grad for k, p in gen.named_parameters()})
    d.update({"grad.disc." + k: p.grad for k, p in disc.named_parameters()})
    d.update({"after.gen." + k: v for k, v in gen.state_dict().items() if k.endswith(("running_mean", "running_var"))})
    d.update({"after.disc." + k: v for k, v in disc.state_dict().items() if k.endswith(("weight_u", "weight_v"))})
    save(GEN_DIR, "mini_dcgan32", d)


def mini_sngan_cnn32(name="mini_sngan_cnn32", seed=13, batch=4, group=None, features=1):
    """A width-2 sngan_cnn32_mbstd discriminator in training mode: x [4, 3, 32, 32] -> score,
    hinge loss mean(relu(1 - score)); gradients of x and every parameter, u and v after the step."""
    torch.manual_seed(seed)
    disc = SNGANCNN32Discriminator(c=2, C=3, group=group, features=features)
    x = (torch.rand(batch, 3, 32, 32) * 2 - 1).requires_grad_(True)
    d = {"x": x.detach().clone()}
    d.update({"disc." + k: v.clone() for k, v in disc.state_dict().items()})
    score = disc(x)
    loss = F.relu(1 - score).mean()
    loss.backward()
    d.update({"score": score, "loss": loss.reshape(1), "grad.x": x.grad})
    d.update({"grad.disc." + k: p.grad for k, p in disc.named_parameters()})
    d.update({"after.disc." + k: v for k, v in disc.state_dict().items() if k.endswith(("weight_u", "weight_v"))})
    save(GEN_DIR, name, d)


def mini_sngan_cnn32_grouped():
    """As mini_sngan_cnn32 with a grouped minibatch stddev: 8 images in groups of 4, the
    16 last feature channels in 4 groups (4 maps)."""
    mini_sngan_cnn32("mini_sngan_cnn32_grouped", seed=15, batch=8, group=4, features=4)


def diff_augment():
    """Differentiable augmentation (color, translation, cutout) of x [4, 3, 8, 8] and of a
    one-channel x1 [2, 1, 8, 8] for fixed draws (shifts up to side/8 = 1 and beyond, cutout
    centres on the frame's edges and inside); output and grad of sum(output * g)."""
    torch.manual_seed(14)
    d = {}
    for name, shape in (("rgb", (4, 3, 8, 8)), ("grey", (2, 1, 8, 8))):
        n = shape[0]
        x = (torch.rand(*shape) * 2 - 1).requires_grad_(True)
        b, s, k = torch.rand(n) - 0.5, torch.rand(n) * 2, torch.rand(n) + 0.5
        shifts = torch.tensor([[1, -1], [0, 0], [-1, 1], [3, -2]][:n], dtype=torch.float32)
        centres = torch.tensor([[0, 8], [4, 4], [8, 0], [7, 2]][:n], dtype=torch.float32)
        out = augment.diff_augment(x, b, s, k, shifts, centres)
        g = torch.randn_like(out)
        (out * g).sum().backward()
        d.update({f"{name}.{key}": v for key, v in {"input": x, "brightness": b, "saturation": s, "contrast": k,
                  "shifts": shifts, "centres": centres, "output": out, "grad_output": g,
                  "grad.input": x.grad}.items()})
    save(GEN_DIR, "diff_augment", d)


def dcgan32_checkpoint():
    """A dcgan32 (d=16, c=8, C=3) state_dict exactly as PyTorch saves it (num_batches_tracked is I64),
    after three training forwards (so running stats are not the defaults), plus z and G(z) in eval mode."""
    torch.manual_seed(12)
    gen = DCGAN32Generator(d=16, c=8, C=3)
    gen.train()
    with torch.no_grad():
        for _ in range(3):
            gen(torch.randn(16, 16))
    gen.eval()
    save(GEN_DIR, "dcgan32_d16_c8", gen.state_dict(), {"arch": "dcgan32", "latent_dim": "16", "width": "8",
                                                       "channels": "3"})
    z = torch.randn(4, 16)
    with torch.no_grad():
        image = gen(z)
    save(GEN_DIR, "dcgan32_d16_c8_sample", {"z": z, "image": image})


if __name__ == "__main__":
    os.makedirs(NN_DIR, exist_ok=True)
    os.makedirs(GEN_DIR, exist_ok=True)
    for f in [linear, conv2d, conv_transpose2d, batch_norm, spectral_norm, losses, activations, max_pool,
              mlp, adam, dtypes, mini_dcgan32, mini_sngan_cnn32, mini_sngan_cnn32_grouped, diff_augment, dcgan32_checkpoint]:
        if len(sys.argv) == 1 or f.__name__ in sys.argv[1:]:
            f()
