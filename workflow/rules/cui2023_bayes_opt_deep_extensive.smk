# Cui, Krzakala, Zdeborova, "Bayes-optimal learning of deep random networks of extensive-width",
# ICML 2023, arXiv:2302.00375. Headline figure: figure_bayes_deep_extensive (Bayes-optimal
# regression and classification errors against alpha, with optimally regularised ridge,
# random features and the kernel limit; simulations on fresh teachers).
# Library family: gaussian_equivalent_glm (src/dltheory/gcm).
#
#   bayes_theory -> bayes_simulate (optimal penalties from the theory) -> bayes_collect
#   -> bayes_check -> figure_bayes_deep_extensive

from dltheory.gcm.plans import BayesPlan

BO = BayesPlan.from_section(
    cfg.section(config, "cui2023_bayes_opt_deep_extensive"),
    f"cui2023_bayes_opt_deep_extensive.{SCALE}",
)
BO_DIR = results_dir("cui2023_bayes_opt_deep_extensive")
BO_FIG = figure_stem("bayes_deep_extensive")
FIGURES.append(f"{BO_FIG}.pdf")
CHECKS.append(f"{BO_DIR}/checks.json")


rule bayes_theory:
    output:
        f"{BO_DIR}/theory.csv",
    log:
        f"{BO_DIR}/logs/theory.log",
    params:
        section=BO.section,
        code=code("scripts/gcm/bo_theory.py"),
    threads: 1
    resources:
        mem_mb=2000,
        runtime=30,
    conda:
        ENV
    script:
        "../../scripts/gcm/bo_theory.py"


rule bayes_simulate:
    input:
        theory=f"{BO_DIR}/theory.csv",
    output:
        f"{BO_DIR}/sims.csv",
    log:
        f"{BO_DIR}/logs/simulate.log",
    params:
        section=BO.section,
        code=code("scripts/gcm/bo_simulate.py"),
    threads: 1
    resources:
        mem_mb=4000,
        runtime=60,
    conda:
        ENV
    script:
        "../../scripts/gcm/bo_simulate.py"


rule bayes_collect:
    input:
        sims=f"{BO_DIR}/sims.csv",
        theory=f"{BO_DIR}/theory.csv",
    output:
        f"{BO_DIR}/points.csv",
    log:
        f"{BO_DIR}/logs/collect.log",
    params:
        code=code("scripts/gcm/bo_collect.py"),
    conda:
        ENV
    script:
        "../../scripts/gcm/bo_collect.py"


rule bayes_check:
    input:
        points=f"{BO_DIR}/points.csv",
        theory=f"{BO_DIR}/theory.csv",
    output:
        f"{BO_DIR}/checks.json",
    log:
        f"{BO_DIR}/logs/check.log",
    params:
        paper="cui2023_bayes_opt_deep_extensive",
        code=code("scripts/gcm/bo_check.py"),
    conda:
        ENV
    script:
        "../../scripts/gcm/bo_check.py"


rule figure_bayes_deep_extensive:
    input:
        points=f"{BO_DIR}/points.csv",
        theory=f"{BO_DIR}/theory.csv",
        checks=f"{BO_DIR}/checks.json",
    output:
        pdf=report(
            f"{BO_FIG}.pdf",
            caption="../report/bayes_deep_extensive.rst",
            category="cui2023_bayes_opt_deep_extensive",
        ),
        png=f"{BO_FIG}.png",
        csv=f"{BO_FIG}.csv",
    log:
        f"{BO_DIR}/logs/figure.log",
    params:
        footer=(
            f"Cui et al., ICML 2023, arXiv:2302.00375. {SCALE} scale: synthetic Gaussian inputs, "
            f"d={BO.d}, target widths {BO.widths}, {BO.activation} (tanh(2h)), random features "
            f"p={BO.rf_ratio:g}d, kernel limit p={BO.kernel_ratio:g}d, {len(BO.seeds)} teachers."
        ),
        code=code("scripts/gcm/bo_figure.py"),
    conda:
        ENV
    script:
        "../../scripts/gcm/bo_figure.py"
