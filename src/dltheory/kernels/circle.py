"""Teacher-student kernel regression on the circle S^1 (d = 2, d' = 1): two finite-P theories.

On S^1 every rotation-invariant kernel ``K(x, y) = k(|x - y|)`` (chord ``|x - y| = 2
sin(theta / 2)``) is diagonal in Fourier modes: its Mercer eigenvalues under the uniform
measure are ``lambda_n = (1 / 2 pi) int K(theta) cos(n theta) d theta`` (multiplicity 1 for
n = 0, 2 for n >= 1: cos and sin), computed here by an FFT on a fine grid.  A Gaussian random
field with covariance K_T has power ``lambda^T_n`` on each mode.

1. Eigenlearning (:mod:`.spectral`, Eqs. (1)-(3)) with these spectra: ``circle_eigenlearning``.
2. The local (spline) theory of a kernel whose ``k(r) = 1 - r / sigma + O(r^2)`` has a kink
   at 0 (Laplace, Matern-1/2): between neighbouring training points its ridgeless interpolant
   ``g`` obeys ``g'' = g / sigma^2`` up to O(h^2) (the kernel is the Green function of
   ``1 - sigma^2 d^2``), so the error ``e = f - g`` on a gap of length h has ``e'' = f'' -
   f / sigma^2`` and vanishes at both ends: ``int_gap e^2 = (f'' - f / sigma^2)^2 h^5 / 120``.
   Averaging over the spacings of P uniform points on the circle (``h = 2 pi B``,
   ``B ~ Beta(1, P - 1)``, ``E[B^5] = 5! Gamma(P) / Gamma(P + 5)``):

       eps(P) = (2 pi)^4 E[(f'' - f / sigma^2)^2] P! / (P + 4)!,
       E[(f'' - f / sigma^2)^2] = sum_n m_n (n^2 + 1 / sigma^2)^2 lambda^T_n.

   ``circle_spline_error``.  It gives beta = 4 = 2 (d' + a_S) / d' (a_S = 1) for any teacher
   smooth enough that the sum converges, with the prefactor set by the *largest gaps*
   (``h^5``): the per-draw error is heavy-tailed (relative scatter ~0.5-1.8 per seed at
   P = 2048-128), which makes 8-seed tail fits scatter by several tenths.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
from scipy.special import gammaln

from .spectral import spectral_bias_error

__all__ = ["circle_spectrum", "circle_multiplicity", "circle_eigenlearning",
           "circle_spline_error", "circle_theory_table"]


def circle_spectrum(k_of_chord: Callable[[np.ndarray], np.ndarray], n_modes: int,
                    n_grid: int = 2**22) -> np.ndarray:
    """Mercer eigenvalues ``lambda_n, n = 0 .. n_modes - 1`` of ``K = k(chord)`` on S^1 (FFT).

    Aliasing error: for a kernel with a kink (``lambda_n ~ n^-2``) about ``n^2 / n_grid^2``
    relative at mode n; for analytic kernels the absolute error is ~1e-17 (round-off), so
    eigenvalues below that are not resolved (use a closed form there, e.g. the Gaussian's
    ``exp(-1/sigma^2) I_n(1/sigma^2)`` = ``scipy.special.ive(n, 1/sigma^2)``).
    """
    if n_modes > n_grid // 2:
        raise ValueError(f"n_modes = {n_modes} needs n_grid >= {2 * n_modes}")
    theta = 2.0 * np.pi * np.arange(n_grid) / n_grid
    chord = 2.0 * np.abs(np.sin(theta / 2.0))
    return np.fft.rfft(k_of_chord(chord)).real[:n_modes] / n_grid


def circle_multiplicity(n_modes: int) -> np.ndarray:
    """Modes per eigenvalue on S^1: 1 for n = 0, 2 (cos, sin) for n >= 1."""
    return np.where(np.arange(n_modes) == 0, 1.0, 2.0)


def circle_eigenlearning(lam_student: np.ndarray, power_teacher: np.ndarray, sizes,
                         noise: float = 0.0, ridge: float = 0.0) -> np.ndarray:
    """Eigenlearning test error at each P: ``E0 (bias + noise)`` (Eqs. (1)-(3) of :mod:`.spectral`).

    ``power_teacher`` (aligned with ``lam_student``): power per mode of the target; ``noise``:
    variance of white noise on the targets (on train and test points, so it enters as
    ``E0 sigma^2``), e.g. a Cholesky jitter of the teacher's sampler.
    """
    lam = np.asarray(lam_student, dtype=float)
    m = circle_multiplicity(lam.size)
    out = []
    for P in sizes:
        r = spectral_bias_error(lam, np.asarray(power_teacher, dtype=float), ridge, P, m)
        out.append(r["E0"] * (r["bias"] + noise))
    return np.array(out)


def circle_spline_error(power_teacher: np.ndarray, sizes, sigma: float = 1.0) -> np.ndarray:
    """Local theory of the ridgeless Laplace (Matern-1/2, length sigma) student on S^1.

    ``eps(P) = (2 pi)^4 sum_n m_n (n^2 + 1/sigma^2)^2 lambda^T_n P! / (P + 4)!`` (module
    docstring); leading order in the gap h ~ 2 pi / P.
    """
    lt = np.asarray(power_teacher, dtype=float)
    n = np.arange(lt.size)
    curvature = float(np.sum(circle_multiplicity(lt.size) * (n**2 + sigma**-2) ** 2 * lt))
    P = np.asarray(sizes, dtype=float)
    return (2.0 * np.pi) ** 4 * curvature * np.exp(gammaln(P + 1.0) - gammaln(P + 5.0))


def circle_theory_table(kernels: dict, pairs, sizes, n_student_modes: int = 2**20):
    """Both S^1 theories for every (teacher, student) pair they apply to: one row per P.

    Applies to a Laplace student (the spline theory's kink) and a teacher smooth enough for
    ``E[(f'' - f)^2]`` to be finite (``alpha_T - d' > 4``: the Gaussian here).  Columns
    ``d (= 2), series, teacher, student, P, spline, eigenlearning``.  ``kernels``: name ->
    :class:`~dltheory.kernels.functions.KernelSpec`.
    """
    import pandas as pd
    import torch

    from .functions import gram, smoothness

    def k_of_chord(spec):
        def k(r):  # the kernel between (1, 0) and a point at chord r, through our own gram
            th = 2.0 * np.arcsin(np.clip(r / 2.0, 0.0, 1.0))
            y = torch.as_tensor(np.stack([np.cos(th), np.sin(th)], 1))
            return gram(spec, torch.tensor([[1.0, 0.0]], dtype=torch.float64), y)[0].numpy()
        return k

    rows = []
    for teacher, student in pairs:
        t, s = kernels[teacher], kernels[student]
        if s.name != "laplace" or not smoothness(t) > 4:
            continue
        power = np.clip(circle_spectrum(k_of_chord(t), 64, 2**12), 0.0, None)
        lam_s = circle_spectrum(k_of_chord(s), n_student_modes, 4 * n_student_modes)
        eig = circle_eigenlearning(lam_s, np.pad(power, (0, lam_s.size - power.size)), sizes)
        spline = circle_spline_error(power, sizes, s.sigma)
        rows += [{"d": 2, "series": f"{teacher}|{student}", "teacher": teacher,
                  "student": student, "P": int(P), "spline": float(a), "eigenlearning": float(b)}
                 for P, a, b in zip(sizes, spline, eig)]
    return pd.DataFrame(rows, columns=["d", "series", "teacher", "student", "P", "spline",
                                       "eigenlearning"])
