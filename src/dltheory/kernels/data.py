"""Inputs and targets of the kernel teacher-student papers.

Inputs: uniform points on the sphere S^{d-1} (intrinsic dimension d - 1), on the unit
hypercube, Gaussian points, the depleted Gaussian of the stripe model, and sequences of
patches on S^{s-1} for convolutional kernels.  Targets: Gaussian random fields whose
covariance is a teacher kernel (sampled *jointly* on training and test points, so the
test points see the same realisation), the stripe and depleted-stripe labels.

Randomness is always passed in as a ``torch.Generator`` (CPU); arrays are float64.
"""

from __future__ import annotations

import torch

from .functions import KernelSpec, gram
from .solvers import cholesky_jitter

__all__ = ["sphere", "hypercube", "gaussian_points", "patch_sphere", "depleted_gaussian",
           "depleted_density", "depleted_test_points",
           "stripe_labels", "STRIPE_INTERFACES", "gaussian_random_field", "teacher_targets"]

# Interfaces of the stripe model: label +1 for x_1 in (-0.3, 1.18549), about half the mass
# of a standard Gaussian (the stripe used by Paccolat et al. 2020 and their shared code).
STRIPE_INTERFACES = (-0.3, 1.18549)


def sphere(n: int, d: int, gen: torch.Generator) -> torch.Tensor:
    """``n`` points uniform on the unit sphere S^{d-1} in R^d, ``[n, d]``."""
    x = torch.randn(n, d, generator=gen, dtype=torch.float64)
    return x / x.norm(dim=1, keepdim=True)


def hypercube(n: int, d: int, gen: torch.Generator) -> torch.Tensor:
    """``n`` points uniform in ``[0, 1]^d``."""
    return torch.rand(n, d, generator=gen, dtype=torch.float64)


def gaussian_points(n: int, d: int, gen: torch.Generator) -> torch.Tensor:
    """``n`` standard Gaussian points in R^d."""
    return torch.randn(n, d, generator=gen, dtype=torch.float64)


def patch_sphere(n: int, d: int, s: int, gen: torch.Generator) -> torch.Tensor:
    """Inputs of ``d / s`` consecutive patches, each uniform on S^{s-1}, ``[n, d]``.

    The input distribution of Cagnetta et al. 2022 (arXiv:2208.01003): a patch of s
    coordinates has intrinsic dimension s - 1, so a (meta-)patch of k patches has
    effective dimension ``k (s - 1)``.
    """
    if d % s:
        raise ValueError(f"input dimension {d} is not a multiple of the patch size {s}")
    x = torch.randn(n, d // s, s, generator=gen, dtype=torch.float64)
    return (x / x.norm(dim=-1, keepdim=True)).reshape(n, d)


def depleted_gaussian(n: int, d: int, chi: float, gen: torch.Generator) -> torch.Tensor:
    """Gaussian points whose first coordinate has density ``~ |x_1|^chi exp(-x_1^2 / 2)``.

    The depleted stripe of Tomasini et al. 2022 (arXiv:2202.03348): the data density
    vanishes at the decision boundary x_1 = 0 as ``|x_1|^chi``.  Sampled exactly:
    ``x_1^2 / 2 ~ Gamma((1 + chi) / 2)`` with a random sign; ``x_perp ~ N(0, I_{d-1})``.
    """
    if chi <= -1:
        raise ValueError(f"chi must be > -1 for a normalisable density, got {chi}")
    x = torch.randn(n, d, generator=gen, dtype=torch.float64)
    # Gamma(k) sampled through torch's generator: Marsaglia-Tsang is not exposed with a
    # generator, so draw from the inverse CDF with scipy on uniforms from `gen`.
    from scipy.special import gammaincinv

    u = torch.rand(n, generator=gen, dtype=torch.float64).clamp(1e-300, 1 - 1e-16)
    g = torch.as_tensor(gammaincinv((1.0 + chi) / 2.0, u.numpy()), dtype=torch.float64)
    sign = torch.where(torch.rand(n, generator=gen, dtype=torch.float64) < 0.5, -1.0, 1.0)
    x[:, 0] = sign * torch.sqrt(2.0 * g)
    return x


def depleted_density(x1, chi: float):
    """Density of x_1 in :func:`depleted_gaussian`: ``|x_1|^chi exp(-x_1^2/2) / (2^((1+chi)/2) Gamma((1+chi)/2))``."""
    import math

    import numpy as np

    z = 2.0 ** ((1.0 + chi) / 2.0) * math.gamma((1.0 + chi) / 2.0)
    x1 = np.asarray(x1, dtype=float)
    return np.abs(x1) ** chi * np.exp(-0.5 * x1 * x1) / z


def depleted_test_points(n: int, d: int, chi: float, width: float, gen: torch.Generator
                         ) -> tuple[torch.Tensor, torch.Tensor]:
    """Importance-sampled test points for the depleted stripe: ``(x [n, d], weights [n])``.

    The test error of ``sign(x_1)`` comes from a thin layer at the boundary, where the
    data density is small, so plain Monte Carlo wastes almost every test point.  Here x_1
    is drawn from the defensive mixture ``q = p/2 + Uniform(-width, width)/2`` and each
    point carries ``w = p(x_1) / q(x_1) <= 2``: ``mean(w (f - y)^2)`` is an unbiased
    estimate of the test error with far fewer points near the boundary wasted.
    """
    import numpy as np

    x = depleted_gaussian(n, d, chi, gen)
    near = torch.rand(n, generator=gen, dtype=torch.float64) < 0.5
    u = torch.rand(n, generator=gen, dtype=torch.float64)
    x[near, 0] = (2.0 * u[near] - 1.0) * width
    x1 = x[:, 0].numpy()
    p = depleted_density(x1, chi)
    q = 0.5 * p + 0.5 * (np.abs(x1) < width) / (2.0 * width)
    return x, torch.as_tensor(p / q, dtype=torch.float64)


def stripe_labels(x: torch.Tensor, interfaces=STRIPE_INTERFACES) -> torch.Tensor:
    """Stripe model labels: ``+1`` where ``x_1`` lies in the stripe, ``-1`` elsewhere.

    With a single interface ``(a,)`` the label is ``sign(x_1 - a)``.
    """
    x1 = x[..., 0]
    if len(interfaces) == 1:
        return torch.where(x1 > interfaces[0], 1.0, -1.0).to(x.dtype)
    lo, hi = interfaces
    return torch.where((x1 > lo) & (x1 < hi), 1.0, -1.0).to(x.dtype)


def gaussian_random_field(K: torch.Tensor, gen: torch.Generator, n_fields: int = 1
                          ) -> tuple[torch.Tensor, float]:
    """Samples ``[n, n_fields]`` of a centred Gaussian field with covariance ``K [n, n]``.

    ``y = L z`` with ``L L^T = K + jitter I`` and ``z`` standard normal; a jitter (returned)
    is added only if the Cholesky factorisation of ``K`` fails: it adds independent noise
    of that variance to every sample, which floors the measurable test error at about
    twice the jitter.
    """
    L, jitter = cholesky_jitter(K)
    z = torch.randn(K.shape[-1], n_fields, generator=gen, dtype=K.dtype)
    return L @ z, jitter


def teacher_targets(teacher: KernelSpec, x: torch.Tensor, gen: torch.Generator
                    ) -> tuple[torch.Tensor, float]:
    """One teacher field on all points ``x`` (train and test jointly): ``([n], jitter)``."""
    y, jitter = gaussian_random_field(gram(teacher, x, x), gen)
    return y[:, 0], jitter
