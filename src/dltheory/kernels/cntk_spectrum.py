"""Mercer spectrum of the hierarchical CNTK on a product of circles, and the finite-P
learning curves it predicts (Cagnetta, Favero, Wyart 2022, arXiv:2208.01003).

With patches of ``s_1 = 2`` coordinates on the circle S^1, an input is ``n = d / 2`` angles
``phi = (phi_1, ..., phi_n)`` uniform on the torus, and the hierarchical NTK
(:func:`dltheory.kernels.functions.hierarchical_ntk`) depends only on the cosines
``cos(phi_i - phi'_i)`` of aligned patches: ``K(phi, phi') = k(phi - phi')``, even in every
argument.  Its eigenfunctions under the uniform measure are the Fourier modes
``exp(i q . phi)``, ``q`` in Z^n, with eigenvalues

    lambda_q = (2 pi)^-n  int d^n phi  k(phi) cos(q . phi),                       (A)

computed here by a discrete cosine transform (DCT-I, the FFT of an even sequence) of ``k``
on the grid ``phi_i = 2 pi j / N``: the ``N^n`` grid modes are represented by
``q_i in {0, ..., N/2}`` with multiplicity ``prod_i (1 if q_i in {0, N/2} else 2)``
(:func:`torus_spectrum`).  The grid folds ``lambda_{q + N m}`` onto ``lambda_q`` (aliasing),
which an isotropic grid cannot afford: the modes on a patches decay only as
``|q|^-(1 + a)``, so one-patch modes matter far beyond any affordable ``N^n``.  Hence
:func:`support_spectrum`: one grid per support class ``A = {i: q_i != 0}`` (up to the tree's
symmetries, :func:`tree_orbits`), fine along A and coarse along the averaged angles.  Every
grid is checked against its half (a sub-grid: no new kernel evaluations), on the predicted
errors and on the eigenvalues that matter (:func:`support_aliasing`).

A Gaussian-random-field teacher of covariance ``K_T`` has power ``t_q = lambda^T_q`` on
mode q (``sum_q t_q = K_T(x, x)``, the raw variance our measured errors use), so the
ridgeless test error of a student with eigenvalues ``lambda^S_q`` is the eigenlearning
prediction of :func:`dltheory.kernels.spectral.spectral_bias_error` (Eqs. (1)-(3) there,
ridge 0), evaluated with the multiplicities above.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import torch
from scipy.fft import dctn

from .functions import hierarchical_ntk
from .spectral import effective_ridge, spectral_bias_error

__all__ = ["TorusSpectrum", "ModeSpectrum", "cntk_torus_kernel", "torus_spectrum", "tree_orbits", "support_spectrum", "support_aliasing",
           "predicted_curve", "local_slopes", "spectral_theory_table"]

CHUNK_POINTS = 1 << 21  # grid points per hierarchical_ntk call (~130 MB of inputs at n = 4)


def cntk_torus_kernel(filters, n_patch: int, N) -> np.ndarray:
    """``k(phi)`` on the half grid ``phi_i = 2 pi j_i / N_i``, ``j_i = 0..N_i/2``.

    ``N``: one even grid size for every axis, or a tuple of ``n_patch`` of them.  Evaluated
    by the project's :func:`hierarchical_ntk` between the grid points (patch i at angle
    ``phi_i``) and the point with every angle 0, in chunks of the leading axes.
    """
    filters = tuple(int(f) for f in filters)
    if filters[0] != 2:
        raise ValueError(f"the torus spectrum needs first-layer filters of 2 (patches on S^1), "
                         f"got {filters}")
    sizes = (int(N),) * n_patch if np.ndim(N) == 0 else tuple(int(n) for n in N)
    if len(sizes) != n_patch or any(n < 2 or n % 2 for n in sizes):
        raise ValueError(f"grid sizes must be {n_patch} even numbers >= 2, got {N}")
    Ms = [n // 2 + 1 for n in sizes]
    circles = []
    for n, m in zip(sizes, Ms):
        angles = torch.arange(m, dtype=torch.float64) * (2.0 * math.pi / n)
        circles.append(torch.stack([torch.cos(angles), torch.sin(angles)], dim=-1))  # [m, 2]
    origin = torch.zeros(1, 2 * n_patch, dtype=torch.float64)
    origin[:, 0::2] = 1.0
    flat = math.prod(Ms)
    strides = [math.prod(Ms[i + 1:]) for i in range(n_patch)]
    out = np.empty(flat)
    step = max(1, CHUNK_POINTS // strides[0]) * strides[0] if flat > CHUNK_POINTS else flat
    for start in range(0, flat, step):
        idx = torch.arange(start, min(flat, start + step))
        X = torch.cat([circles[i][(idx // strides[i]) % Ms[i]] for i in range(n_patch)], dim=-1)
        out[start:start + len(idx)] = hierarchical_ntk(X, origin, filters)[:, 0].numpy()
    return out.reshape(Ms)


class TorusSpectrum:
    """Eigenvalues (A) of one kernel on the ``N^n`` grid, as the half grid ``[N/2+1]^n``.

    Attributes
    ----------
    values : ``lambda_q`` for ``q_i = 0..N/2``
    multiplicity : number of grid modes ``(+-q_1, ..., +-q_n)`` sharing ``lambda_q``
    N, n_patch : grid size and number of patches
    """

    def __init__(self, values: np.ndarray, N: int):
        self.values, self.N, self.n_patch = values, int(N), values.ndim
        mult = np.full(N // 2 + 1, 2.0)
        mult[0] = mult[-1] = 1.0
        self.multiplicity = np.ones(values.shape)
        for i in range(self.n_patch):
            shape = [1] * self.n_patch
            shape[i] = -1
            self.multiplicity = self.multiplicity * mult.reshape(shape)

    @classmethod
    def from_kernel(cls, grid_values: np.ndarray, N: int) -> "TorusSpectrum":
        """Eq. (A) from ``k`` on the half grid: DCT-I along every axis, over ``N^n``."""
        return cls(dctn(grid_values, type=1) / float(N) ** grid_values.ndim, N)

    @property
    def trace(self) -> float:
        """``sum_q lambda_q = k(0)`` (exact on the grid)."""
        return float(np.sum(self.multiplicity * self.values))


def torus_spectrum(filters, n_patch: int, N: int) -> tuple[TorusSpectrum, TorusSpectrum]:
    """Spectra of the CNTK ``filters`` on grids N and N / 2 (the second for the aliasing check).

    The ``N/2`` grid is the even sub-grid of the N one, so it costs no kernel evaluation.
    """
    k = cntk_torus_kernel(filters, n_patch, N)
    fine = TorusSpectrum.from_kernel(k, N)
    coarse = TorusSpectrum.from_kernel(k[(slice(None, None, 2),) * n_patch], N // 2)
    return fine, coarse


def predicted_curve(student, teachers: dict, sizes) -> dict:
    """Eigenlearning prediction of the ridgeless test error of every teacher at every P.

    ``student`` and the ``teachers`` are :class:`TorusSpectrum` or :class:`ModeSpectrum` on
    the same modes (``values``, ``multiplicity``).  Returns
    ``{"kappa": [len(sizes)], "error": {name: [len(sizes)]}}``; the teacher's power
    is clipped at 0 (round-off of modes it does not contain) and the student's eigenvalues
    likewise (a negative round-off would not be a mode).
    """
    lam = np.clip(student.values.ravel(), 0.0, None)
    mult = student.multiplicity.ravel()
    keep = lam > 0
    lam, mult = lam[keep], mult[keep]
    powers = {k: np.clip(t.values.ravel()[keep], 0.0, None) for k, t in teachers.items()}
    dropped = {k: float(np.sum(t.multiplicity.ravel()[~keep] * np.clip(t.values.ravel()[~keep],
                                                                       0.0, None)))
               for k, t in teachers.items()}
    kappas, errors = [], {k: [] for k in teachers}
    for P in sizes:
        kappa = effective_ridge(lam, 0.0, P, mult)
        kappas.append(kappa)
        for name, t in powers.items():
            r = spectral_bias_error(lam, t, 0.0, P, mult)
            # power on modes the student lacks is never learnt: E0 times that power
            errors[name].append(r["error"] + r["E0"] * dropped[name])
    return {"kappa": np.array(kappas), "error": {k: np.array(v) for k, v in errors.items()}}


def local_slopes(sizes, errors) -> np.ndarray:
    """``-d log E / d log P`` between consecutive sizes."""
    return -np.diff(np.log(errors)) / np.diff(np.log(np.asarray(sizes, dtype=float)))


def tree_orbits(filters, n_patch: int) -> list[tuple[tuple[int, ...], int]]:
    """Supports A (non-empty sets of patches) up to the automorphisms of the CNTK's tree.

    The recursion of :func:`hierarchical_ntk` averages symmetrically over the children of
    every node (and over the blocks at the readout), so ``k`` is invariant under permuting
    siblings: ``lambda_q`` depends on the support ``A = {i: q_i != 0}`` only through its orbit.
    Returns ``(representative A, orbit size)`` pairs, covering all ``2^n - 1`` supports.
    """
    filters = tuple(int(f) for f in filters)
    groups = list(filters[1:]) + [2 * n_patch // math.prod(filters)]
    if math.prod(groups) != n_patch:
        raise ValueError(f"filters {filters} do not tile {n_patch} patches")

    def key(members):
        nodes = [int(i in members) for i in range(n_patch)]
        for g in groups:
            nodes = [tuple(sorted(nodes[j:j + g])) for j in range(0, len(nodes), g)]
        return nodes[0]

    orbits: dict = {}
    for size in range(1, n_patch + 1):
        for members in _subsets(n_patch, size):
            k = key(members)
            rep, count = orbits.get(k, (members, 0))
            orbits[k] = (rep, count + 1)
    return list(orbits.values())


def _subsets(n: int, size: int):
    from itertools import combinations
    return [tuple(c) for c in combinations(range(n), size)]


class ModeSpectrum:
    """Eigenvalues by support class: the modes ``q`` with ``q_i != 0`` exactly on A.

    ``blocks``: per support representative, ``(A, orbit size, fine [N_A/2]^|A|, coarse
    [N_A/4]^|A|)`` eigenvalues for ``q_A`` in ``1..N_A/2`` (fine grid) and ``1..N_A/4`` (its
    sub-grid, every axis halved, the marginal one included); ``constant``: ``lambda_0``.  ``values``/``multiplicity`` flatten the fine grid
    (sign flips ``+-q_i`` and the orbit counted in the multiplicity); ``coarse()`` the coarse.
    """

    def __init__(self, constant: float, blocks: list):
        self.constant, self.blocks = float(constant), blocks
        self.values, self.multiplicity = self._flatten(2)
        self.trace = float(np.sum(self.values * self.multiplicity))

    def _flatten(self, which: int) -> tuple[np.ndarray, np.ndarray]:
        vals, mult = [np.array([self.constant])], [np.array([1.0])]
        for A, orbit, *arrays in self.blocks:
            block = arrays[which - 2]
            m = block.shape[0]
            axis = np.full(m, 2.0)
            axis[-1] = 1.0  # the Nyquist frequency N_A / 2 has no separate -q
            mul = np.ones(block.shape)
            for i in range(block.ndim):
                shape = [1] * block.ndim
                shape[i] = -1
                mul = mul * axis.reshape(shape)
            vals.append(block.ravel())
            mult.append(orbit * mul.ravel())
        return np.concatenate(vals), np.concatenate(mult)

    def coarse(self) -> "ModeSpectrum":
        """The same classes on the sub-grids ``N_A / 2`` (for the aliasing check)."""
        out = ModeSpectrum.__new__(ModeSpectrum)
        out.constant, out.blocks = self.constant, self.blocks
        out.values, out.multiplicity = self._flatten(3)
        out.trace = float(np.sum(out.values * out.multiplicity))
        return out


def support_spectrum(filters, n_patch: int, grids, marginal_grid: int,
                     orbits: list | None = None) -> ModeSpectrum:
    """Eigenvalues (A) of the CNTK ``filters`` class by class of support.

    For support A the kernel is evaluated on a grid of ``grids[|A| - 1]`` points along the
    axes in A and ``marginal_grid`` along the others: the DCT entries with ``q_i = 0`` off A
    are the Fourier coefficients of the marginal ``k_A`` (the average over the other angles,
    up to images ``q_i = +-marginal_grid`` of higher-support modes).  Modes of few patches,
    whose eigenvalues decay slowly (``|q|^-(1 + |A|)``), thus get fine grids at little cost.
    ``orbits`` (default :func:`tree_orbits` of ``filters``): pass the student's to align the
    modes of a teacher whose tree is a prefix of the student's (its symmetry group is larger).
    """
    if len(grids) != n_patch or marginal_grid % 4 or any(int(g) % 4 for g in grids):
        raise ValueError(f"need one grid size per support size 1..{n_patch}, all multiples of 4 "
                         f"(halved for the check), and a marginal grid likewise: {grids}, "
                         f"{marginal_grid}")
    if len(grids) != n_patch:
        raise ValueError(f"need one grid size per support size 1..{n_patch}, got {grids}")
    blocks, constant = [], None
    for A, orbit in (tree_orbits(filters, n_patch) if orbits is None else orbits):
        Na = int(grids[len(A) - 1])
        sizes = tuple(Na if i in A else int(marginal_grid) for i in range(n_patch))
        k = cntk_torus_kernel(filters, n_patch, sizes)
        pick = tuple(slice(1, None) if i in A else 0 for i in range(n_patch))
        fine = dctn(k, type=1) / math.prod(sizes)
        if constant is None or len(A) == n_patch:
            constant = float(fine[(0,) * n_patch])
        # the check grid: every axis halved (support and marginal), a sub-grid of this one
        coarse = dctn(k[(slice(None, None, 2),) * n_patch], type=1) / math.prod(
            n // 2 for n in sizes)
        blocks.append((A, orbit, fine[pick], coarse[pick]))
    return ModeSpectrum(constant, blocks)


def support_aliasing(student: ModeSpectrum, kappa: float, fraction: float = 1.0
                     ) -> tuple[dict, int]:
    """Aliasing check per support class A: the max relative change of ``lambda_q``
    between the half grid and the grid over the modes with ``lambda_q >= fraction kappa`` and
    every ``|q_i| <= N_A / 8`` (the inner half of the half grid, away from its own Nyquist
    folding), and the number of such modes beyond ``N_A / 8`` (a generous grid has none).

    Returns ``({A: max change}, outside)``.  Classes with few patches also fold the images
    ``q_i = +-marginal_grid`` of larger-support modes onto ``q_i = 0``: their eigenvalues at
    large ``|q_A|`` converge slowly in ``marginal_grid`` (the predicted errors much faster,
    since the teacher's power is folded alike).
    """
    worst, outside = {}, 0
    for A, orbit, fine, coarse in student.blocks:
        m = coarse.shape[0] // 2
        sub = fine[(slice(0, m),) * fine.ndim]
        inside = sub >= fraction * kappa
        outside += int(np.count_nonzero(fine >= fraction * kappa) - np.count_nonzero(inside))
        ratio = coarse[(slice(0, m),) * fine.ndim][inside] / sub[inside]
        worst[A] = float(np.max(np.abs(ratio - 1.0))) if inside.any() else 0.0
    return worst, outside


def spectral_theory_table(teachers: dict, student, d: int, grids, marginal_grid: int,
                          sizes) -> pd.DataFrame:
    """Finite-P eigenlearning prediction for every teacher (rule cagnetta_spectral).

    Parameters
    ----------
    teachers : name -> :class:`~dltheory.kernels.functions.KernelSpec` (hierarchical_ntk),
        each a prefix of the student's tree (so the student's orbits align their modes)
    student : the student's KernelSpec
    d : input dimension (``d / 2`` patches on S^1)
    grids, marginal_grid : of :func:`support_spectrum`; the prediction is repeated on the
        sub-grid with every size halved
    sizes : training-set sizes P

    Returns one row per (teacher, P): ``error_pred``, ``error_pred_coarse`` (sub-grid),
    ``grid_change = |error_pred / error_pred_coarse - 1|``, ``kappa``, and, repeated on every
    row, the student's eigenvalue aliasing at the largest P (:func:`support_aliasing` over
    the modes with ``lambda >= kappa``): ``eig_change`` (all classes),
    ``eig_change_full_support`` (modes on every patch, free of marginal folding),
    ``eig_outside``.
    """
    n_patch = d // 2
    sf = tuple(student.filters)
    for name, spec in teachers.items():
        f = tuple(spec.filters)
        if sf[:len(f)] != f:
            raise ValueError(f"teacher {name} {f} is not a prefix of the student's tree {sf}")
    orbits = tree_orbits(sf, n_patch)
    cache = {sf: support_spectrum(sf, n_patch, grids, marginal_grid, orbits)}
    for spec in teachers.values():
        f = tuple(spec.filters)
        if f not in cache:
            cache[f] = support_spectrum(f, n_patch, grids, marginal_grid, orbits)
    s = cache[sf]
    t = {name: cache[tuple(spec.filters)] for name, spec in teachers.items()}
    fine = predicted_curve(s, t, sizes)
    coarse = predicted_curve(s.coarse(), {k: v.coarse() for k, v in t.items()}, sizes)
    changes, eig_outside = support_aliasing(s, float(fine["kappa"][-1]))
    eig_change = max(changes.values())
    eig_change_full = max(v for A, v in changes.items() if len(A) == n_patch)
    rows = []
    for name in teachers:
        for i, P in enumerate(sizes):
            e, ec = float(fine["error"][name][i]), float(coarse["error"][name][i])
            rows.append({"teacher": name, "P": float(P), "error_pred": e,
                         "error_pred_coarse": ec, "grid_change": abs(e / ec - 1.0),
                         "kappa": float(fine["kappa"][i]), "grid": "x".join(map(str, grids)),
                         "marginal_grid": int(marginal_grid),
                         "eig_change": eig_change, "eig_change_full_support": eig_change_full,
                         "eig_outside": eig_outside})
    return pd.DataFrame(rows)
