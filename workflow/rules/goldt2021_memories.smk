# Goldt, Krzakala, Zdeborova, Brunel, "Bayesian reconstruction of memories stored in
# neural networks from their connectivity", PLoS Comput Biol (2023), arXiv:2105.07416.
# Headline figure: figure_memories (MSE of the reconstructed patterns against the
# effective noise Delta/Delta_c: AMP vs state evolution vs PCA). Library family:
# replica_static (dltheory.replica: amp, priors, hopfield, memories).
#
#   memories_simulate (model: AMP + PCA on fresh networks) --\
#   memories_theory (state evolution, BBP; no simulation) ---> memories_collect
#   memories_collect -> memories_check (checks.json) -> figure_memories

from dltheory.replica.plan import MemoriesPlan

MEM = MemoriesPlan.from_section(cfg.section(config, "goldt2021_memories"), f"goldt2021_memories.{SCALE}")
MEM_DIR = results_dir("goldt2021_memories")
MEM_FIG = figure_stem("memories")
FIGURES.append(f"{MEM_FIG}.pdf")
CHECKS.append(f"{MEM_DIR}/checks.json")


wildcard_constraints:
    memmodel=r"[A-Za-z0-9_]+",


# One job per model: every Delta/Delta_c point and seed (a network of N neurons each).
rule memories_simulate:
    output:
        f"{MEM_DIR}/runs/{{memmodel}}.csv",
    log:
        f"{MEM_DIR}/logs/simulate/{{memmodel}}.log",
    params:
        model=lambda wc: MEM.models[wc.memmodel].as_dict(),
        ratios=MEM.ratios,
        N=MEM.N,
        seeds=MEM.seeds,
        amp_options=MEM.amp_options,
        code=code("scripts/replica/memories_simulate.py"),
    threads: 1
    resources:
        mem_mb=lambda wc: 1000 + MEM.N**2 * 40 // 2**20,
        runtime=30,
    conda:
        ENV
    script:
        "../../scripts/replica/memories_simulate.py"


rule memories_theory:
    output:
        f"{MEM_DIR}/theory/state_evolution.csv",
    log:
        f"{MEM_DIR}/logs/theory.log",
    params:
        models=[m.as_dict() for m in MEM.models.values()],
        ratios=MEM.theory_ratios,
        code=code("scripts/replica/memories_theory.py"),
    conda:
        ENV
    script:
        "../../scripts/replica/memories_theory.py"


rule memories_collect:
    input:
        runs=expand(f"{MEM_DIR}/runs/{{memmodel}}.csv", memmodel=MEM.keys),
        theory=f"{MEM_DIR}/theory/state_evolution.csv",
    output:
        runs=f"{MEM_DIR}/runs.csv",
        summary=f"{MEM_DIR}/summary.csv",
    log:
        f"{MEM_DIR}/logs/collect.log",
    params:
        code=code("scripts/replica/memories_collect.py"),
    conda:
        ENV
    script:
        "../../scripts/replica/memories_collect.py"


rule memories_check:
    input:
        summary=f"{MEM_DIR}/summary.csv",
        theory=f"{MEM_DIR}/theory/state_evolution.csv",
    output:
        f"{MEM_DIR}/checks.json",
    log:
        f"{MEM_DIR}/logs/check.log",
    params:
        paper="goldt2021_memories",
        models=[m.as_dict() for m in MEM.models.values()],
        code=code("scripts/replica/memories_check.py"),
    conda:
        ENV
    script:
        "../../scripts/replica/memories_check.py"


rule figure_memories:
    input:
        summary=f"{MEM_DIR}/summary.csv",
        theory=f"{MEM_DIR}/theory/state_evolution.csv",
        checks=f"{MEM_DIR}/checks.json",
    output:
        pdf=report(
            f"{MEM_FIG}.pdf",
            caption="../report/memories.rst",
            category="goldt2021_memories",
        ),
        png=f"{MEM_FIG}.png",
        csv=f"{MEM_FIG}.csv",
    log:
        f"{MEM_DIR}/logs/figure.log",
    params:
        footer=(
            f"Goldt, Krzakala, Zdeborova, Brunel, PLoS Comput Biol (2023), arXiv:2105.07416. "
            f"{SCALE} scale: N={MEM.N}, {len(MEM.seeds)} networks per point, synthetic "
            "patterns; AMP, state evolution and PCA from this code."
        ),
        code=code("scripts/replica/memories_figure.py"),
    conda:
        ENV
    script:
        "../../scripts/replica/memories_figure.py"
