"""Differentiable augmentation (Zhao et al. 2020) for given draws: the PyTorch twin of
Sources/Generators/Training/DiffAugment.swift, written with PyTorch's own ops (padding and
gathering for the shift, a mask for cutout) so the fixture checks the Swift code independently.

Images x: [N, C, H, W]. Draws, one per image: brightness b, saturation s, contrast k (floats),
shift (dy, dx) (ints; content moves down/right), cutout centre (y, x) (ints in 0..H, 0..W).
Families apply in the order color, translation, cutout.
"""
import torch
import torch.nn.functional as F


def color(x, b, s, k):
    per_image = lambda v: v.view(-1, 1, 1, 1)
    x = x + per_image(b)
    pixel_mean = x.mean(dim=1, keepdim=True)
    x = (x - pixel_mean) * per_image(s) + pixel_mean
    image_mean = x.mean(dim=[1, 2, 3], keepdim=True)
    return (x - image_mean) * per_image(k) + image_mean


def translation(x, shifts):
    n, c, h, w = x.shape
    r = max(abs(int(v)) for v in shifts.flatten()) if shifts.numel() else 0
    padded = F.pad(x, (r, r, r, r))
    rows = []
    for i in range(n):
        dy, dx = int(shifts[i, 0]), int(shifts[i, 1])
        # out[y, x] = in[y - dy, x - dx] = padded[y - dy + r, x - dx + r]
        rows.append(padded[i, :, r - dy:r - dy + h, r - dx:r - dx + w])
    return torch.stack(rows)


def cutout(x, centres):
    n, c, h, w = x.shape
    side_y, side_x = int(h * 0.5 + 0.5), int(w * 0.5 + 0.5)
    mask = torch.ones(n, 1, h, w)
    for i in range(n):
        cy, cx = int(centres[i, 0]), int(centres[i, 1])
        y0, x0 = max(0, cy - side_y // 2), max(0, cx - side_x // 2)
        y1, x1 = min(h, cy - side_y // 2 + side_y), min(w, cx - side_x // 2 + side_x)
        mask[i, :, y0:y1, x0:x1] = 0
    return x * mask


def diff_augment(x, b, s, k, shifts, centres):
    return cutout(translation(color(x, b, s, k), shifts), centres)
