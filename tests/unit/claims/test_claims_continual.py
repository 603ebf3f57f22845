"""Claims of arXiv:2107.04384 and arXiv:2205.09029 pass on data obeying the papers and fail
on data that does not."""

import pytest
from _ts_helpers import frame, gap_rows

from dltheory.claims import lee2021_continual, lee2022_maslow

GRID = [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
SIMS = [0.0, 0.4, 1.0]
SECTION = {"N": 500, "feature_similarity": GRID, "feature_similarity_simulated": SIMS,
           "readout_similarity": [1.0, 0.0]}


def law(V, shape):
    if shape == "hump":          # worst in between (the papers)
        return 0.1 + 1.6 * V * (1 - V) - 0.1 * V
    return 0.4 * (1 - V)          # monotone: most dissimilar forgets most


def summary(shape="hump", sim_shift=0.0, gap=0.01, reuse="grows", end_forgetting=0.0):
    rows = gap_rows(["task1"], gap, 3 * gap)
    for source in ("ode", "sim"):
        for V in (GRID if source == "ode" else SIMS):
            for rho in ([1.0, 0.0] if source == "ode" else [1.0]):
                for seed in range(3):
                    f = law(V, shape) + (sim_shift if source == "sim" else 0.0)
                    if V == 1.0 and rho == 1.0:
                        f = end_forgetting
                    rows.append({"kind": "forget", "source": source, "spec": f"V{V:g}_rho{rho:g}",
                                 "seed": seed, "V": V, "rho": rho, "forgetting": f})
                r = {"grows": 0.02 + 0.8 * V, "flat": 0.5, "falls": 0.8 - 0.7 * V}[reuse]
                rows.append({"kind": "reuse", "source": source, "spec": f"V{V:g}_rho{rho:g}",
                             "seed": 0, "V": V, "rho": rho, "reuse": r})
    return frame(rows)


def verdicts(module, **kw):
    return {c.name: c.passed for c in module.evaluate_claims(summary(**kw), SECTION)}


@pytest.mark.parametrize("module", [lee2021_continual, lee2022_maslow])
def test_all_claims_hold_on_the_papers_law(module):
    v = verdicts(module)
    assert all(v.values()), v


@pytest.mark.parametrize("module", [lee2021_continual, lee2022_maslow])
def test_monotone_forgetting_fails(module):
    v = verdicts(module, shape="monotone")
    assert not v["forgetting_max_at_intermediate_similarity"]
    assert not v["sgd_forgetting_max_at_intermediate_similarity"]


@pytest.mark.parametrize("module, tol", [(lee2021_continual, 0.1), (lee2022_maslow, 0.05)])
def test_sgd_far_from_ode_fails(module, tol):
    assert verdicts(module, sim_shift=tol * 0.8)["sgd_forgetting_matches_ode"]
    assert not verdicts(module, sim_shift=tol * 1.5)["sgd_forgetting_matches_ode"]


@pytest.mark.parametrize("module", [lee2021_continual, lee2022_maslow])
def test_ode_sgd_gap_fails(module):
    v = verdicts(module, gap=0.07)
    assert not v["task1_gap_mean"]


def test_forgetting_of_identical_tasks_fails_the_control():
    assert not verdicts(lee2021_continual, end_forgetting=0.1)["no_forgetting_for_identical_tasks"]


@pytest.mark.parametrize("reuse, failing", [
    ("flat", {"node_activation_when_dissimilar_ode", "node_activation_when_dissimilar_sim",
              "reuse_grows_with_similarity"}),
    ("falls", {"node_activation_when_dissimilar_ode", "node_activation_when_dissimilar_sim",
               "node_reuse_when_similar_ode", "node_reuse_when_similar_sim",
               "reuse_grows_with_similarity"}),
])
def test_node_reuse_claims_fail_without_the_tradeoff(reuse, failing):
    v = verdicts(lee2022_maslow, reuse=reuse)
    assert {k for k, ok in v.items() if not ok} == failing
