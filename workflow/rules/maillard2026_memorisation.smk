# Maillard & Goldt, "Memorisation, convergence and generalisation in generative models",
# arXiv:2605.21402. Headline figure: figure_memorisation (memorisation m, convergence q and
# latent recovery Q against the load gamma = n/d: q continuous and blind to the latent
# factor, Q sharp). Library family: replica_static (dltheory.replica: generative, spectra).
#
#   generative_simulate (pairs of models on disjoint data) --\
#   generative_theory (free probability, BBP, extreme values) --> generative_collect
#   generative_collect -> generative_check (checks.json) -> figure_memorisation

from dltheory.replica.plan import GenerativePlan

GEN = GenerativePlan.from_section(
    cfg.section(config, "maillard2026_memorisation"), f"maillard2026_memorisation.{SCALE}"
)
GEN_DIR = results_dir("maillard2026_memorisation")
GEN_FIG = figure_stem("memorisation")
FIGURES.append(f"{GEN_FIG}.pdf")
CHECKS.append(f"{GEN_DIR}/checks.json")


rule generative_simulate:
    output:
        f"{GEN_DIR}/runs.csv",
    log:
        f"{GEN_DIR}/logs/simulate.log",
    params:
        d=GEN.d,
        ns=GEN.ns,
        thetas=GEN.thetas,
        seeds=GEN.seeds,
        draws=GEN.draws,
        code=code("scripts/replica/generative_simulate.py"),
    threads: 1
    resources:
        mem_mb=lambda wc: 1000 + 3 * 8 * GEN.d * GEN.ns[-1] // 2**20,
        runtime=30,
    conda:
        ENV
    script:
        "../../scripts/replica/generative_simulate.py"


rule generative_theory:
    output:
        f"{GEN_DIR}/theory/order_parameters.csv",
    log:
        f"{GEN_DIR}/logs/theory.log",
    params:
        d=GEN.d,
        ns=GEN.theory_ns,
        thetas=GEN.thetas,
        code=code("scripts/replica/generative_theory.py"),
    conda:
        ENV
    script:
        "../../scripts/replica/generative_theory.py"


rule generative_collect:
    input:
        runs=f"{GEN_DIR}/runs.csv",
        theory=f"{GEN_DIR}/theory/order_parameters.csv",
    output:
        f"{GEN_DIR}/summary.csv",
    log:
        f"{GEN_DIR}/logs/collect.log",
    params:
        code=code("scripts/replica/generative_collect.py"),
    conda:
        ENV
    script:
        "../../scripts/replica/generative_collect.py"


rule generative_check:
    input:
        summary=f"{GEN_DIR}/summary.csv",
    output:
        f"{GEN_DIR}/checks.json",
    log:
        f"{GEN_DIR}/logs/check.log",
    params:
        paper="maillard2026_memorisation",
        code=code("scripts/replica/generative_check.py"),
    conda:
        ENV
    script:
        "../../scripts/replica/generative_check.py"


rule figure_memorisation:
    input:
        summary=f"{GEN_DIR}/summary.csv",
        theory=f"{GEN_DIR}/theory/order_parameters.csv",
        checks=f"{GEN_DIR}/checks.json",
    output:
        pdf=report(
            f"{GEN_FIG}.pdf",
            caption="../report/memorisation.rst",
            category="maillard2026_memorisation",
        ),
        png=f"{GEN_FIG}.png",
        csv=f"{GEN_FIG}.csv",
    log:
        f"{GEN_DIR}/logs/figure.log",
    params:
        footer=(
            f"Maillard & Goldt, arXiv:2605.21402. {SCALE} scale: d={GEN.d}, {len(GEN.seeds)} pairs of "
            "training sets per point, spiked Gaussian data; linear generative models, free-probability, "
            "BBP and extreme-value theory from this code."
        ),
        code=code("scripts/replica/generative_figure.py"),
    conda:
        ENV
    script:
        "../../scripts/replica/generative_figure.py"
