"""Tasks that depend on ``d_par < d`` of the input coordinates (Paccolat, Spigler, Wyart 2020).

Paccolat, Spigler, Wyart, "How isotropic kernels perform on simple invariants", arXiv:2006.09754:

* (i) regression of a Gaussian random field ``Z(x_par)`` that depends on the first
  ``d_par`` coordinates only, learnt by ridgeless kernel regression with an isotropic
  (Laplace) kernel on all d coordinates.  The student does not see the invariance, so
  ``eps ~ P^-beta`` with ``beta = min(a_T, 2(d + a_S)) / d`` (the full d in the
  denominator, :func:`dltheory.kernels.exponents.invariant_regression_beta`): ``1/d`` for a
  Laplace teacher, whatever ``d_par``.
* (iii) the spherical model: label ``y = sign(|x_par| - R)`` (``d_par = d``: the paper's
  ``y(x) = y(|x|)``; ``d_par < d``: a cylinder), Gaussian inputs, hard-margin SVM with a
  Laplace kernel.  The decision boundary is a smooth (d-1)-dimensional hypersurface, so the
  stripe argument gives the same ``beta = (d - 1 + xi) / (3d - 3 + xi)``.

Randomness is passed in as a ``torch.Generator``; arrays are float64.
"""

from __future__ import annotations

import math

import torch

from .data import gaussian_points, gaussian_random_field
from .functions import KernelSpec, gram
from .solvers import krr_nested

__all__ = ["median_radius", "cylinder_labels", "invariant_field_curves"]


def median_radius(d_par: int) -> float:
    """Median of ``|x_par|`` for ``x_par ~ N(0, I_{d_par})``: the sphere that splits the mass in half.

    ``R^2`` is the median of a chi-square with ``d_par`` degrees of freedom (balanced classes;
    exact in closed form for ``d_par = 2``: ``R^2 = 2 ln 2``).
    """
    if d_par < 1:
        raise ValueError(f"d_par must be >= 1, got {d_par}")
    from scipy.stats import chi2

    return math.sqrt(float(chi2.median(d_par)))


def cylinder_labels(x: torch.Tensor, d_par: int, radius: float | None = None) -> torch.Tensor:
    """Spherical/cylinder model labels: ``+1`` where ``|x_par| > R``, ``-1`` inside.

    ``x_par`` are the first ``d_par`` coordinates of ``x [n, d]``; ``R`` defaults to
    :func:`median_radius` (balanced classes under Gaussian inputs).
    """
    if not 1 <= d_par <= x.shape[-1]:
        raise ValueError(f"d_par must be in [1, d = {x.shape[-1]}], got {d_par}")
    R = median_radius(d_par) if radius is None else radius
    r = x[..., :d_par].norm(dim=-1)
    return torch.where(r > R, 1.0, -1.0).to(x.dtype)


def invariant_field_curves(d: int, d_pars: list[int], sizes: list[int], n_test: int,
                           teacher: KernelSpec, student: KernelSpec, gen: torch.Generator
                           ) -> list[dict]:
    """Ridgeless regression of fields ``Z(x_par)`` on one draw of Gaussian inputs in R^d.

    One set of inputs ``x ~ N(0, I_d)`` (``Pmax + T`` points) serves every ``d_par``: for each,
    a teacher field with covariance ``K_T(|x_par - x'_par|)`` on the first ``d_par``
    coordinates is sampled jointly on training and test points; one student factorisation
    (isotropic, all d coordinates) regresses every field on nested training sets.

    Returns rows ``{d, d_par, P, error, teacher_jitter, student_jitter}``; ``error`` is the
    test mean squared error (unit-variance field: the zero predictor scores ~1).
    """
    Pmax = max(sizes)
    x = gaussian_points(Pmax + n_test, d, gen)
    fields, t_jitter = [], []
    for d_par in d_pars:
        if not 1 <= d_par <= d:
            raise ValueError(f"d_par must be in [1, d = {d}], got {d_par}")
        xp = x[:, :d_par]
        y, jitter = gaussian_random_field(gram(teacher, xp, xp), gen)
        fields.append(y[:, 0])
        t_jitter.append(jitter)
    Y = torch.stack(fields, dim=1)
    K_tr = gram(student, x[:Pmax], x[:Pmax])
    K_te = gram(student, x[Pmax:], x[:Pmax])
    mse, s_jitter = krr_nested(K_tr, K_te, Y[:Pmax], Y[Pmax:], sizes, 0.0)
    return [{"d": d, "d_par": int(d_par), "P": int(P), "error": float(mse[i, j]),
             "teacher_jitter": t_jitter[j], "student_jitter": s_jitter}
            for j, d_par in enumerate(d_pars) for i, P in enumerate(sizes)]
