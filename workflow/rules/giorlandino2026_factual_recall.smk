# Giorlandino, Goldt & Maillard, "Factual recall in linear associative memories: sharp
# asymptotics and mechanistic insights", arXiv:2605.10795. Headline figure:
# figure_factual_recall (capacity p_c log p_c / d^2 against d for the optimal linear
# memory, its decoupled model and the Hebbian rule, with the asymptote 1/2; score
# gaps of optimal vs Hebbian memories). Library family: replica_static
# (dltheory.replica.associative).
#
#   recall_simulate (d: capacity searches, all seeds) --\
#   recall_theory (p_c log p_c = d^2/2) -----------------> recall_collect
#   recall_collect -> recall_check (checks.json) -> figure_factual_recall

from dltheory.replica.plan import RecallPlan

REC = RecallPlan.from_section(
    cfg.section(config, "giorlandino2026_factual_recall"), f"giorlandino2026_factual_recall.{SCALE}"
)
REC_DIR = results_dir("giorlandino2026_factual_recall")
REC_FIG = figure_stem("factual_recall")
FIGURES.append(f"{REC_FIG}.pdf")
CHECKS.append(f"{REC_DIR}/checks.json")


wildcard_constraints:
    recdim=r"\d+",


# One job per dimension d: every seed's capacity search for each model.
rule recall_simulate:
    output:
        runs=f"{REC_DIR}/runs/d{{recdim}}.csv",
        scores=f"{REC_DIR}/scores/d{{recdim}}.csv",
    log:
        f"{REC_DIR}/logs/simulate/d{{recdim}}.log",
    params:
        d=lambda wc: int(wc.recdim),
        models=lambda wc: REC.models[int(wc.recdim)],
        seeds=REC.seeds,
        embeddings=REC.embeddings,
        code=code("scripts/replica/recall_simulate.py"),
    threads: 1
    resources:
        mem_mb=lambda wc: 1000 + 3 * 8 * REC.embeddings**2 * int(wc.recdim) // 2**20,
        runtime=lambda wc: 10 + int(wc.recdim) ** 3 // 100,
    conda:
        ENV
    script:
        "../../scripts/replica/recall_simulate.py"


rule recall_theory:
    output:
        f"{REC_DIR}/theory/capacity_law.csv",
    log:
        f"{REC_DIR}/logs/theory.log",
    params:
        d_min=REC.dims[0],
        d_max=REC.dims[-1] * 4,
        code=code("scripts/replica/recall_theory.py"),
    conda:
        ENV
    script:
        "../../scripts/replica/recall_theory.py"


rule recall_collect:
    input:
        runs=expand(f"{REC_DIR}/runs/d{{recdim}}.csv", recdim=REC.dims),
        scores=expand(f"{REC_DIR}/scores/d{{recdim}}.csv", recdim=REC.dims),
    output:
        runs=f"{REC_DIR}/runs.csv",
        summary=f"{REC_DIR}/summary.csv",
        scores=f"{REC_DIR}/scores.csv",
    log:
        f"{REC_DIR}/logs/collect.log",
    params:
        code=code("scripts/replica/recall_collect.py"),
    conda:
        ENV
    script:
        "../../scripts/replica/recall_collect.py"


rule recall_check:
    input:
        summary=f"{REC_DIR}/summary.csv",
        scores=f"{REC_DIR}/scores.csv",
    output:
        f"{REC_DIR}/checks.json",
    log:
        f"{REC_DIR}/logs/check.log",
    params:
        paper="giorlandino2026_factual_recall",
        code=code("scripts/replica/recall_check.py"),
    conda:
        ENV
    script:
        "../../scripts/replica/recall_check.py"


rule figure_factual_recall:
    input:
        summary=f"{REC_DIR}/summary.csv",
        scores=f"{REC_DIR}/scores.csv",
        theory=f"{REC_DIR}/theory/capacity_law.csv",
        checks=f"{REC_DIR}/checks.json",
    output:
        pdf=report(
            f"{REC_FIG}.pdf",
            caption="../report/factual_recall.rst",
            category="giorlandino2026_factual_recall",
        ),
        png=f"{REC_FIG}.png",
        csv=f"{REC_FIG}.csv",
    log:
        f"{REC_DIR}/logs/figure.log",
    params:
        footer=(
            f"Giorlandino, Goldt & Maillard, arXiv:2605.10795. {SCALE} scale: d = "
            f"{', '.join(map(str, REC.dims))}, {len(REC.seeds)} seeds per d, Gaussian embeddings; "
            "capacities from exact feasibility searches in this code, asymptote from the paper's law."
        ),
        code=code("scripts/replica/recall_figure.py"),
    conda:
        ENV
    script:
        "../../scripts/replica/recall_figure.py"
