"""petrini2022 claims: pass when the lazy predictor decays as P^-2d/(d-1) and beats a sparse
predictor of ~P atoms; fail when feature learning does as well, or is not sparse."""

import pandas as pd
from _kernel_claims import failed, fits_of, power_runs

from dltheory.claims.petrini2022_sparse_features import evaluate_claims
from dltheory.kernels.tables import petrini_theory

KERNEL, FEATURE = [16, 32, 64, 128, 256, 512, 1024, 2048], [16, 32, 64, 128]


def _tables(lazy=(3.0, 1.0), feature=(2.2, 20.0), atoms=lambda P: P):
    theory = petrini_theory(3)
    runs = pd.concat([
        power_runs({"lazy_kernel": lazy}, ["method"], KERNEL, n_atoms=float("nan")),
        power_runs({"feature_limit": feature}, ["method"], FEATURE, seed=1)], ignore_index=True)
    fl = runs["method"] == "feature_limit"
    runs.loc[fl, "n_atoms"] = runs.loc[fl, "P"].map(atoms)
    fit_min = {"lazy_kernel": 256, "feature_limit": 32}
    return fits_of(runs, ["method"], lambda k: fit_min[k["method"]], theory), runs


def test_pass_on_the_papers_law():
    claims = evaluate_claims(*_tables())
    assert len(claims) == 5 and not failed(claims)


def test_fail_when_feature_learning_is_as_good_as_lazy():
    assert failed(evaluate_claims(*_tables(feature=(3.0, 1.0)))) == {"lazy_beats_feature",
                                                                     "lazy_decays_faster"}


def test_fail_on_a_wrong_lazy_exponent_or_a_dense_predictor():
    assert "beta_lazy" in failed(evaluate_claims(*_tables(lazy=(2.0, 1.0))))
    assert failed(evaluate_claims(*_tables(atoms=lambda P: 4 * P**0.5))) == {"sparse_atoms"}
    assert failed(evaluate_claims(*_tables(atoms=lambda P: 2 * P))) == {"at_most_P_atoms"}
