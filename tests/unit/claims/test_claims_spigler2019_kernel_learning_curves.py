"""spigler2019 claims: pass on curves with beta = min(alpha_T - d', 2 alpha_S) / d', fail otherwise."""

from _kernel_claims import failed, fits_of, power_runs

from dltheory.claims.spigler2019_kernel_learning_curves import evaluate_claims
from dltheory.kernels.functions import KernelSpec
from dltheory.kernels.tables import spigler_theory

KERNELS = {"laplace": KernelSpec("laplace"), "matern32": KernelSpec("matern", nu=1.5),
           "gaussian": KernelSpec("gaussian")}
PAIRS = {2: [("laplace", "laplace"), ("matern32", "laplace"), ("gaussian", "laplace")],
         3: [("laplace", "laplace"), ("matern32", "laplace"), ("gaussian", "laplace")],
         5: [("laplace", "laplace"), ("matern32", "laplace")]}
SIZES = [64, 128, 256, 512, 1024, 2048]


def _tables(beta_of=None, jitter=0.0):
    theory = spigler_theory(KERNELS, PAIRS)
    laws = {}
    for row in theory.itertuples():
        beta = row.beta_pred if beta_of is None else beta_of(row)
        laws[(row.d, row.series)] = (beta, 1e-3 if row.teacher == "gaussian" else 1.0)
    runs = power_runs(laws, ["d", "series"], SIZES, seeds=8, teacher_jitter=jitter,
                      student_jitter=0.0)
    return fits_of(runs, ["d", "series"], 512, theory), runs


def test_pass_on_the_papers_law():
    claims = evaluate_claims(*_tables())
    assert len(claims) == 10 and not failed(claims)


def test_fail_when_the_exponent_follows_d_instead_of_d_prime():
    def wrong(row):  # beta with the ambient d in place of the intrinsic d' = d - 1
        return row.beta_pred * (row.d - 1) / row.d
    bad = failed(evaluate_claims(*_tables(wrong)))
    assert {"beta_laplace_to_laplace_d2", "beta_matern32_to_laplace_d2",
            "laplace_beta_times_dprime"} <= bad


def test_fail_when_a_student_limited_pair_is_teacher_limited():
    def wrong(row):  # Gaussian teacher learnt at the Laplace teacher's rate: a 'universal' curve
        return 1.0 / (row.d - 1) if row.teacher == "gaussian" else row.beta_pred
    assert failed(evaluate_claims(*_tables(wrong))) == {"beta_gaussian_to_laplace_d2",
                                                        "beta_gaussian_to_laplace_d3"}


def test_fail_when_jitter_floors_the_curves():
    assert "numerical_floor" in failed(evaluate_claims(*_tables(jitter=1e-12)))


# --- real-data panel -------------------------------------------------------------------------

import pandas as pd  # noqa: E402

from dltheory.claims.spigler2019_kernel_learning_curves import real_data_claims  # noqa: E402

REAL_SIZES = [128, 256, 512, 1024, 2048]


def _real_tables(beta_pca=0.4, beta_reg=0.4, beta_cls=0.4, source="stand_in", m=2, jitter=0.0):
    laws = {("laplace", "regression"): beta_reg, ("laplace", "classification"): (beta_cls, 0.3)}
    runs = power_runs(laws, ["kernel", "task"], REAL_SIZES, seeds=8, jitter=jitter,
                      source=source, latent_dim=m)
    theory = pd.DataFrame([{"kernel": "laplace", "task": t, "beta_pred": beta_pca}
                           for t in ("regression", "classification")])
    return fits_of(runs, ["kernel", "task"], 512, theory), runs


def test_real_panel_passes_when_curves_follow_the_kernel_pca_exponent():
    claims = real_data_claims(*_real_tables(beta_pca=0.5, beta_reg=0.5, beta_cls=0.5, m=2))
    assert len(claims) == 5 and not failed(claims)


def test_real_panel_fails_when_the_curve_and_kernel_pca_disagree():
    bad = failed(real_data_claims(*_real_tables(beta_pca=0.5, beta_reg=0.3, beta_cls=0.5, m=2)))
    assert bad == {"real_beta_matches_kernel_pca_laplace_regression",
                   "real_same_beta_regression_classification_laplace",
                   "stand_in_beta_set_by_manifold_dimension_laplace"}


def test_stand_in_fails_when_beta_follows_the_ambient_dimension():
    # kernel PCA and curves agree, but on 1/D (D = 8) instead of 1/m (m = 2)
    bad = failed(real_data_claims(*_real_tables(1 / 8, 1 / 8, 1 / 8, m=2)))
    assert bad == {"stand_in_beta_set_by_manifold_dimension_laplace"}


def test_real_data_has_no_manifold_claim_and_jitter_floor_fails():
    claims = real_data_claims(*_real_tables(source="mnist", m=float("nan")))
    assert not failed(claims) and not any(c.name.startswith("stand_in") for c in claims)
    assert failed(real_data_claims(*_real_tables(jitter=1e-3))) == {"real_numerical_floor"}


def test_evaluate_claims_includes_the_real_panel():
    claims = evaluate_claims(*_tables(), *_real_tables(0.5, 0.5, 0.5, m=2))
    assert len(claims) == 15 and not failed(claims)
