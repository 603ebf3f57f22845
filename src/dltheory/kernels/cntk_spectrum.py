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
``q_i in {0, ..., N/2}`` with multiplicity ``prod_i (1 if q_i in {0, N/2} else 2)``.  The grid
folds ``lambda_{q + N m}`` onto ``lambda_q`` (aliasing); :func:`aliasing_check` compares the
eigenvalues at N with those at N / 2 (a sub-grid, no new kernel evaluations).

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

__all__ = ["TorusSpectrum", "cntk_torus_kernel", "torus_spectrum", "aliasing_check",
           "predicted_curve", "local_slopes", "spectral_theory_table"]

CHUNK_POINTS = 1 << 21  # grid points per hierarchical_ntk call (~130 MB of inputs at n = 4)


def cntk_torus_kernel(filters, n_patch: int, N: int) -> np.ndarray:
    """``k(phi)`` on the half grid ``phi_i = 2 pi j_i / N``, ``j_i = 0..N/2``: ``[N/2+1]^n``.

    Evaluated by the project's :func:`hierarchical_ntk` between the grid points (patch i at
    angle ``phi_i``) and the point with every angle 0, in chunks of the leading axes.
    """
    filters = tuple(int(f) for f in filters)
    if filters[0] != 2:
        raise ValueError(f"the torus spectrum needs first-layer filters of 2 (patches on S^1), "
                         f"got {filters}")
    if N < 2 or N % 2:
        raise ValueError(f"grid size N must be even and >= 2, got {N}")
    M = N // 2 + 1
    angles = torch.arange(M, dtype=torch.float64) * (2.0 * math.pi / N)
    circle = torch.stack([torch.cos(angles), torch.sin(angles)], dim=-1)  # [M, 2]
    origin = torch.zeros(1, 2 * n_patch, dtype=torch.float64)
    origin[:, 0::2] = 1.0
    flat = M**n_patch
    out = np.empty(flat)
    step = max(1, CHUNK_POINTS // M) * M if flat > CHUNK_POINTS else flat
    for start in range(0, flat, step):
        idx = torch.arange(start, min(flat, start + step))
        digits = [(idx // M**(n_patch - 1 - i)) % M for i in range(n_patch)]
        X = torch.cat([circle[j] for j in digits], dim=-1)  # [chunk, 2 n]
        out[start:start + len(idx)] = hierarchical_ntk(X, origin, filters)[:, 0].numpy()
    return out.reshape((M,) * n_patch)


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


def aliasing_check(fine: TorusSpectrum, coarse: TorusSpectrum, kappa: float,
                   fraction: float = 1.0) -> tuple[float, int]:
    """Eigenvalue aliasing between grids N/2 and N over the modes that matter at effective
    ridge ``kappa``: those with ``lambda_q >= fraction * kappa`` on the fine grid.

    Returns ``(max relative change of lambda_q, number of such modes beyond the coarse
    grid's |q_i| <= N/4)``; a converged grid has both small.
    """
    m = coarse.values.shape[0]
    sub = fine.values[(slice(0, m),) * fine.n_patch]
    inside = sub >= fraction * kappa
    outside = int(np.count_nonzero(fine.values >= fraction * kappa) - np.count_nonzero(inside))
    if not inside.any():
        return 0.0, outside
    return float(np.max(np.abs(coarse.values[inside] / sub[inside] - 1.0))), outside


def predicted_curve(student: TorusSpectrum, teachers: dict[str, TorusSpectrum],
                    sizes) -> dict:
    """Eigenlearning prediction of the ridgeless test error of every teacher at every P.

    Returns ``{"kappa": [len(sizes)], "error": {name: [len(sizes)]}}``; the teacher's power
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


def spectral_theory_table(teachers: dict, student, d: int, N: int, sizes) -> pd.DataFrame:
    """Finite-P eigenlearning prediction for every teacher (rule cagnetta_spectral).

    Parameters
    ----------
    teachers : name -> :class:`~dltheory.kernels.functions.KernelSpec` (hierarchical_ntk)
    student : the student's KernelSpec
    d : input dimension (``d / 2`` patches on S^1)
    N : grid size; the prediction is repeated on the N/2 sub-grid
    sizes : training-set sizes P

    Returns one row per (teacher, P): ``error_pred`` (grid N), ``error_pred_coarse`` (N/2),
    ``grid_change = |error_pred / error_pred_coarse - 1|``, ``kappa``, and, repeated on every
    row, the student's eigenvalue aliasing at the largest P (:func:`aliasing_check` over the
    modes with ``lambda >= kappa``): ``eig_change``, ``eig_outside``.
    """
    n_patch = d // 2
    s_fine, s_coarse = torus_spectrum(student.filters, n_patch, N)
    t_fine, t_coarse = {}, {}
    for name, spec in teachers.items():
        t_fine[name], t_coarse[name] = torus_spectrum(spec.filters, n_patch, N)
    fine = predicted_curve(s_fine, t_fine, sizes)
    coarse = predicted_curve(s_coarse, t_coarse, sizes)
    eig_change, eig_outside = aliasing_check(s_fine, s_coarse, float(fine["kappa"][-1]))
    rows = []
    for name in teachers:
        for i, P in enumerate(sizes):
            e, ec = float(fine["error"][name][i]), float(coarse["error"][name][i])
            rows.append({"teacher": name, "P": float(P), "error_pred": e,
                         "error_pred_coarse": ec, "grid_change": abs(e / ec - 1.0),
                         "kappa": float(fine["kappa"][i]), "grid": int(N),
                         "eig_change": eig_change, "eig_outside": eig_outside})
    return pd.DataFrame(rows)
