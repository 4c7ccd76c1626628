"""PyTorch twins of the standard architectures (DESIGN.md section 9).

The layouts are plain nn.Sequential modules named `main`, so state_dict names
are `main.N.weight` etc.; Sources/Generators/Architectures/ builds the same
layouts with the same names, so a checkpoint of either side loads in the other.
"""
import torch
from torch import nn
from torch.nn.utils import spectral_norm


class DCGAN32Generator(nn.Module):
    """z [B, d] -> image [B, C, 32, 32] in [-1, 1].

    main.0 Linear(d, 4c*4*4); main.1 view (4c, 4, 4); main.2 BN2d; main.3 ReLU;
    main.4 ConvT(4c, 2c, k4 s2 p1); main.5 BN2d; main.6 ReLU;
    main.7 ConvT(2c, c, k4 s2 p1); main.8 BN2d; main.9 ReLU;
    main.10 ConvT(c, C, k4 s2 p1); main.11 Tanh.
    """

    def __init__(self, d=128, c=64, C=3):
        super().__init__()
        self.main = nn.Sequential(
            nn.Linear(d, 4 * c * 4 * 4),
            nn.Unflatten(1, (4 * c, 4, 4)),
            nn.BatchNorm2d(4 * c), nn.ReLU(),
            nn.ConvTranspose2d(4 * c, 2 * c, 4, 2, 1), nn.BatchNorm2d(2 * c), nn.ReLU(),
            nn.ConvTranspose2d(2 * c, c, 4, 2, 1), nn.BatchNorm2d(c), nn.ReLU(),
            nn.ConvTranspose2d(c, C, 4, 2, 1), nn.Tanh(),
        )

    def forward(self, z):
        return self.main(z)


class SNDCGAN32Discriminator(nn.Module):
    """image [B, C, 32, 32] -> score [B, 1].

    main.0 SN Conv(C, c, k4 s2 p1); main.1 LeakyReLU(0.1);
    main.2 SN Conv(c, 2c, k4 s2 p1); main.3 LeakyReLU(0.1);
    main.4 SN Conv(2c, 4c, k4 s2 p1); main.5 LeakyReLU(0.1);
    main.6 Flatten; main.7 SN Linear(4c*4*4, 1).
    Spectral norm parameters: main.N.weight_orig, buffers main.N.weight_u, main.N.weight_v.
    """

    def __init__(self, c=64, C=3):
        super().__init__()
        self.main = nn.Sequential(
            spectral_norm(nn.Conv2d(C, c, 4, 2, 1)), nn.LeakyReLU(0.1),
            spectral_norm(nn.Conv2d(c, 2 * c, 4, 2, 1)), nn.LeakyReLU(0.1),
            spectral_norm(nn.Conv2d(2 * c, 4 * c, 4, 2, 1)), nn.LeakyReLU(0.1),
            nn.Flatten(),
            spectral_norm(nn.Linear(4 * c * 4 * 4, 1)),
        )

    def forward(self, x):
        return self.main(x)


class MinibatchStdDev(nn.Module):
    """[N, C, H, W] -> [N, C + F, H, W] (Karras et al. 2018; grouped as in StyleGAN).

    The batch splits into groups of `group` images (None: the whole batch; image n = i*M + j
    is member i of group j), the channels into F = `features` equal groups; map k of image n
    is the mean over (channel group k, h, w) of sqrt(var over n's group + 1e-8), population
    variance."""

    def __init__(self, group=None, features=1):
        super().__init__()
        self.group, self.features = group, features

    def forward(self, x):
        n, c, h, w = x.shape
        g = min(self.group or n, n)
        m, f = n // g, self.features
        y = x.reshape(g, m, f, c // f, h, w)
        std = torch.sqrt(y.var(dim=0, unbiased=False) + 1e-8)        # [M, F, C/F, H, W]
        s = std.mean(dim=(2, 3, 4))                                   # [M, F]
        maps = s.reshape(1, m, f, 1, 1).expand(g, m, f, h, w).reshape(n, f, h, w)
        return torch.cat([x, maps], dim=1)


class SNGANCNN32Discriminator(nn.Module):
    """SNGAN's standard CNN at 32x32 with a minibatch-stddev map: image [B, C, 32, 32] -> [B, 1].

    main.0 SN Conv(C, c, k3 s1 p1), main.2 SN Conv(c, c, k4 s2 p1),
    main.4 SN Conv(c, 2c, k3 s1 p1), main.6 SN Conv(2c, 2c, k4 s2 p1),
    main.8 SN Conv(2c, 4c, k3 s1 p1), main.10 SN Conv(4c, 4c, k4 s2 p1),
    main.12 SN Conv(4c, 8c, k3 s1 p1), each followed by LeakyReLU(0.1);
    main.14 MinibatchStdDev (F maps); main.15 Flatten; main.16 SN Linear((8c+F)*4*4, 1).
    """

    def __init__(self, c=32, C=3, group=None, features=1):
        super().__init__()
        layers = []
        for i, o, k, s in [(C, c, 3, 1), (c, c, 4, 2), (c, 2 * c, 3, 1), (2 * c, 2 * c, 4, 2),
                           (2 * c, 4 * c, 3, 1), (4 * c, 4 * c, 4, 2), (4 * c, 8 * c, 3, 1)]:
            layers += [spectral_norm(nn.Conv2d(i, o, k, s, 1)), nn.LeakyReLU(0.1)]
        layers += [MinibatchStdDev(group, features), nn.Flatten(),
                   spectral_norm(nn.Linear((8 * c + features) * 4 * 4, 1))]
        self.main = nn.Sequential(*layers)

    def forward(self, x):
        return self.main(x)


class LeNetW2Reconstructor(nn.Module):
    """concat(x, x') [B, 2C, 32, 32] -> (logits [B, K], eps_hat [B])."""

    def __init__(self, C=3, K=32):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(2 * C, 12, 5), nn.BatchNorm2d(12), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(12, 32, 5), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 240, 5), nn.BatchNorm2d(240), nn.ReLU(),
        )
        self.classifier = nn.Sequential(nn.Linear(240, 168), nn.BatchNorm1d(168), nn.ReLU(), nn.Linear(168, K))
        self.shift = nn.Sequential(nn.Linear(240, 168), nn.BatchNorm1d(168), nn.ReLU(), nn.Linear(168, 1))

    def forward(self, x):
        h = self.features(x).mean(dim=(2, 3))
        return self.classifier(h), self.shift(h).squeeze(1)
