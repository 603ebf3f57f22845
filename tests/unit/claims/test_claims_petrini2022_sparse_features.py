"""petrini2022 claims: pass when the lazy predictor decays as P^-2d/(d-1), the sparse one as
P^-(d+2)/(d-1) with ~P atoms and an undershooting error, at d = 3 and 5, and the trained
networks follow their limits; fail when feature learning does as well, decays at another
rate, is not sparse, has zero-mean errors, or the networks do not follow the limits."""

import numpy as np
import pandas as pd
from _kernel_claims import failed, fits_of, power_runs

from dltheory.claims.petrini2022_sparse_features import evaluate_claims
from dltheory.kernels.tables import petrini_theory

KERNEL, FEATURE, NETS = [16, 32, 64, 128, 256, 512, 1024, 2048], [16, 32, 64, 128, 256], [16, 32, 64]
LAW = {3: {"lazy": (3.0, 1.0), "feature": (2.5, 20.0)}, 5: {"lazy": (2.5, 1.0), "feature": (1.75, 20.0)}}


def _nets(feature_scale=1.0, feature_atoms=1.1, train_loss=1e-6):
    """Networks (d = 3) at the two limits' errors: lazy nets ~2x the NTK's, feature nets
    ``feature_scale`` x the minimum-L1 predictor's; 2 seeds."""
    rows = []
    for seed in (0, 1):
        for P in NETS:
            lazy, feat = 2.0 * P**-3.0, feature_scale * 20.0 * P**-2.5
            rows.append({"method": "lazy_net", "d": 3, "seed": seed, "P": P, "error": lazy,
                         "n_atoms": min(256, 5 * P), "train_loss": 1e-11})
            rows.append({"method": "feature_net", "d": 3, "seed": seed, "P": P, "error": feat,
                         "n_atoms": int(feature_atoms * P), "train_loss": train_loss})
    return pd.DataFrame(rows)


def _tables(lazy=None, feature=None, atoms=lambda P: P, below=0.78, **nets):
    """``lazy`` / ``feature``: ``{d: (beta, A)}`` overriding the paper's laws at that d."""
    theory = pd.concat([petrini_theory(d) for d in (3, 5)], ignore_index=True)
    parts = []
    for d in (3, 5):
        law_l = (lazy or {}).get(d, LAW[d]["lazy"])
        law_f = (feature or {}).get(d, LAW[d]["feature"])
        parts.append(power_runs({("lazy_kernel", d): law_l}, ["method", "d"], KERNEL,
                                n_atoms=float("nan"), seed=d))
        fl = power_runs({("feature_limit", d): law_f}, ["method", "d"], FEATURE, seed=d + 1)
        fl["n_atoms"] = fl["P"].map(atoms)
        fl["frac_below"] = below
        fl["bias"] = -np.sqrt(0.35 * fl["error"])
        parts.append(fl)
    runs = pd.concat(parts + [_nets(**nets)], ignore_index=True)
    fit_min = {"lazy_kernel": 256, "feature_limit": 32, "lazy_net": 16, "feature_net": 16}
    return fits_of(runs, ["method", "d"], lambda k: 64 if k["method"] == "feature_limit" and
                   k["d"] == 5 else fit_min[k["method"]], theory), runs


def test_pass_on_the_papers_law():
    claims = evaluate_claims(*_tables())
    assert len(claims) == 14 and not failed(claims)


def test_fail_when_feature_learning_is_as_good_as_lazy():
    assert failed(evaluate_claims(*_tables(feature={3: (3.0, 1.0)}))) == {
        "lazy_beats_feature_d3", "lazy_decays_faster_d3", "beta_feature_d3",
        "feature_net_near_feature_limit"}
    assert failed(evaluate_claims(*_tables(feature={5: (2.5, 1.0)}))) == {
        "lazy_beats_feature_d5", "lazy_decays_faster_d5", "beta_feature_d5"}


def test_fail_on_a_wrong_exponent_or_a_dense_predictor():
    assert "beta_lazy_d3" in failed(evaluate_claims(*_tables(lazy={3: (2.0, 1.0)})))
    assert "beta_lazy_d5" in failed(evaluate_claims(*_tables(lazy={5: (2.0, 1.0)})))
    # the coherent rate 4/(d-1) is excluded at both d
    assert failed(evaluate_claims(*_tables(feature={3: (2.0, 8.0)}))) == {"beta_feature_d3"}
    assert failed(evaluate_claims(*_tables(feature={5: (1.0, 1.0)}))) == {"beta_feature_d5"}


def test_fail_on_zero_mean_feature_errors():
    assert failed(evaluate_claims(*_tables(below=0.5))) == {
        "feature_undershoots_d3", "feature_undershoots_d5"}


def test_fail_when_the_networks_do_not_follow_their_limits():
    # feature nets as good as lazy ones (0.1 of the sparse limit at P = 64): two claims fail
    lazy_like = 2.0 * 64**-3.0 / (20.0 * 64**-2.5)
    assert failed(evaluate_claims(*_tables(feature_scale=lazy_like, train_loss=1e-9))) == {
        "feature_net_worse_than_lazy_net", "feature_net_near_feature_limit"}
    assert failed(evaluate_claims(*_tables(feature_scale=10.0))) == {
        "feature_net_near_feature_limit"}
    assert failed(evaluate_claims(*_tables(feature_atoms=3.0))) == {"feature_net_sparse"}
    # a network stopped far from interpolation: train MSE half its test error
    assert failed(evaluate_claims(*_tables(train_loss=0.25 * 20.0 * 64**-2.5))) == {
        "networks_fitted"}
    assert np.isfinite(lazy_like)
