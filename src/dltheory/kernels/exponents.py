"""Predicted learning-curve exponents of the six kernel papers, computed from their formulas.

Every function returns ``beta`` of ``eps ~ P^-beta`` (or the named exponent) from the
paper's symbols.  Intrinsic dimensions are the caller's job: the sphere S^{d-1} has
``d' = d - 1``; a patch on S^{s-1} contributes ``s - 1``.
"""

from __future__ import annotations

import math

from .functions import KernelSpec, smoothness

__all__ = ["teacher_student_beta", "kernel_pair_beta", "svm_stripe_beta",
           "invariant_regression_beta",
           "svm_compression_exponent", "local_student_beta", "ridgeless_depleted_beta",
           "spectral_bias_depleted_beta", "crossover_ridge_exponent",
           "large_ridge_exponent", "lazy_constant_beta", "feature_constant_beta",
           "cntk_effective_dimension", "cntk_beta"]


def teacher_student_beta(a_t: float, a_s: float, d_int: float) -> float:
    """Spigler, Geiger, Wyart 2019 (arXiv:1905.10843), main result: ``beta = min(a_T - d', 2 a_S) / d'``.

    Here ``a_t = alpha_T - d'`` and ``a_s = alpha_S - d'`` are the smoothness parts of the
    teacher's and student's spectra ``K~(w) ~ |w|^-(d' + a)`` (Laplace 1, Matern-nu 2 nu,
    Gaussian inf), so ``beta = min(a_t, 2 (d' + a_s)) / d'``.
    """
    if d_int <= 0:
        raise ValueError(f"intrinsic dimension must be positive, got {d_int}")
    return min(a_t, 2.0 * (d_int + a_s)) / d_int


def kernel_pair_beta(teacher: KernelSpec, student: KernelSpec, d_int: float) -> float:
    """:func:`teacher_student_beta` for two isotropic kernels in ``d_int`` dimensions."""
    return teacher_student_beta(smoothness(teacher), smoothness(student), d_int)


def svm_stripe_beta(d: int, xi: float = 1.0) -> float:
    """Paccolat, Spigler, Wyart 2020 (arXiv:2006.09754), abstract and Sec. 4: ``(d - 1 + xi) / (3d - 3 + xi)``.

    Margin SVM on the stripe model with an isotropic kernel whose singularity at the
    origin is ``|x|^xi`` (Laplace: xi = 1, giving ``d / (3d - 2)``), large bandwidth.
    The argument uses only that the decision boundary is a smooth (d-1)-dimensional surface
    with no margin, so it also gives the spherical model ``y(|x_par|)`` (item iii).
    """
    return (d - 1 + xi) / (3 * d - 3 + xi)


def invariant_regression_beta(a_t: float, a_s: float, d: int, d_par: int) -> float:
    """Paccolat, Spigler, Wyart 2020 (arXiv:2006.09754), item (i): a Gaussian random field on the
    first ``d_par`` of d coordinates, ridgeless regression with an isotropic kernel on all d.

    The teacher's spectrum is ``|w_par|^-(d_par + a_T)`` on the d_par-dimensional subspace; the
    isotropic student learns every mode with ``|w| < w_c``, and P training points in R^d
    reach ``w_c ~ P^(1/d)``.  The error is the teacher power beyond the cutoff, ``w_c^-a_T``
    (or the student-limited ``2 (d + a_S) / d``):

        beta = min(a_T, 2 (d + a_S)) / d,

    the teacher-student formula with ``alpha_T - d_par = a_T`` and the full input dimension d
    in the denominator: independent of ``d_par`` (Laplace teacher: ``1/d``, not ``1/d_par``).
    """
    if not 1 <= d_par <= d:
        raise ValueError(f"d_par must be in [1, d = {d}], got {d_par}")
    return teacher_student_beta(a_t, a_s, d)


def svm_compression_exponent(d: int, xi: float = 1.0) -> float:
    """Same paper (abstract, item iv): compressing ``x_perp`` by a factor lambda divides eps by
    ``lambda^(2 (d - 1) / (3d - 3 + xi))`` at fixed P; returns that exponent."""
    return 2.0 * (d - 1) / (3 * d - 3 + xi)


def local_student_beta(t: int, s: int, a_t: float = 1.0, a_s: float = 1.0) -> float:
    """Favero, Cagnetta, Wyart 2021 (arXiv:2106.08619), main result: ``beta = min(a_t, 2(a_s + s)) / s``.

    Teacher of filter size t, local or convolutional student of filter size s >= t (a
    fully connected student is s = d); patch constituents of smoothness ``a_t``, ``a_s``
    (Laplace 1).  It depends on s, not on the input dimension.  For ``s < t`` the student
    cannot represent the teacher and the error does not vanish: ``beta = 0``.
    """
    if s < t:
        return 0.0
    return min(a_t, 2.0 * (a_s + s)) / s


def ridgeless_depleted_beta(d: int, chi: float) -> float:
    """Tomasini, Sclocchi, Wyart 2022 (arXiv:2202.03348): ridgeless Laplace regression of
    ``sign(x_1)`` with density ``~ |x_1|^chi`` at the boundary, ``beta = (1 + chi) / (d + chi)``.

    The error comes from the layer ``|x_1| < r_c`` where training points are farther apart
    than their distance to the boundary: ``r_c^d P r_c^chi ~ 1`` and ``eps ~ r_c^(1+chi)``.
    """
    return (1.0 + chi) / (d + chi)


def spectral_bias_depleted_beta(d: int, chi: float) -> float:
    """The spectral-bias (replica) prediction of the same exponent (same paper):
    ``beta_SB = (d + 1)(1 + chi) / (d (d + 1 + chi))``.

    Eigenlearning gives ``eps(lambda) ~ (lambda/P)^((1+chi)/(d+1+chi))`` at large ridge and an
    effective ridge ``kappa ~ P lambda_P ~ P^(-1/d)`` (Laplace eigenvalues
    ``lambda_rho ~ rho^-(d+1)/d``) in the ridgeless limit.  It equals
    :func:`ridgeless_depleted_beta` only as ``d -> inf``.
    """
    return (d + 1) * (1.0 + chi) / (d * (d + 1 + chi))


def crossover_ridge_exponent(d: int, chi: float) -> float:
    """Same paper (abstract): the crossover ridge ``lambda* ~ P^-1/(d + chi)``; returns ``-1/(d+chi)``."""
    return -1.0 / (d + chi)


def large_ridge_exponent(d: int, chi: float) -> float:
    """Same paper: for ``lambda >> lambda*``, ``eps ~ (lambda / P)^((1 + chi) / (d + 1 + chi))``.

    The Laplace ridge sets a smoothing length ``l^(d+1) ~ lambda / (P p(x))`` and the
    density near the boundary is ``p ~ l^chi``; returns the exponent of ``lambda / P``.
    """
    return (1.0 + chi) / (d + 1 + chi)


def lazy_constant_beta(d: int) -> float:
    """Petrini, Cagnetta, Vanden-Eijnden, Wyart 2022 (arXiv:2206.12314): NTK (lazy) regression
    of a smooth (here constant) target on S^{d-1}: ``beta = 2 alpha_NTK / d' = 2d / (d - 1)``.

    :func:`teacher_student_beta` with an infinitely smooth teacher and the ReLU NTK's
    Laplace-like cusp (``alpha_S = d' + 1``) in ``d' = d - 1`` dimensions.
    """
    return teacher_student_beta(math.inf, 1.0, d - 1)


def feature_constant_beta(d: int, coherent: bool = False) -> float:
    """Feature-limit exponent of a constant target on S^{d-1} (ReLU neurons, no bias).

    Petrini, Cagnetta, Vanden-Eijnden, Wyart 2022 (arXiv:2206.12314): the sparse
    predictor ``f(x) = sum_j c_j relu(w_j . x)`` has ``n_A <= P`` atoms, of spacing
    ``h ~ P^-1/(d-1)`` on S^{d-1}.  With ``c_j >= 0`` (the optimum for a positive target) f is
    the support function of a zonotope with P generators (``relu(t) = (|t| + t)/2``) and its
    error is that of a zonotope approximating the unit ball.  For a test point x the integrand
    of ``1 = c int relu(w . x) dw`` has a kink along ``w . x = 0``; the ``h^-(d-2)`` atom
    cells it crosses each leave an error ``h^(d-1) h``, the rest of the sphere being
    integrated exactly to this order.  Cell errors of independent size give
    ``eps ~ h^-(d-2) (h^d)^2 = h^(d+2)``, so ``beta = (d + 2) / (d - 1) = 1 + 3/(d - 1)``.

    This is also the best rate of any predictor of P atoms: the cosine transform's
    multipliers decay as ``k^-(d+2)/2`` at harmonic degree k, and P atoms cannot cancel the
    harmonics beyond ``K ~ P^1/(d-1)``, whose power is ``~1/P`` in all, so
    ``eps >~ K^-(d+2) = P^-(d+2)/(d-1)`` (the Bourgain-Lindenstrauss bound on approximating a
    ball by zonotopes).  So (d+2)/(d-1) is an upper bound on beta, reached if the minimum-L1
    programme places its atoms as well as the best quadrature.  Measured (branch petrini2):
    the minimum-L1 error is NOT zero-mean -- the programme minimises ``sum c_j``, i.e. the
    mean of f, and f undershoots the target on ~80% of the sphere (bias^2 ~ 0.35 of the MSE
    at every P) -- but its amplitude decays at the incoherent rate: d = 3, beta ~ 2.5 (fit
    scatter 0.4 per seed over P = 32..256); d = 5, beta = 1.94 over P = 32..256 against 1.75
    (pre-asymptotic: K <= 4), far from the coherent ``4/(d-1) = 1`` (``coherent=True``: all
    cell errors with one sign, a sag ~ h^2).  Both formulas equal the lazy ``2d/(d-1)`` at
    d = 2 and fall below it for d > 2; the lazy minus feature gap ``(d - 2)/(d - 1)`` tends
    to 1 as d grows (lazy wins in any dimension).  Derived here along the paper's argument;
    the paper's own text was not available to check the formula against.
    """
    return 4.0 / (d - 1.0) if coherent else (d + 2.0) / (d - 1.0)


def cntk_effective_dimension(filters: list[int] | tuple[int, ...], d: int) -> int:
    """Effective dimension of the receptive field of a tree CNN's top hidden layer.

    Cagnetta, Favero, Wyart 2022 (arXiv:2208.01003): inputs are ``d / s_1`` patches on
    S^{s_1 - 1}; a neuron of the last hidden layer sees ``prod(filters) / s_1`` patches, of
    effective dimension ``(prod(filters) / s_1) (s_1 - 1)`` (capped by the input's).
    """
    width = min(math.prod(filters), d)
    return (width // filters[0]) * (filters[0] - 1)


def cntk_beta(teacher_filters, student_filters, d: int, a_t: float = 1.0,
              a_s: float = 1.0) -> float:
    """Same paper, teacher-student: a deep-CNTK student learning a deep-CNTK teacher.

    The student's eigenfunctions supported on a meta-patch of effective dimension
    ``d_l`` have eigenvalues ``~ k^-(a_s + d_l)`` (its spectrum inherits the tree), so the
    number of modes above a cutoff is dominated by the largest meta-patch, ``d_S``: the P
    learnt modes reach ``lambda_P ~ P^-(a_s + d_S)/d_S``.  The teacher's power sits on
    meta-patches of dimension ``d_T`` with ``c_k^2 ~ k^-(a_t + d_T)``; the modes it shares
    with the student are learnt up to ``k_c ~ lambda_P^(-1/(a_s + d_T))``, leaving

        eps ~ k_c^-a_t,    beta = a_t (a_s + d_S) / (d_S (a_s + d_T)),

    (NTK teacher and student: ``a_t = a_s = 1``).  For a global teacher (``d_T = d_S``) this
    is the ``1/d_S`` curse of dimensionality of :func:`teacher_student_beta`; for local
    teachers it is set by ``d_T``.  (Spectral counting argument of the paper, written out
    here; see the report.)  If the student's receptive field does not cover the teacher's
    or the first filters differ, the error plateaus: ``beta = 0``.
    """
    if (math.prod(student_filters) < math.prod(teacher_filters)
            or student_filters[0] != teacher_filters[0]):
        return 0.0
    d_t = cntk_effective_dimension(teacher_filters, d)
    d_s = cntk_effective_dimension(student_filters, d)
    return a_t * (a_s + d_s) / (d_s * (a_s + d_t))
