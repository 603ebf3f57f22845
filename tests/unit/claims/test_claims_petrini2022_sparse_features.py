"""petrini2022 claims: pass when the lazy predictor decays as P^-2d/(d-1), the sparse one as
P^-(d+2)/(d-1) with ~P atoms, and the trained networks follow their limits; fail when feature
learning does as well, is not sparse, or the networks do not follow the limits."""

import numpy as np
import pandas as pd
from _kernel_claims import failed, fits_of, power_runs

from dltheory.claims.petrini2022_sparse_features import evaluate_claims
from dltheory.kernels.tables import petrini_theory

KERNEL, FEATURE, NETS = [16, 32, 64, 128, 256, 512, 1024, 2048], [16, 32, 64, 128], [16, 32, 64]


def _nets(feature_scale=1.0, feature_atoms=1.1, train_loss=1e-6):
    """Networks at the two limits' errors: lazy nets ~2x the NTK's, feature nets
    ``feature_scale`` x the minimum-L1 predictor's; 2 seeds."""
    rows = []
    for seed in (0, 1):
        for P in NETS:
            lazy, feat = 2.0 * P**-3.0, feature_scale * 20.0 * P**-2.5
            rows.append({"method": "lazy_net", "seed": seed, "P": P, "error": lazy,
                         "n_atoms": min(256, 5 * P), "train_loss": 1e-11})
            rows.append({"method": "feature_net", "seed": seed, "P": P, "error": feat,
                         "n_atoms": int(feature_atoms * P), "train_loss": train_loss})
    return pd.DataFrame(rows)


def _tables(lazy=(3.0, 1.0), feature=(2.5, 20.0), atoms=lambda P: P, **nets):
    theory = petrini_theory(3)
    runs = pd.concat([
        power_runs({"lazy_kernel": lazy}, ["method"], KERNEL, n_atoms=float("nan")),
        power_runs({"feature_limit": feature}, ["method"], FEATURE, seed=1), _nets(**nets)],
        ignore_index=True)
    fl = runs["method"] == "feature_limit"
    runs.loc[fl, "n_atoms"] = runs.loc[fl, "P"].map(atoms)
    fit_min = {"lazy_kernel": 256, "feature_limit": 32, "lazy_net": 16, "feature_net": 16}
    return fits_of(runs, ["method"], lambda k: fit_min[k["method"]], theory), runs


def test_pass_on_the_papers_law():
    claims = evaluate_claims(*_tables())
    assert len(claims) == 10 and not failed(claims)


def test_fail_when_feature_learning_is_as_good_as_lazy():
    assert failed(evaluate_claims(*_tables(feature=(3.0, 1.0)))) == {
        "lazy_beats_feature", "lazy_decays_faster", "beta_feature",
        "feature_net_near_feature_limit"}


def test_fail_on_a_wrong_exponent_or_a_dense_predictor():
    assert "beta_lazy" in failed(evaluate_claims(*_tables(lazy=(2.0, 1.0))))
    assert failed(evaluate_claims(*_tables(feature=(2.0, 8.0)))) == {"beta_feature"}
    assert failed(evaluate_claims(*_tables(atoms=lambda P: 4 * P**0.5))) == {"sparse_atoms"}
    assert failed(evaluate_claims(*_tables(atoms=lambda P: 2 * P))) == {"at_most_P_atoms"}


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
