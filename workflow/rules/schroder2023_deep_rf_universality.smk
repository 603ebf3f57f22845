# Schroeder, Cui, Dmitriev, Loureiro, "Deterministic equivalent and error universality of deep
# random features learning", ICML 2023, arXiv:2302.00401. Headline figure: figure_deep_rf
# (ridge error of deep random features against alpha for several depths, logistic error,
# deep vs Gaussian-equivalent features). Library family: gaussian_equivalent_glm (src/dltheory/gcm).
#
#   deep_rf_simulate (task) --\
#   deep_rf_theory (task) ------> deep_rf_collect -> deep_rf_check -> figure_deep_rf

from dltheory.gcm.plans import DeepRFPlan

DRF = DeepRFPlan.from_section(
    cfg.section(config, "schroder2023_deep_rf_universality"),
    f"schroder2023_deep_rf_universality.{SCALE}",
)
DRF_DIR = results_dir("schroder2023_deep_rf_universality")
DRF_FIG = figure_stem("deep_rf")
DRF_TASKS = ["ridge", "logistic"]
FIGURES.append(f"{DRF_FIG}.pdf")
CHECKS.append(f"{DRF_DIR}/checks.json")


wildcard_constraints:
    drf_task="ridge|logistic",


rule deep_rf_simulate:
    output:
        f"{DRF_DIR}/sims/{{drf_task}}.csv",
    log:
        f"{DRF_DIR}/logs/simulate_{{drf_task}}.log",
    params:
        section=DRF.section,
        task=lambda wc: wc.drf_task,
        code=code("scripts/gcm/drf_simulate.py"),
    threads: 1
    resources:
        mem_mb=4000,
        runtime=60,
    conda:
        ENV
    script:
        "../../scripts/gcm/drf_simulate.py"


rule deep_rf_theory:
    output:
        f"{DRF_DIR}/theory/{{drf_task}}.csv",
    log:
        f"{DRF_DIR}/logs/theory_{{drf_task}}.log",
    params:
        section=DRF.section,
        task=lambda wc: wc.drf_task,
        code=code("scripts/gcm/drf_theory.py"),
    threads: 1
    resources:
        mem_mb=4000,
        runtime=60,
    conda:
        ENV
    script:
        "../../scripts/gcm/drf_theory.py"


rule deep_rf_collect:
    input:
        sims=expand(f"{DRF_DIR}/sims/{{task}}.csv", task=DRF_TASKS),
        theory=expand(f"{DRF_DIR}/theory/{{task}}.csv", task=DRF_TASKS),
    output:
        points=f"{DRF_DIR}/points.csv",
        lines=f"{DRF_DIR}/lines.csv",
    log:
        f"{DRF_DIR}/logs/collect.log",
    params:
        code=code("scripts/gcm/drf_collect.py"),
    conda:
        ENV
    script:
        "../../scripts/gcm/drf_collect.py"


rule deep_rf_check:
    input:
        points=f"{DRF_DIR}/points.csv",
        lines=f"{DRF_DIR}/lines.csv",
    output:
        f"{DRF_DIR}/checks.json",
    log:
        f"{DRF_DIR}/logs/check.log",
    params:
        paper="schroder2023_deep_rf_universality",
        code=code("scripts/gcm/drf_check.py"),
    conda:
        ENV
    script:
        "../../scripts/gcm/drf_check.py"


rule figure_deep_rf:
    input:
        points=f"{DRF_DIR}/points.csv",
        lines=f"{DRF_DIR}/lines.csv",
        checks=f"{DRF_DIR}/checks.json",
    output:
        pdf=report(
            f"{DRF_FIG}.pdf",
            caption="../report/deep_rf.rst",
            category="schroder2023_deep_rf_universality",
        ),
        png=f"{DRF_FIG}.png",
        csv=f"{DRF_FIG}.csv",
    log:
        f"{DRF_DIR}/logs/figure.log",
    params:
        footer=(
            f"Schroeder et al., ICML 2023, arXiv:2302.00401. {SCALE} scale: synthetic Gaussian "
            f"inputs, d={DRF.d}, k={DRF.width}, {DRF.activation} layers, k_t={DRF.teacher_width} "
            f"{DRF.teacher_activation} target, {len(DRF.seeds)} seeds."
        ),
        peak_alpha=DRF.width / DRF.d,
        ridge_lam=DRF.ridge["lam"],
        code=code("scripts/gcm/drf_figure.py"),
    conda:
        ENV
    script:
        "../../scripts/gcm/drf_figure.py"
