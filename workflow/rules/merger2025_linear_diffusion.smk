# Merger & Goldt, "Generalization Dynamics of Linear Diffusion Models", arXiv:2505.24769.
# Headline figure: figure_linear_diffusion (Kullback-Leibler divergence between the
# distribution sampled by linear diffusion models and the target against N/d: collapse
# below N = d, d/(4N) above, regularisation and early stopping). Library family:
# replica_static (dltheory.replica: linear_diffusion, spectra).
#
#   diffusion_simulate (closed-form denoisers on N samples) --\
#   diffusion_theory (Marchenko-Pastur, no simulation) --------> diffusion_collect
#   diffusion_collect -> diffusion_check (checks.json) -> figure_linear_diffusion

from dltheory.replica.plan import DiffusionPlan

DIF = DiffusionPlan.from_section(
    cfg.section(config, "merger2025_linear_diffusion"), f"merger2025_linear_diffusion.{SCALE}"
)
DIF_DIR = results_dir("merger2025_linear_diffusion")
DIF_FIG = figure_stem("linear_diffusion")
FIGURES.append(f"{DIF_FIG}.pdf")
CHECKS.append(f"{DIF_DIR}/checks.json")


rule diffusion_simulate:
    output:
        f"{DIF_DIR}/runs.csv",
    log:
        f"{DIF_DIR}/logs/simulate.log",
    params:
        d=DIF.d,
        ratios=DIF.ratios,
        seeds=DIF.seeds,
        schedule=DIF.schedule,
        power_law_k=DIF.power_law_k,
        trainings=DIF.trainings,
        code=code("scripts/replica/diffusion_simulate.py"),
    threads: 1
    resources:
        mem_mb=1000,
        runtime=30,
    conda:
        ENV
    script:
        "../../scripts/replica/diffusion_simulate.py"


rule diffusion_theory:
    output:
        f"{DIF_DIR}/theory/kl.csv",
    log:
        f"{DIF_DIR}/logs/theory.log",
    params:
        ratios=DIF.theory_ratios,
        schedule=DIF.schedule,
        trainings=DIF.trainings,
        code=code("scripts/replica/diffusion_theory.py"),
    conda:
        ENV
    script:
        "../../scripts/replica/diffusion_theory.py"


rule diffusion_collect:
    input:
        runs=f"{DIF_DIR}/runs.csv",
        theory=f"{DIF_DIR}/theory/kl.csv",
    output:
        f"{DIF_DIR}/summary.csv",
    log:
        f"{DIF_DIR}/logs/collect.log",
    params:
        code=code("scripts/replica/diffusion_collect.py"),
    conda:
        ENV
    script:
        "../../scripts/replica/diffusion_collect.py"


rule diffusion_check:
    input:
        summary=f"{DIF_DIR}/summary.csv",
    output:
        f"{DIF_DIR}/checks.json",
    log:
        f"{DIF_DIR}/logs/check.log",
    params:
        paper="merger2025_linear_diffusion",
        trainings=DIF.trainings,
        code=code("scripts/replica/diffusion_check.py"),
    conda:
        ENV
    script:
        "../../scripts/replica/diffusion_check.py"


rule figure_linear_diffusion:
    input:
        summary=f"{DIF_DIR}/summary.csv",
        theory=f"{DIF_DIR}/theory/kl.csv",
        checks=f"{DIF_DIR}/checks.json",
    output:
        pdf=report(
            f"{DIF_FIG}.pdf",
            caption="../report/linear_diffusion.rst",
            category="merger2025_linear_diffusion",
        ),
        png=f"{DIF_FIG}.png",
        csv=f"{DIF_FIG}.csv",
    log:
        f"{DIF_DIR}/logs/figure.log",
    params:
        footer=(
            f"Merger & Goldt, arXiv:2505.24769. {SCALE} scale: d={DIF.d}, {len(DIF.seeds)} training sets "
            f"per point, DDPM T={DIF.schedule['T']}; synthetic Gaussian data; denoisers, sampler "
            "and Marchenko-Pastur theory from this code."
        ),
        code=code("scripts/replica/diffusion_figure.py"),
    conda:
        ENV
    script:
        "../../scripts/replica/diffusion_figure.py"
