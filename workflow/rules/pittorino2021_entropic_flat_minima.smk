# Pittorino, Lucibello, Feinauer, Perugini, Baldassi, Demyanenko, Zecchina, "Entropic gradient
# descent algorithms and wide flat minima", ICLR 2021, arXiv:2006.07897. Headline figure:
# figure_flat_minima (Gaussian-mixture panel only: test error and local energy of ERM
# minimisers against the penalty, replica theory vs simulation; the CIFAR/ResNet panels with
# Entropy-SGD and Replicated-SGD are out of scope). Library family: gaussian_equivalent_glm.
#
#   flat_simulate (loss) --\
#   flat_theory (loss) -----> flat_collect -> flat_check -> figure_flat_minima

from dltheory.gcm.plans import FlatPlan

FLAT = FlatPlan.from_section(
    cfg.section(config, "pittorino2021_entropic_flat_minima"),
    f"pittorino2021_entropic_flat_minima.{SCALE}",
)
FLAT_DIR = results_dir("pittorino2021_entropic_flat_minima")
FLAT_FIG = figure_stem("flat_minima")
FIGURES.append(f"{FLAT_FIG}.pdf")
CHECKS.append(f"{FLAT_DIR}/checks.json")


wildcard_constraints:
    flat_loss="square|logistic",


rule flat_simulate:
    output:
        f"{FLAT_DIR}/sims/{{flat_loss}}.csv",
    log:
        f"{FLAT_DIR}/logs/simulate_{{flat_loss}}.log",
    params:
        section=FLAT.section,
        loss=lambda wc: wc.flat_loss,
        code=code("scripts/gcm/flat_simulate.py"),
    threads: 1
    resources:
        mem_mb=2000,
        runtime=30,
    conda:
        ENV
    script:
        "../../scripts/gcm/flat_simulate.py"


rule flat_theory:
    output:
        f"{FLAT_DIR}/theory/{{flat_loss}}.csv",
    log:
        f"{FLAT_DIR}/logs/theory_{{flat_loss}}.log",
    params:
        section=FLAT.section,
        loss=lambda wc: wc.flat_loss,
        code=code("scripts/gcm/flat_theory.py"),
    threads: 1
    resources:
        mem_mb=2000,
        runtime=30,
    conda:
        ENV
    script:
        "../../scripts/gcm/flat_theory.py"


rule flat_collect:
    input:
        sims=expand(f"{FLAT_DIR}/sims/{{loss}}.csv", loss=FLAT.losses),
        theory=expand(f"{FLAT_DIR}/theory/{{loss}}.csv", loss=FLAT.losses),
    output:
        points=f"{FLAT_DIR}/points.csv",
        theory=f"{FLAT_DIR}/theory.csv",
    log:
        f"{FLAT_DIR}/logs/collect.log",
    params:
        code=code("scripts/gcm/flat_collect.py"),
    conda:
        ENV
    script:
        "../../scripts/gcm/flat_collect.py"


rule flat_check:
    input:
        points=f"{FLAT_DIR}/points.csv",
        theory=f"{FLAT_DIR}/theory.csv",
    output:
        f"{FLAT_DIR}/checks.json",
    log:
        f"{FLAT_DIR}/logs/check.log",
    params:
        paper="pittorino2021_entropic_flat_minima",
        alpha=FLAT.alpha,
        delta=FLAT.delta,
        sigma_star=FLAT.sigma_star,
        code=code("scripts/gcm/flat_check.py"),
    conda:
        ENV
    script:
        "../../scripts/gcm/flat_check.py"


rule figure_flat_minima:
    input:
        points=f"{FLAT_DIR}/points.csv",
        theory=f"{FLAT_DIR}/theory.csv",
        checks=f"{FLAT_DIR}/checks.json",
    output:
        pdf=report(
            f"{FLAT_FIG}.pdf",
            caption="../report/flat_minima.rst",
            category="pittorino2021_entropic_flat_minima",
        ),
        png=f"{FLAT_FIG}.png",
        csv=f"{FLAT_FIG}.csv",
    log:
        f"{FLAT_DIR}/logs/figure.log",
    params:
        alpha=FLAT.alpha,
        delta=FLAT.delta,
        sigma_star=FLAT.sigma_star,
        footer=(
            f"Pittorino et al., ICLR 2021, arXiv:2006.07897, Gaussian-mixture panel only (CIFAR "
            f"panels out of scope). {SCALE} scale: synthetic two-cluster mixture, d={FLAT.d}, "
            f"alpha={FLAT.alpha:g}, Delta={FLAT.delta:g}, {len(FLAT.seeds)} seeds."
        ),
        code=code("scripts/gcm/flat_figure.py"),
    conda:
        ENV
    script:
        "../../scripts/gcm/flat_figure.py"
