"""Linear diffusion: schedule, learnt variance, Gaussian KL, Marchenko-Pastur theory vs simulation."""

import numpy as np
import pytest

from dltheory.replica.linear_diffusion import (COLLAPSE, Training, ddpm_schedule, learnt_covariance_kl,
                                               learnt_variance, mp_kl, optimum_kl, population_spectrum,
                                               sample_data, simulate_kl, summarise_kl, theory_kl)

SCHED = ddpm_schedule()


def test_schedule():
    assert SCHED.beta[0] == pytest.approx(1e-4 + (1e-2 - 1e-4) / 1000)
    assert SCHED.beta[-1] == pytest.approx(1e-2)
    assert SCHED.abar[-1] == pytest.approx(np.exp(np.sum(np.log1p(-SCHED.beta))))


def test_exact_denoiser_samples_the_training_covariance():
    s = np.array([0.05, 0.3, 1.0, 3.0, 5.0])
    # DDPM with T = 1000 is accurate to 1% on [0.01, 5] (1.5% at s = 20: abar_T = 0.006 > 0)
    assert learnt_variance(s, SCHED) == pytest.approx(s, rel=0.01)
    assert learnt_variance(np.zeros(1), SCHED)[0] < COLLAPSE          # null directions collapse
    assert learnt_variance(np.zeros(1), SCHED, lam=0.1)[0] > 1e-3     # ridge keeps them alive
    assert learnt_variance(np.zeros(1), SCHED, tau=1.0)[0] > 1e-3     # so does early stopping
    assert learnt_variance(s, SCHED, tau=1e6) == pytest.approx(learnt_variance(s, SCHED))


def test_gaussian_kl_formulas():
    rng = np.random.default_rng(0)
    d, N = 6, 40
    spec = np.array([3.0, 2.0, 1.0, 1.0, 0.5, 0.2])
    X = sample_data(N, spec, rng)
    out = learnt_covariance_kl(X, spec, SCHED)
    s, U = np.linalg.eigh(X.T @ X / N)
    C = (U * learnt_variance(s, SCHED)) @ U.T
    Sig = np.diag(spec)
    M = np.linalg.solve(Sig, C)
    rev = 0.5 * (np.trace(M) - d - np.linalg.slogdet(M)[1])
    fwd = 0.5 * (np.trace(np.linalg.solve(C, Sig)) - d + np.linalg.slogdet(M)[1])
    assert out["learnt_target"] == pytest.approx(rev, rel=1e-8)
    assert out["target_learnt"] == pytest.approx(fwd, rel=1e-8)
    assert learnt_covariance_kl(X[:4], spec, SCHED)["learnt_target"] == np.inf  # N < d collapses


@pytest.mark.parametrize("direction", ["learnt_target", "target_learnt"])
def test_mp_theory_matches_simulation(direction):
    d, ratio = 200, 4
    rng = np.random.default_rng(1)
    spec = np.ones(d)
    sims = [learnt_covariance_kl(sample_data(ratio * d, spec, rng), spec, SCHED)[direction] / d for _ in range(5)]
    assert np.mean(sims) == pytest.approx(mp_kl(1 / ratio, SCHED, direction), rel=0.03)
    # below d with a ridge (atom of Marchenko-Pastur at 0)
    sims = [learnt_covariance_kl(sample_data(d // 2, spec, rng), spec, SCHED, lam=0.1)[direction] / d
            for _ in range(5)]
    assert np.mean(sims) == pytest.approx(mp_kl(2.0, SCHED, direction, lam=0.1), rel=0.03)
    assert mp_kl(2.0, SCHED, direction) == np.inf


def test_d_over_4N_law():
    for direction in ("learnt_target", "target_learnt"):
        excess = mp_kl(1 / 200, SCHED, direction) - optimum_kl(np.ones(1), SCHED, direction)
        assert excess * 200 == pytest.approx(0.25, rel=0.02)


def test_spectra_and_pipeline_tables():
    spec = population_spectrum(50, "power", 1.0)
    assert spec.mean() == pytest.approx(1) and spec[0] / spec[1] == pytest.approx(2)
    with pytest.raises(ValueError):
        population_spectrum(5, "flat")
    trainings = [Training("plain"), Training("ridge", lam=0.1)]
    runs = simulate_kl(20, [0.5, 4], {"isotropic": np.ones(20)}, trainings, SCHED, [0, 1])
    assert len(runs) == 2 * 2 * 2
    summary = summarise_kl(runs, theory_kl([0.5, 4], trainings, SCHED))
    plain_low = summary[(summary["training"] == "plain") & (summary["ratio"] == 0.5)].iloc[0]
    assert plain_low["collapsed"] == 1.0 and np.isinf(plain_low["kl_learnt_target"])
    assert np.isfinite(summary["theory_kl_learnt_target"]).sum() == 3


def test_vectorised_theory_equals_mp_kl():
    trainings = [Training("plain"), Training("ridge", lam=0.1), Training("early", tau=1.0)]
    table = theory_kl([0.25, 0.7, 2.0, 16.0], trainings, SCHED)
    for row in table.itertuples():
        t = next(x for x in trainings if x.name == row.training)
        for k in ("learnt_target", "target_learnt"):
            ref, val = mp_kl(1 / row.ratio, SCHED, k, t.lam, t.tau), getattr(row, f"kl_{k}")
            assert (np.isinf(ref) and np.isinf(val)) or val == pytest.approx(ref, rel=1e-10)
