"""tomasini2022 claims: pass when ridgeless regression follows (1+chi)/(d+chi), the crossover ridge
P^-1/(d+chi), and the spectral-bias prediction holds only above the crossover; fail otherwise."""

import numpy as np
import pandas as pd

from _kernel_claims import failed

from dltheory.claims.tomasini2022_spectral_bias import evaluate_claims
from dltheory.kernels.curves import attach_prediction, fit_series, summarise
from dltheory.kernels.tables import crossover_ridges, tomasini_theory

CHI, FIT_MIN = 1.0, {1: 256, 2: 256}
SIZES = {1: [64, 128, 256, 512, 1024, 2048, 4096], 2: [64, 128, 256, 512, 1024, 2048]}
RIDGES = [0.0] + list(np.geomspace(1e-4, 10.0, 11))


def _tables(beta_of=None, cross_of=None, sb_ridgeless_agrees=False, sb_ridge_bias=1.0):
    """Ridgeless eps0 = 0.5 P^-beta; with ridge eps = eps0 (1 + lambda / lambda*),
    lambda* = 0.3 P^cross; the spectral-bias curve equals eps at lambda > 0 (times
    ``sb_ridge_bias``) and decays as P^-beta_SB at lambda = 0."""
    theory = tomasini_theory([1, 2], CHI).set_index("d")
    rng = np.random.default_rng(0)
    runs, sb = [], []
    for d, sizes in SIZES.items():
        beta = theory.loc[d, "beta_pred"] if beta_of is None else beta_of(d)
        cross = theory.loc[d, "lambda_star_exponent"] if cross_of is None else cross_of(d)
        for P in sizes:
            e0 = 0.5 * P**-beta
            lam_star = 0.3 * P**cross
            for lam in RIDGES:
                e = e0 * (1 + lam / lam_star)
                for s in range(8):
                    runs.append({"d": d, "P": P, "ridge": lam, "seed": s,
                                 "error": e * np.exp(0.03 * rng.standard_normal())})
                if d == 1:
                    e_sb = (e0 if sb_ridgeless_agrees else 0.5 * P**-theory.loc[1, "beta_sb"]) \
                        if lam == 0 else e * sb_ridge_bias
                    sb.append({"d": 1, "P": P, "ridge": lam, "error_sb": e_sb, "kappa": 1.0})
    runs = pd.DataFrame(runs)
    curves = summarise(runs, ["d", "ridge"])
    fits = attach_prediction(fit_series(runs[runs["ridge"] == 0], ["d"], np.random.default_rng(0),
                                        lambda k: FIT_MIN[k["d"]], n_boot=100),
                             theory.reset_index(), ["d"])
    return dict(curves=curves, fits=fits, crossover=crossover_ridges(curves, 2.0),
                spectral_bias=pd.DataFrame(sb), theory=theory.reset_index(), fit_min=FIT_MIN)


def test_pass_on_the_papers_law():
    claims = evaluate_claims(**_tables())
    assert len(claims) == 7 and not failed(claims)


def test_fail_when_ridgeless_regression_follows_the_spectral_bias_exponent():
    bad = failed(evaluate_claims(**_tables(
        beta_of=lambda d: tomasini_theory([d], CHI)["beta_sb"].iloc[0] + 0.2 * (d == 2),
        sb_ridgeless_agrees=True)))
    assert {"ridgeless_beta_d1", "ridgeless_beta_d2", "spectral_bias_fails_ridgeless"} <= bad


def test_fail_on_a_wrong_crossover_or_a_wrong_replica_curve():
    for wrong in (lambda d: -1.0 / d, lambda d: 0.0):  # P^-1/d (no depletion), no P dependence
        assert {"crossover_ridge_d1", "crossover_ridge_d2"} <= failed(evaluate_claims(**_tables(cross_of=wrong)))
    assert failed(evaluate_claims(**_tables(sb_ridge_bias=1.5))) == {"spectral_bias_holds_above_crossover"}
