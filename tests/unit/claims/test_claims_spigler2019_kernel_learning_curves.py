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
