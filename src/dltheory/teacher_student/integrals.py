"""Closed-form Gaussian averages of soft committee machines, vectorised over index tuples.

Conventions shared by the ``teacher_student`` family
----------------------------------------------------
Inputs ``x ~ N(0, I_N)``.  A *unit* is a first-layer weight vector ``w`` (student) or
``w*`` (teacher) with local field ``lambda = w.x/sqrt(N)`` (student) or
``nu = w*.x/sqrt(N)`` (teacher).  The ``n = K + M`` local fields of all student and teacher
units are jointly Gaussian with covariance

    C = [[Q, R], [R^T, T]],   Q = W W^T/N,  R = W W*^T/N,  T = W* W*^T/N,

and every average the ODEs need is a function of the entries of ``C`` only.  With ``g``
the activation of every unit (teacher and student alike):

    I2(a, b)       = E[g(u_a) g(u_b)]
    I3(i, j, a)    = E[g'(u_i) u_j g(u_a)]
    I4(i, k, a, b) = E[g'(u_i) g'(u_k) g(u_a) g(u_b)]
    J2(i, k)       = E[g'(u_i) g'(u_k)]

(Saad & Solla, PRE 52, 4225 (1995); Biehl & Schwarze, J. Phys. A 28, 643 (1995);
Goldt et al., NeurIPS 2019, arXiv:1906.08632, Eqs. (9)-(10) and App. B).  Supported:
``g(x) = erf(x/sqrt 2)`` (``"erf"``, the papers' "scaled erf", with
``g'(x) = sqrt(2/pi) exp(-x^2/2)``) and ``g(x) = x`` (``"linear"``).

Layout
------
Covariances come batched with the batch axis *last*: ``C[n, n, B]`` for ``B``
trajectories, so every elementwise operation runs over contiguous trajectories.  The
functions take index arrays (one entry per tuple) and return ``[n_tuples, B]``; the
tuples of a computation are listed once (:func:`tuples`) and reused every time step.
"""

from __future__ import annotations

import itertools

import numpy as np
from scipy.special import erf

__all__ = ["ACTIVATIONS", "g", "g_prime", "I2", "I3", "I4", "J2", "tuples", "eps_g"]

ACTIVATIONS = ("erf", "linear")
_SQRT_2_OVER_PI = np.sqrt(2.0 / np.pi)


def _check(activation: str) -> None:
    if activation not in ACTIVATIONS:
        raise ValueError(f"activation must be one of {ACTIVATIONS}, got {activation!r}")


def g(x, activation: str = "erf"):
    """The activation ``g(x)``: ``erf(x/sqrt 2)`` or ``x``."""
    _check(activation)
    return erf(x / np.sqrt(2.0)) if activation == "erf" else np.asarray(x, dtype=float)


def g_prime(x, activation: str = "erf"):
    """The derivative ``g'(x)``: ``sqrt(2/pi) exp(-x^2/2)`` or ``1``."""
    _check(activation)
    if activation == "erf":
        return _SQRT_2_OVER_PI * np.exp(-0.5 * np.square(x))
    return np.ones_like(np.asarray(x, dtype=float))


def _flat(C: np.ndarray) -> tuple[np.ndarray, int]:
    n = C.shape[0]
    if C.shape[1] != n:
        raise ValueError(f"C must be [n, n, ...], got {C.shape}")
    return C.reshape(n * n, -1), n


def I2(C: np.ndarray, a, b, activation: str = "erf") -> np.ndarray:
    """``E[g(u_a) g(u_b)]`` for index arrays ``a, b``: ``[len(a), B]``.

    erf: ``(2/pi) arcsin(C_ab / sqrt((1 + C_aa)(1 + C_bb)))``; linear: ``C_ab``.
    """
    _check(activation)
    F, n = _flat(C)
    a, b = np.asarray(a), np.asarray(b)
    cab = F[a * n + b]
    if activation == "linear":
        return cab
    return (2.0 / np.pi) * np.arcsin(cab / np.sqrt((1.0 + F[a * n + a]) * (1.0 + F[b * n + b])))


def J2(C: np.ndarray, i, k, activation: str = "erf") -> np.ndarray:
    """``E[g'(u_i) g'(u_k)]``: erf ``(2/pi) / sqrt((1 + C_ii)(1 + C_kk) - C_ik^2)``; linear 1."""
    _check(activation)
    F, n = _flat(C)
    i, k = np.asarray(i), np.asarray(k)
    if activation == "linear":
        return np.ones((i.size, F.shape[1]))
    return (2.0 / np.pi) / np.sqrt((1.0 + F[i * n + i]) * (1.0 + F[k * n + k])
                                   - np.square(F[i * n + k]))


def I3(C: np.ndarray, i, j, a, activation: str = "erf") -> np.ndarray:
    """``E[g'(u_i) u_j g(u_a)]`` for index arrays ``i, j, a``: ``[len(i), B]``.

    erf: ``(2/pi) (C_ja (1 + C_ii) - C_ij C_ia) / ((1 + C_ii) sqrt(L3))`` with
    ``L3 = (1 + C_ii)(1 + C_aa) - C_ia^2``; linear: ``C_ja``.
    """
    _check(activation)
    F, n = _flat(C)
    i, j, a = np.asarray(i), np.asarray(j), np.asarray(a)
    cja = F[j * n + a]
    if activation == "linear":
        return cja
    ci = 1.0 + F[i * n + i]
    cia = F[i * n + a]
    lam3 = ci * (1.0 + F[a * n + a]) - np.square(cia)
    return (2.0 / np.pi) * (cja * ci - F[i * n + j] * cia) / (ci * np.sqrt(lam3))


def I4(C: np.ndarray, i, k, a, b, activation: str = "erf") -> np.ndarray:
    """``E[g'(u_i) g'(u_k) g(u_a) g(u_b)]`` for index arrays: ``[len(i), B]``.

    erf: ``(4/pi^2) arcsin(L0 / sqrt(L1 L2)) / sqrt(L4)`` with
    ``L4 = (1+C_ii)(1+C_kk) - C_ik^2``,
    ``L0 = L4 C_ab - C_ka C_kb (1+C_ii) - C_ia C_ib (1+C_kk) + C_ik (C_ia C_kb + C_ib C_ka)``,
    ``L1 = L4 (1+C_aa) - C_ka^2 (1+C_ii) - C_ia^2 (1+C_kk) + 2 C_ik C_ia C_ka`` and ``L2``
    the same with ``b`` for ``a``; linear: ``C_ab``.
    """
    _check(activation)
    F, n = _flat(C)
    i, k, a, b = (np.asarray(x) for x in (i, k, a, b))
    cab = F[a * n + b]
    if activation == "linear":
        return cab
    ci, ck, cik = 1.0 + F[i * n + i], 1.0 + F[k * n + k], F[i * n + k]
    cia, cib, cka, ckb = F[i * n + a], F[i * n + b], F[k * n + a], F[k * n + b]
    lam4 = ci * ck - np.square(cik)
    lam0 = lam4 * cab - cka * ckb * ci - cia * cib * ck + cik * (cia * ckb + cib * cka)
    lam1 = lam4 * (1.0 + F[a * n + a]) - np.square(cka) * ci - np.square(cia) * ck \
        + 2.0 * cik * cia * cka
    lam2 = lam4 * (1.0 + F[b * n + b]) - np.square(ckb) * ci - np.square(cib) * ck \
        + 2.0 * cik * cib * ckb
    return (4.0 / np.pi**2) * np.arcsin(lam0 / np.sqrt(lam1 * lam2)) / np.sqrt(lam4)


def tuples(*ranges, symmetric: tuple[tuple[int, int], ...] = ()) -> tuple[np.ndarray, ...]:
    """All index tuples over ``ranges`` (iterables of ints), as one int array per position.

    ``symmetric`` lists pairs of positions ``(p, q)`` over which the summand is symmetric;
    only tuples with ``index[p] <= index[q]`` are kept.  E.g.
    ``tuples(range(K), range(K), symmetric=((0, 1),))`` lists the ``K(K+1)/2`` pairs
    ``i <= k``.
    """
    rows = [t for t in itertools.product(*map(list, ranges))
            if all(t[p] <= t[q] for p, q in symmetric)]
    if not rows:
        return tuple(np.zeros(0, dtype=np.intp) for _ in ranges)
    arr = np.asarray(rows, dtype=np.intp)
    return tuple(arr[:, p].copy() for p in range(arr.shape[1]))


def eps_g(C: np.ndarray, c: np.ndarray, activation: str = "erf") -> np.ndarray:
    """Generalisation error ``eps_g = 1/2 E[(sum_a c_a g(u_a))^2] = 1/2 c^T I2 c``: ``[B]``.

    ``c[n, B]`` are the signed second-layer weights of the error ``phi - phi*``: the student's
    ``v`` on its units and ``-v*`` on the teacher units that make the target (0 elsewhere).
    Goldt et al. 2019, Eq. (3) (no output-noise term: the error is against the clean teacher).
    """
    n = C.shape[0]
    a, b = tuples(range(n), range(n), symmetric=((0, 1),))
    weight = np.where(a == b, 0.5, 1.0)[:, None]
    C = C.reshape(n, n, -1)
    c = np.asarray(c, dtype=float).reshape(n, -1)
    return np.sum(weight * c[a] * c[b] * I2(C, a, b, activation), axis=0)
