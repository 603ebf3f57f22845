"""Learning-curve tables: seed averages, tail fits recover a known exponent, theory joined."""

import numpy as np
import pandas as pd
import pytest

from dltheory.kernels.tables import compression_fit, crossover_ridges
from dltheory.kernels.curves import attach_prediction, fit_series, summarise


def _runs(beta, noise=0.05, seeds=6):
    rng = np.random.default_rng(0)
    rows = []
    for series, b in beta.items():
        for s in range(seeds):
            for P in (64, 128, 256, 512, 1024):
                rows.append({"series": series, "seed": s, "P": P,
                             "error": 3.0 * P**-b * np.exp(noise * rng.standard_normal())})
    return pd.DataFrame(rows)


def test_summarise_and_fit_recover_the_exponents():
    runs = _runs({"a": 0.5, "b": 2.0})
    curves = summarise(runs, ["series"])
    assert set(curves.columns) >= {"series", "P", "error_mean", "error_sem", "n_seeds"}
    assert (curves["n_seeds"] == 6).all() and (curves["error_sem"] > 0).all()
    fits = fit_series(runs, ["series"], np.random.default_rng(1),
                      lambda key: 256 if key["series"] == "a" else 128, n_boot=200)
    f = fits.set_index("series")
    # 6 seeds of 5% log-noise over a factor 4-8 in P: slope error ~0.02
    assert f.loc["a", "beta"] == pytest.approx(0.5, abs=0.05)
    assert f.loc["b", "beta"] == pytest.approx(2.0, abs=0.05)
    assert f.loc["a", "fit_P_min"] == 256 and f.loc["b", "fit_P_min"] == 128
    assert f.loc["a", "beta_lo"] <= f.loc["a", "beta"] <= f.loc["a", "beta_hi"]
    joined = attach_prediction(fits, pd.DataFrame({"series": ["a", "b"], "beta_pred": [0.5, 1.0]}),
                               ["series"])
    assert joined.set_index("series").loc["b", "beta_diff"] == pytest.approx(f.loc["b", "beta"] - 1.0)


def test_compression_fit_reads_the_slope():
    runs = pd.DataFrame([{"compress": lam, "seed": s, "P": 100, "error": 0.2 * lam**-0.6}
                         for lam in (1.0, 2.0, 4.0, 8.0) for s in range(3)])
    assert compression_fit(runs, 4.0)["exponent"] == pytest.approx(0.6, abs=1e-9)


def test_crossover_ridges_interpolates_lambda_star():
    # eps(lambda) = eps0 (1 + lambda / lambda*(P)) with lambda* = P^-0.5: the crossover (eps
    # = factor eps0) sits at lambda = (factor - 1) lambda*
    rows = []
    ridges = np.geomspace(1e-4, 10, 31)
    for P in (64, 256, 1024):
        lam_star = P**-0.5
        rows.append({"d": 1, "P": P, "ridge": 0.0, "error_mean": 0.1})
        rows += [{"d": 1, "P": P, "ridge": r, "error_mean": 0.1 * (1 + r / lam_star)} for r in ridges]
    out = crossover_ridges(pd.DataFrame(rows), factor=2.0).set_index("P")
    for P in (64, 256, 1024):
        assert out.loc[P, "lambda_star"] == pytest.approx(P**-0.5, rel=0.05)
