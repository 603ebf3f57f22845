"""Predicted exponents of the six papers at known values and limits."""

import math

import pytest

from dltheory.kernels.exponents import (cntk_beta, cntk_effective_dimension,
                                        crossover_ridge_exponent, feature_constant_beta,
                                        kernel_pair_beta, large_ridge_exponent,
                                        lazy_constant_beta, local_student_beta,
                                        ridgeless_depleted_beta, spectral_bias_depleted_beta,
                                        svm_compression_exponent, svm_stripe_beta,
                                        teacher_student_beta)
from dltheory.kernels.functions import KernelSpec

LAP, GAU, M32 = KernelSpec("laplace"), KernelSpec("gaussian"), KernelSpec("matern", nu=1.5)


def test_spigler_teacher_student():
    for dp in (1, 2, 4, 9):  # Laplace -> Laplace: 1/d' (curse of dimensionality)
        assert kernel_pair_beta(LAP, LAP, dp) == pytest.approx(1 / dp)
    assert kernel_pair_beta(M32, LAP, 2) == pytest.approx(1.5)  # teacher-limited 3/d'
    assert kernel_pair_beta(GAU, LAP, 1) == pytest.approx(4.0)  # student-limited 2(d'+1)/d'
    assert teacher_student_beta(10.0, 1.0, 2) == pytest.approx(3.0)  # min(10, 6)/2
    with pytest.raises(ValueError):
        teacher_student_beta(1, 1, 0)


def test_paccolat_stripe():
    assert svm_stripe_beta(2) == pytest.approx(0.5)  # d / (3d - 2) for Laplace
    assert svm_stripe_beta(5) == pytest.approx(5 / 13)
    assert svm_stripe_beta(10**6) == pytest.approx(1 / 3, rel=1e-5)
    assert svm_stripe_beta(3, xi=2.0) == pytest.approx(4 / 8)
    assert svm_compression_exponent(3) == pytest.approx(4 / 7)
    assert svm_compression_exponent(1) == 0.0  # nothing to compress in d = 1


def test_favero_local():
    assert local_student_beta(2, 2) == pytest.approx(0.5)
    assert local_student_beta(2, 4) == pytest.approx(0.25)
    assert local_student_beta(2, 12) == pytest.approx(1 / 12)  # FC student: s = d
    assert local_student_beta(3, 2) == 0.0  # the student cannot represent the teacher
    assert local_student_beta(1, 1, a_t=10) == pytest.approx(4.0)  # student-limited 2(a_s + s)/s


def test_tomasini_depleted_stripe():
    assert ridgeless_depleted_beta(1, 0.0) == pytest.approx(1.0)
    assert ridgeless_depleted_beta(1, 1.0) == pytest.approx(1.0)
    assert ridgeless_depleted_beta(2, 1.0) == pytest.approx(2 / 3)
    assert spectral_bias_depleted_beta(1, 1.0) == pytest.approx(4 / 3)
    assert spectral_bias_depleted_beta(1, 0.0) == pytest.approx(1.0)  # chi = 0: they agree
    # they also agree as d -> infinity, and differ at finite d and chi > 0
    d = 10**6
    assert spectral_bias_depleted_beta(d, 2.0) == pytest.approx(ridgeless_depleted_beta(d, 2.0), rel=1e-5)
    assert crossover_ridge_exponent(1, 1.0) == pytest.approx(-0.5)
    assert large_ridge_exponent(1, 1.0) == pytest.approx(2 / 3)


def test_petrini_lazy_and_feature():
    assert lazy_constant_beta(3) == pytest.approx(3.0)  # 2d/(d-1)
    assert lazy_constant_beta(2) == pytest.approx(4.0)
    # feature limit (d+2)/(d-1): equal to the lazy one at d = 2, below it for d > 2, the gap
    # (d-2)/(d-1) -> 1 at large d; the coherent bound 4/(d-1) lies below both
    assert feature_constant_beta(2) == pytest.approx(4.0) == feature_constant_beta(2, True)
    assert feature_constant_beta(3) == pytest.approx(2.5)
    assert feature_constant_beta(5) == pytest.approx(1.75)
    for d in (3, 5, 10, 100):
        gap = lazy_constant_beta(d) - feature_constant_beta(d)
        assert gap == pytest.approx((d - 2) / (d - 1))
        assert feature_constant_beta(d, True) < feature_constant_beta(d)
    assert lazy_constant_beta(10**6) - feature_constant_beta(10**6) == pytest.approx(1.0, abs=1e-5)


def test_cagnetta_cntk():
    assert cntk_effective_dimension((2,), 8) == 1
    assert cntk_effective_dimension((2, 2), 8) == 2
    assert cntk_effective_dimension((2, 2, 2), 8) == 4
    assert cntk_effective_dimension((3, 2), 12) == 4
    # global teacher (d_T = d_S): the 1/d_S curse of dimensionality
    assert cntk_beta((2, 2, 2), (2, 2, 2), 8) == pytest.approx(1 / 4)
    assert cntk_beta((2,), (2, 2, 2), 8) == pytest.approx(5 / 8)
    assert cntk_beta((2, 2), (2, 2, 2), 8) == pytest.approx(5 / 12)
    assert cntk_beta((2, 2, 2), (2, 2), 8) == 0.0  # receptive field too small
    assert cntk_beta((3,), (2, 2), 12) == 0.0  # different first filters
    assert math.isfinite(cntk_beta((2,), (2,), 2))


@pytest.mark.parametrize("d", [3, 5])
def test_feature_rate_from_the_cosine_transform_multipliers(d):
    """The bound behind feature_constant_beta: the Funk-Hecke multipliers of relu(w . x) (even
    part |t|/2) decay as k^-(d+2)/2 on S^{d-1}, so P atoms leave eps ~ P^-(d+2)/(d-1).  Local
    log-slope between k = 40 and 80 (measured -2.48 at d = 3, -3.41 at d = 5, converging as
    1/k): within 0.15 of -(d+2)/2."""
    from scipy.integrate import quad
    from scipy.special import eval_gegenbauer

    a = (d - 2) / 2

    def multiplier(k):
        def f(t):
            return t * eval_gegenbauer(k, a, t) / eval_gegenbauer(k, a, 1.0) * (1 - t * t) ** ((d - 3) / 2)
        return abs(quad(f, 0, 1, limit=400, epsabs=1e-14, epsrel=1e-12)[0])

    slope = math.log(multiplier(80) / multiplier(40)) / math.log(2)
    assert slope == pytest.approx(-(d + 2) / 2, abs=0.15)
    assert feature_constant_beta(d) == pytest.approx(((d + 2) / 2) * 2 / (d - 1))
