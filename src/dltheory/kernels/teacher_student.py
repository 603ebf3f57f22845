"""Teacher-student kernel regression: Gaussian-random-field targets, ridgeless students.

The protocol shared by Spigler et al. 2019, Favero et al. 2021 and Cagnetta et al. 2022:
draw ``Pmax + T`` inputs, sample each teacher's Gaussian random field jointly on all of
them (one Cholesky factorisation per teacher), and regress the first P points with each
student kernel; the test error is the mean squared error on the last T points.  One
draw serves every P (nested training sets: one student factorisation per draw gives
the whole curve, :func:`dltheory.kernels.solvers.krr_nested`) and every teacher paired
with a student (extra right-hand sides).
"""

from __future__ import annotations

from dataclasses import dataclass

import torch

from .data import gaussian_random_field
from .functions import KernelSpec, gram
from .solvers import krr_nested

__all__ = ["Pair", "grf_learning_curves"]


@dataclass(frozen=True)
class Pair:
    """A teacher and a student, by name, and the series label used in tables."""

    teacher: str
    student: str

    @property
    def series(self) -> str:
        return f"{self.teacher}|{self.student}"


def grf_learning_curves(x: torch.Tensor, n_test: int, kernels: dict[str, KernelSpec],
                        pairs: list[Pair], sizes: list[int], gen: torch.Generator,
                        ridge: float = 0.0) -> list[dict]:
    """Test errors of every (teacher, student) pair on nested training sets of one draw.

    Parameters
    ----------
    x : ``[Pmax + T, d]`` inputs; the first ``Pmax = max(sizes)`` train, the last T test
    n_test : T
    kernels : name -> kernel, for every teacher and student named in ``pairs``
    pairs : the (teacher, student) combinations to measure
    sizes : increasing P
    gen : generator of the teachers' fields (drawn in the order of first appearance)
    ridge : student ridge (0: interpolation)

    Returns rows ``{teacher, student, series, P, error, teacher_jitter, student_jitter}``;
    ``error`` is the test mean squared error (the field has unit variance, so the error
    of the zero predictor is ~1).
    """
    Pmax = max(sizes)
    if x.shape[0] != Pmax + n_test:
        raise ValueError(f"x has {x.shape[0]} points, expected Pmax + T = {Pmax + n_test}")
    teachers = list(dict.fromkeys(p.teacher for p in pairs))
    fields, t_jitter = {}, {}
    for name in teachers:
        y, jitter = gaussian_random_field(gram(kernels[name], x, x), gen)
        fields[name], t_jitter[name] = y[:, 0], jitter
    rows = []
    for student in dict.fromkeys(p.student for p in pairs):
        mine = [p for p in pairs if p.student == student]
        Y = torch.stack([fields[p.teacher] for p in mine], dim=1)
        spec = kernels[student]
        K_tr = gram(spec, x[:Pmax], x[:Pmax])
        K_te = gram(spec, x[Pmax:], x[:Pmax])
        mse, jitter = krr_nested(K_tr, K_te, Y[:Pmax], Y[Pmax:], sizes, ridge)
        del K_tr, K_te
        for j, pair in enumerate(mine):
            for i, P in enumerate(sizes):
                rows.append({"teacher": pair.teacher, "student": pair.student,
                             "series": pair.series, "P": int(P), "error": float(mse[i, j]),
                             "teacher_jitter": t_jitter[pair.teacher], "student_jitter": jitter})
    return rows
