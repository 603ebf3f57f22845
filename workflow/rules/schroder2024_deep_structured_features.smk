# Schroeder, Dmitriev, Cui, Loureiro, "Asymptotics of Learning with Deep Structured (Random)
# Features", ICML 2024, arXiv:2402.13999. Headline figure: figure_structured_features (ridge
# learning curves against n on deep features with power-law structured weights, deterministic
# equivalent vs simulation). Library family: gaussian_equivalent_glm (src/dltheory/gcm).
#
#   structured_simulate --\
#   structured_theory -----> structured_collect -> structured_check -> figure_structured_features

from dltheory.gcm.plans import StructuredPlan

SF = StructuredPlan.from_section(
    cfg.section(config, "schroder2024_deep_structured_features"),
    f"schroder2024_deep_structured_features.{SCALE}",
)
SF_DIR = results_dir("schroder2024_deep_structured_features")
SF_FIG = figure_stem("structured_features")
FIGURES.append(f"{SF_FIG}.pdf")
CHECKS.append(f"{SF_DIR}/checks.json")


# Every exponent and seed in one job (a few seconds of work; a job start costs ~2 s).
rule structured_simulate:
    output:
        f"{SF_DIR}/sims.csv",
    log:
        f"{SF_DIR}/logs/simulate.log",
    params:
        section=SF.section,
        code=code("scripts/gcm/sf_simulate.py"),
    threads: 1
    resources:
        mem_mb=4000,
        runtime=60,
    conda:
        ENV
    script:
        "../../scripts/gcm/sf_simulate.py"


rule structured_theory:
    output:
        curve=f"{SF_DIR}/theory.csv",
        spectra=f"{SF_DIR}/spectra.csv",
    log:
        f"{SF_DIR}/logs/theory.log",
    params:
        section=SF.section,
        code=code("scripts/gcm/sf_theory.py"),
    threads: 1
    resources:
        mem_mb=4000,
        runtime=60,
    conda:
        ENV
    script:
        "../../scripts/gcm/sf_theory.py"


rule structured_collect:
    input:
        sims=f"{SF_DIR}/sims.csv",
        theory=f"{SF_DIR}/theory.csv",
    output:
        points=f"{SF_DIR}/points.csv",
        lines=f"{SF_DIR}/lines.csv",
    log:
        f"{SF_DIR}/logs/collect.log",
    params:
        code=code("scripts/gcm/sf_collect.py"),
    conda:
        ENV
    script:
        "../../scripts/gcm/sf_collect.py"


rule structured_check:
    input:
        points=f"{SF_DIR}/points.csv",
        lines=f"{SF_DIR}/lines.csv",
    output:
        f"{SF_DIR}/checks.json",
    log:
        f"{SF_DIR}/logs/check.log",
    params:
        paper="schroder2024_deep_structured_features",
        code=code("scripts/gcm/sf_check.py"),
    conda:
        ENV
    script:
        "../../scripts/gcm/sf_check.py"


rule figure_structured_features:
    input:
        points=f"{SF_DIR}/points.csv",
        lines=f"{SF_DIR}/lines.csv",
        spectra=f"{SF_DIR}/spectra.csv",
        checks=f"{SF_DIR}/checks.json",
    output:
        pdf=report(
            f"{SF_FIG}.pdf",
            caption="../report/structured_features.rst",
            category="schroder2024_deep_structured_features",
        ),
        png=f"{SF_FIG}.png",
        csv=f"{SF_FIG}.csv",
    log:
        f"{SF_DIR}/logs/figure.log",
    params:
        footer=(
            f"Schroeder et al., ICML 2024, arXiv:2402.13999. {SCALE} scale: synthetic Gaussian "
            f"inputs, d={SF.d}, widths {SF.widths}, {SF.activation}, lambda={SF.lam:g}, "
            f"{SF.teacher_activation} target of width {SF.teacher_width}, noise {SF.noise:g}, "
            f"{len(SF.seeds)} seeds."
        ),
        code=code("scripts/gcm/sf_figure.py"),
    conda:
        ENV
    script:
        "../../scripts/gcm/sf_figure.py"
