"""Generates torch_ops.json: PyTorch outputs and gradients of Tensor ops on
small odd shapes, so the Swift tests check layouts and conventions (weight
layouts, padding, batch-norm running statistics, reductions) against PyTorch
without needing Python at test time.

Run once: /work/venv/bin/python Tests/TensorTests/Fixtures/torch_reference.py
Each case: inputs (all require grad unless listed in "constants"), the
output, and the gradients of sum(output * r) for the stored weights r.
"""
import json, os
import torch
import torch.nn.functional as F

torch.manual_seed(0)
cases = []

def flat(t):
    return [round(float(v), 7) for v in t.detach().reshape(-1).tolist()]

def case(name, inputs, fn, constants=(), extra=None):
    ts = {k: v.clone().requires_grad_(k not in constants) for k, v in inputs.items()}
    out = fn(**ts)
    r = torch.randn(out.shape)
    (out * r).sum().backward()
    c = {
        "name": name,
        "inputs": {k: {"shape": list(v.shape), "data": flat(v)} for k, v in inputs.items()},
        "r": flat(r),
        "output": {"shape": list(out.shape), "data": flat(out)},
        "grads": {k: flat(v.grad) for k, v in ts.items() if v.grad is not None},
    }
    if extra:
        c["extra"] = {k: flat(v) for k, v in extra().items()}
    cases.append(c)

r = torch.randn
case("conv2d_s2_p1", {"x": r(2, 3, 7, 6), "w": r(4, 3, 3, 3), "b": r(4)},
     lambda x, w, b: F.conv2d(x, w, b, stride=2, padding=1))
case("conv2d_s1_p2", {"x": r(1, 2, 5, 6), "w": r(3, 2, 5, 3), "b": r(3)},
     lambda x, w, b: F.conv2d(x, w, b, stride=1, padding=2))
case("conv_transpose2d_s2_p1", {"x": r(2, 4, 3, 5), "w": r(4, 3, 4, 4), "b": r(3)},
     lambda x, w, b: F.conv_transpose2d(x, w, b, stride=2, padding=1))
case("conv_transpose2d_s1_p0", {"x": r(1, 2, 4, 3), "w": r(2, 3, 3, 2), "b": r(3)},
     lambda x, w, b: F.conv_transpose2d(x, w, b, stride=1, padding=0))
case("linear", {"x": r(5, 7), "w": r(3, 7), "b": r(3)}, lambda x, w, b: F.linear(x, w, b))

bn_state = {}
def bn(x, g, b):
    rm, rv = torch.zeros(x.shape[1]), torch.ones(x.shape[1])
    y = F.batch_norm(x, rm, rv, g, b, training=True, momentum=0.1, eps=1e-5)
    bn_state["running_mean"], bn_state["running_var"] = rm, rv
    return y
case("batch_norm_4d", {"x": r(3, 2, 4, 5) * 2 + 1, "g": r(2), "b": r(2)}, bn, extra=lambda: dict(bn_state))
case("batch_norm_2d", {"x": r(6, 3), "g": r(3), "b": r(3)}, bn, extra=lambda: dict(bn_state))

case("max_pool2d_k2", {"x": r(2, 3, 7, 7)}, lambda x: F.max_pool2d(x, 2))
case("avg_pool2d_k3_s2", {"x": r(2, 3, 7, 7)}, lambda x: F.avg_pool2d(x, 3, 2))
case("log_softmax", {"x": r(4, 6)}, lambda x: F.log_softmax(x, dim=1))
case("elu", {"x": r(3, 5)}, lambda x: F.elu(x, 0.7))
case("softplus", {"x": r(3, 5) * 3}, lambda x: F.softplus(x))
case("leaky_relu", {"x": r(3, 5)}, lambda x: F.leaky_relu(x, 0.1))
case("sigmoid", {"x": r(3, 5) * 3}, lambda x: torch.sigmoid(x))

labels = [3, 0, 5, 5]
ce = {"x": r(4, 6)}
case("cross_entropy", ce, lambda x: F.cross_entropy(x, torch.tensor(labels)).reshape(1))
cases[-1]["labels"] = labels

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "torch_ops.json")
with open(out + ".tmp", "w") as f:
    json.dump({"torch": torch.__version__, "cases": cases}, f)
os.replace(out + ".tmp", out)
print("wrote", out, len(cases), "cases")
