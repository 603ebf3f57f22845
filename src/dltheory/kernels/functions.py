"""Kernel functions: isotropic (Laplace, Gaussian, Matern-nu), NTKs of ReLU networks, local,
convolutional and hierarchical (deep-CNN) kernels.

Every function maps inputs ``X [..., n, d]`` and ``Y [..., m, d]`` (torch, float64; leading
batch dimensions, e.g. seeds, broadcast) to the Gram matrix ``[..., n, m]``.  Distances are
computed exactly (no ``|x|^2 + |y|^2 - 2 x.y`` cancellation), so a kernel that is singular
at the origin (Laplace) keeps its small eigenvalues.  :func:`gram` dispatches on a
:class:`KernelSpec`, the form in which the configuration names a kernel.

Smoothness exponents
--------------------
In d' intrinsic dimensions an isotropic kernel has Fourier transform (or spherical
spectrum) ``K~(w) ~ |w|^-alpha`` (Spigler et al. 2019, arXiv:1905.10843, Sec. 3):
Laplace ``alpha = d' + 1``, Matern-nu ``alpha = d' + 2 nu``, Gaussian ``alpha = inf``,
the NTK of a ReLU network ``alpha = d' + 1`` (its cusp at ``x = y`` is Laplace-like).
:func:`smoothness` returns ``alpha - d'`` (the d'-free part) for a kernel spec.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field

import torch

__all__ = ["KernelSpec", "gram", "smoothness", "distances", "laplace", "gaussian", "matern",
           "ntk_relu", "arccos0", "arccos1", "arccos01", "patches", "local_kernel", "conv_kernel",
           "hierarchical_ntk", "KERNELS"]


def distances(X: torch.Tensor, Y: torch.Tensor) -> torch.Tensor:
    """Euclidean distances ``|x_i - y_j|``, ``[..., n, m]``, computed without cancellation."""
    return torch.cdist(X, Y, compute_mode="donot_use_mm_for_euclid_dist")


def laplace(X, Y, sigma: float = 1.0):
    """Laplace kernel ``exp(-|x - y| / sigma)`` (Matern nu = 1/2)."""
    return torch.exp(-distances(X, Y) / sigma)


def gaussian(X, Y, sigma: float = 1.0):
    """Gaussian kernel ``exp(-|x - y|^2 / (2 sigma^2))``."""
    r = distances(X, Y) / sigma
    return torch.exp(-0.5 * r * r)


def matern(X, Y, nu: float, sigma: float = 1.0):
    """Matern kernel of smoothness ``nu`` and length ``sigma``, normalised to ``K(x, x) = 1``.

    ``K(r) = 2^(1-nu) / Gamma(nu) (sqrt(2 nu) r / sigma)^nu K_nu(sqrt(2 nu) r / sigma)``;
    closed forms for nu = 1/2, 3/2, 5/2, the Bessel function K_nu (scipy, in logs) otherwise.
    Its Fourier transform in d dimensions decays as ``|w|^-(d + 2 nu)``.
    """
    z = math.sqrt(2.0 * nu) * distances(X, Y) / sigma
    if nu == 0.5:
        return torch.exp(-z)
    if nu == 1.5:
        return (1.0 + z) * torch.exp(-z)
    if nu == 2.5:
        return (1.0 + z + z * z / 3.0) * torch.exp(-z)
    import numpy as np
    from scipy.special import gammaln, kve

    zn = z.cpu().numpy()
    with torch.no_grad():
        safe = zn.copy()
        safe[safe == 0] = 1.0
        # in logs (K_nu(z) = kve(nu, z) e^-z), so that large nu does not overflow Gamma(nu)
        val = np.exp((1.0 - nu) * math.log(2.0) - gammaln(nu) + nu * np.log(safe)
                     + np.log(kve(nu, safe)) - safe)
        val[zn == 0] = 1.0
    return torch.as_tensor(val, dtype=X.dtype, device=X.device)


def arccos0(t):
    """Arc-cosine kernel of degree 0 (Cho & Saul 2009): ``(pi - arccos t) / pi``."""
    return (math.pi - torch.arccos(t.clamp(-1.0, 1.0))) / math.pi


def arccos1(t):
    """Arc-cosine kernel of degree 1: ``(sqrt(1 - t^2) + (pi - arccos t) t) / pi``, ``k1(1) = 1``."""
    t = t.clamp(-1.0, 1.0)
    return (torch.sqrt(1.0 - t * t) + (math.pi - torch.arccos(t)) * t) / math.pi


def arccos01(t):
    """``(k0(t), k1(t))`` with one arccos and one square root (the NTK recursions need both)."""
    t = t.clamp(-1.0, 1.0)
    rest = math.pi - torch.arccos(t)  # pi - theta
    k1 = torch.sqrt((1.0 - t * t).clamp_(min=0.0)).add_(rest * t).div_(math.pi)
    return rest.div_(math.pi), k1


def ntk_relu(X, Y, depth: int = 1):
    """NTK of a fully connected ReLU network with ``depth`` hidden layers, no biases.

    Inputs are used through their norms and cosines:
    ``Theta = |x||y| theta(t)``, with ``Sigma_0 = t``, ``Theta_0 = t`` and per layer
    ``Sigma_l = k1(Sigma_{l-1})``, ``Theta_l = Theta_{l-1} k0(Sigma_{l-1}) + Sigma_l``
    (the recursion of Jacot et al. 2018, with the ReLU arc-cosine kernels of :func:`arccos0`,
    :func:`arccos1`); ``Theta(x, x) = (depth + 1) |x|^2``.  For ``depth = 1`` this is
    ``|x||y| (t k0(t) + k1(t))``, the NTK of ``f = h^-1/2 sum_i a_i relu(w_i . x)`` trained in
    both layers (Petrini et al. 2022, arXiv:2206.12314, up to the factor ``1/(2d)`` of
    their code, immaterial for ridgeless regression).
    """
    nx = X.norm(dim=-1, keepdim=True)
    ny = Y.norm(dim=-1, keepdim=True)
    t = (X / nx) @ (Y / ny).transpose(-1, -2)
    sigma, theta = t, t
    for _ in range(depth):
        k0, k1 = arccos01(sigma)
        theta = theta * k0 + k1
        sigma = k1
    return nx * theta * ny.transpose(-1, -2)


def patches(X: torch.Tensor, size: int, periodic: bool = True) -> torch.Tensor:
    """The ``size``-wide patches of adjacent coordinates, ``[..., n, d] -> [..., n, n_p, size]``.

    Periodic boundaries (``n_p = d``, the last patches wrap around) as in Favero et al.
    2021 (arXiv:2106.08619); otherwise ``n_p = d - size + 1``.
    """
    d = X.shape[-1]
    if size > d:
        raise ValueError(f"filter size {size} exceeds the input dimension {d}")
    if periodic:
        X = torch.cat([X, X[..., : size - 1]], dim=-1)
    return X.unfold(-1, size, 1)


def local_kernel(X, Y, size: int, sigma: float | None = None, periodic: bool = True):
    """Local kernel ``(1/n_p) sum_i C(x_i, y_i)`` over aligned patches with Laplace constituent.

    ``C(a, b) = exp(-|a - b| / sigma)`` on ``size``-wide patches, ``sigma = size`` by default
    (as in the authors' code).  It is the NTK-inspired kernel of a one-hidden-layer locally
    connected network of filter size s (Favero et al. 2021; their code's ``gram_llap_1d``).
    """
    sigma = float(size) if sigma is None else sigma
    px, py = patches(X, size, periodic), patches(Y, size, periodic)
    n_p = px.shape[-2]
    out = None
    for i in range(n_p):
        term = laplace(px[..., i, :], py[..., i, :], sigma)
        out = term if out is None else out.add_(term)
    return out / n_p


def conv_kernel(X, Y, size: int, sigma: float | None = None, periodic: bool = True):
    """Convolutional (translation-invariant) kernel ``(1/n_p^2) sum_{i,j} C(x_i, y_j)``.

    The kernel of a one-hidden-layer CNN with global pooling (Favero et al. 2021);
    Laplace constituent of width ``sigma`` (``size`` by default) on ``size``-wide patches.
    """
    sigma = float(size) if sigma is None else sigma
    px, py = patches(X, size, periodic), patches(Y, size, periodic)
    n_p = px.shape[-2]
    out = None
    for i in range(n_p):
        for j in range(n_p):
            term = laplace(px[..., i, :], py[..., j, :], sigma)
            out = term if out is None else out.add_(term)
    return out / n_p**2


HNTK_BLOCK = 1 << 25  # entries of one [n_patch, rows, m] block of hierarchical_ntk


def hierarchical_ntk(X, Y, filter_sizes: list[int] | tuple[int, ...]):
    """NTK of a deep CNN with non-overlapping filters (a tree), no biases, ReLU.

    Cagnetta, Favero, Wyart 2022 (arXiv:2208.01003), Sec. 2: the input of dimension d is cut
    into ``d / prod(s)`` blocks of ``prod(s)`` coordinates; in each block the first layer sees
    patches of ``s_1`` adjacent coordinates, layer l groups ``s_l`` neighbouring units, and
    the readout averages over blocks.  With cosines ``t`` between aligned first-layer
    patches (patches are normalised onto the unit sphere), each layer maps children to
    parents by ``Sigma <- mean_children k1(Sigma)``,
    ``Theta <- mean_children (Theta k0(Sigma) + k1(Sigma))``; ``K(x, x) = L + 1`` for
    ``L = len(filter_sizes)`` hidden layers.
    """
    sizes = [int(s) for s in filter_sizes]
    width = math.prod(sizes)
    d = X.shape[-1]
    if d % width:
        raise ValueError(f"input dimension {d} is not a multiple of prod(filter sizes) = {width}")
    n_patch = d // sizes[0]
    # the recursion holds ~4 arrays [n_patch, rows, m]: evaluate in row blocks of at most
    # HNTK_BLOCK entries each (~1 GB in all), so that paper-scale Gram matrices fit in memory
    rows = max(1, HNTK_BLOCK // max(1, n_patch * Y.shape[-2]))
    if X.shape[-2] > rows:
        return torch.cat([hierarchical_ntk(X[..., i:i + rows, :], Y, sizes)
                          for i in range(0, X.shape[-2], rows)], dim=-2)

    def unit_patches(Z):
        z = Z.reshape(*Z.shape[:-1], n_patch, sizes[0])
        return z / z.norm(dim=-1, keepdim=True)

    px = unit_patches(X).movedim(-2, -3)  # [..., n_patch, n, s1]
    py = unit_patches(Y).movedim(-2, -3)
    sigma = px @ py.transpose(-1, -2)  # [..., n_patch, n, m] cosines of aligned patches
    theta = sigma
    for s in sizes[1:] + [d // width]:  # group children: next filters, then block average
        k0, k1 = arccos01(sigma)
        theta_new = theta.mul_(k0).add_(k1) if theta is not sigma else theta * k0 + k1
        shape = (*sigma.shape[:-3], sigma.shape[-3] // s, s, *sigma.shape[-2:])
        sigma = k1.reshape(shape).mean(dim=-3)
        theta = theta_new.reshape(shape).mean(dim=-3)
    return theta.squeeze(-3)


KERNELS = ("laplace", "gaussian", "matern", "ntk_relu", "local", "conv", "hierarchical_ntk")


@dataclass(frozen=True)
class KernelSpec:
    """A kernel as the configuration names it.

    Attributes
    ----------
    name : one of :data:`KERNELS`
    sigma : length scale (isotropic kernels and the patch constituent; None = default)
    nu : Matern smoothness
    size : filter size s (local, conv)
    filters : filter sizes (hierarchical_ntk), first layer first
    depth : hidden layers (ntk_relu)
    """

    name: str
    sigma: float | None = None
    nu: float | None = None
    size: int | None = None
    filters: tuple = field(default_factory=tuple)
    depth: int = 1

    @classmethod
    def from_dict(cls, entry: dict) -> "KernelSpec":
        entry = dict(entry)
        if "filters" in entry:
            entry["filters"] = tuple(entry["filters"])
        return cls(**entry)

    def as_dict(self) -> dict:
        return {k: (list(v) if isinstance(v, tuple) else v) for k, v in asdict(self).items()}

    @property
    def label(self) -> str:
        if self.name == "matern":
            return f"Matern-{self.nu:g}"
        if self.name in ("local", "conv"):
            return f"{self.name} s={self.size}"
        if self.name == "hierarchical_ntk":
            return "CNTK " + "x".join(map(str, self.filters))
        return {"laplace": "Laplace", "gaussian": "Gaussian", "ntk_relu": "NTK"}[self.name]


def gram(spec: KernelSpec, X: torch.Tensor, Y: torch.Tensor) -> torch.Tensor:
    """Gram matrix ``K(X, Y)`` of the kernel ``spec``."""
    sigma = 1.0 if spec.sigma is None else spec.sigma
    if spec.name == "laplace":
        return laplace(X, Y, sigma)
    if spec.name == "gaussian":
        return gaussian(X, Y, sigma)
    if spec.name == "matern":
        return matern(X, Y, spec.nu, sigma)
    if spec.name == "ntk_relu":
        return ntk_relu(X, Y, spec.depth)
    if spec.name == "local":
        return local_kernel(X, Y, spec.size, spec.sigma)
    if spec.name == "conv":
        return conv_kernel(X, Y, spec.size, spec.sigma)
    if spec.name == "hierarchical_ntk":
        return hierarchical_ntk(X, Y, spec.filters)
    raise ValueError(f"unknown kernel {spec.name!r}; known: {', '.join(KERNELS)}")


def smoothness(spec: KernelSpec) -> float:
    """``alpha - d'``: the exponent of ``K~(w) ~ |w|^-(d' + smoothness)`` (d'-independent part).

    Laplace 1, Matern-nu 2 nu, Gaussian inf, ReLU NTKs 1 (cusp ``|x - y|`` at the diagonal),
    local/conv kernels with Laplace constituent 1.
    """
    if spec.name in ("laplace", "ntk_relu", "local", "conv", "hierarchical_ntk"):
        return 1.0
    if spec.name == "matern":
        return 2.0 * spec.nu
    if spec.name == "gaussian":
        return math.inf
    raise ValueError(f"unknown kernel {spec.name!r}")
