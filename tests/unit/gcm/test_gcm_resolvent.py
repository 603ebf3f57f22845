"""Deterministic equivalents: Marchenko-Pastur, the self-consistent equation, ridge risk vs simulation."""

import numpy as np
import pytest
from scipy.integrate import quad

from dltheory.core.rmt import mp_density, mp_edges, mp_stieltjes
from dltheory.gcm.resolvent import (effective_regularisation,
                                    resolvent_trace, ridge_risk, spectral_density)
from dltheory.gcm.spectra import GCMSpectrum


def _iso(p=200, s2=1.5):
    return GCMSpectrum(np.full(p, s2), np.zeros(p), np.full(p, 1.0 / p), 1.0, p)


@pytest.mark.parametrize("c", [0.3, 0.8])
def test_mp_density_is_normalised_and_matches_stieltjes(c):
    lo, hi = mp_edges(c, 1.5)
    assert quad(lambda x: mp_density(x, c, 1.5), lo, hi, limit=200)[0] == pytest.approx(1.0, abs=1e-6)
    x = np.linspace(lo + 0.05, hi - 0.05, 7)
    assert np.allclose(np.imag(mp_stieltjes(x + 1e-9j, c, 1.5)) / np.pi, mp_density(x, c, 1.5),
                       rtol=1e-5)


def test_general_resolvent_reduces_to_marchenko_pastur():
    spec, c = _iso(), 0.5
    z = np.array([-1.0, 0.5 + 0.3j, 2.0 + 0.1j])
    assert np.allclose(resolvent_trace(spec, 1 / c, z), mp_stieltjes(z, c, 1.5), rtol=1e-8)
    lo, hi = mp_edges(c, 1.5)
    x = np.linspace(lo + 0.1, hi - 0.1, 5)
    assert np.allclose(spectral_density(spec, 1 / c, x, eta=1e-8), mp_density(x, c, 1.5), rtol=1e-4)


def test_effective_regularisation_solves_its_equation():
    rng = np.random.default_rng(0)
    om = rng.exponential(size=300)
    spec = GCMSpectrum(om, np.zeros(300), np.full(300, 1 / 300), 1.0, 300)
    alpha, lam = np.array([0.5, 1.0, 3.0, 0.5]), np.array([0.1, 1e-3, 1e-2, 0.0])
    k = effective_regularisation(spec, alpha, lam)
    rhs = lam + k / alpha * np.array([np.mean(om / (om + ki)) for ki in k])
    assert np.allclose(k, rhs, rtol=1e-10) and np.all(k > 0)
    assert effective_regularisation(spec, 3.0, 0.0) == pytest.approx(0.0, abs=1e-12)


def test_ridge_risk_matches_simulation():
    """Empirical ridge on Gaussian covariates, p = 200, 8 draws: within 3 s.e.m. + 2%."""
    rng = np.random.default_rng(1)
    p, n, lam, noise = 200, 300, 0.05, 0.2
    om = np.linspace(0.1, 3.0, p)
    beta = rng.standard_normal(p) / np.sqrt(p)
    b = om * beta
    spec = GCMSpectrum(om, p * b**2, np.full(p, 1 / p), float(np.sum(om * beta**2)), p)
    test, train, _ = ridge_risk(spec, n / p, lam, noise=noise)
    errs, trains = [], []
    for _ in range(8):
        X = rng.standard_normal((n + 2000, p)) * np.sqrt(om)
        y = X @ beta
        yn = y[:n] + np.sqrt(noise) * rng.standard_normal(n)
        w = np.linalg.solve(X[:n].T @ X[:n] / n + lam * np.eye(p), X[:n].T @ yn / n)
        errs.append(np.mean((X[n:] @ w - y[n:]) ** 2))
        trains.append(np.mean((X[:n] @ w - yn) ** 2))
    for sim, th in ((errs, test), (trains, train)):
        assert abs(np.mean(sim) - th) <= 3 * np.std(sim) / np.sqrt(8) + 0.02 * th
