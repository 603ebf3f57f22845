"""paccolat2020 claims: pass on SVM curves with beta = (d-1+xi)/(3d-3+xi) and the compression
law at the hard margin; fail on a curse-of-dimensionality law, no compression gain, soft margins."""

import pandas as pd
from _kernel_claims import failed, fits_of, power_runs

from dltheory.claims.paccolat2020_isotropic_kernels import evaluate_claims
from dltheory.kernels.tables import paccolat_theory

DIMS, SIZES = [2, 3, 5], [256, 512, 1024, 2048, 4096, 8192]


def _tables(beta_of=None, compression_gain=True, margin=1.0):
    theory = paccolat_theory(DIMS, 3)
    laws = {d: (b if beta_of is None else beta_of(d, b)) for d, b in zip(theory["d"], theory["beta_pred"])}
    runs = power_runs(laws, ["d"], SIZES, compress=1.0, min_margin=margin)
    pred_c = float(theory.loc[theory["compression_run"], "compression_pred"].iloc[0])
    comp = pd.DataFrame([{"d": 3, "compress": lam, "P": 2048, "seed": s, "min_margin": 1.0,
                          "error": 0.02 * (lam**-pred_c if compression_gain else 1.0) * (1 + 0.02 * s)}
                         for lam in (1.0, 2.0, 4.0) for s in range(8)])
    return fits_of(runs, ["d"], 1024, theory), runs, comp, theory


def test_pass_on_the_papers_law():
    claims = evaluate_claims(*_tables())
    assert len(claims) == 6 and not failed(claims)


def test_fail_on_a_curse_of_dimensionality_law():
    bad = failed(evaluate_claims(*_tables(lambda d, b: 1.0 / d)))
    # (at d = 2 the two laws coincide: 1/d = d/(3d-2) = 1/2)
    assert {"beta_d3", "beta_d5", "no_curse_of_dimensionality"} <= bad and "beta_d2" not in bad


def test_fail_without_compression_gain_or_hard_margin():
    assert failed(evaluate_claims(*_tables(compression_gain=False))) == {"compression_exponent"}
    assert failed(evaluate_claims(*_tables(margin=0.9))) == {"hard_margin_reached"}


def test_fail_on_a_soft_margin_overshoot():
    # the failure mode named in the issue: a soft margin steepens beta by ~0.1 or more
    assert "beta_d3" in failed(evaluate_claims(*_tables(lambda d, b: b + 0.15)))
