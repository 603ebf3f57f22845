# Tomasini, Sclocchi, Wyart, "Failure and success of the spectral bias prediction for
# Kernel Ridge Regression: the case of low-dimensional data", ICML 2022, arXiv:2202.03348.
# Headline figure: figure_spectral_bias (Laplace ridge regression on the depleted stripe
# against the ridge for several P: the spectral-bias prediction holds only above the
# crossover ridge lambda* ~ P^-1/(d+chi); the rigorous d = 1 case and d = 2).
# Library family: kernel_curves (dltheory.kernels).
#
#   tomasini_simulate (one job per d) --> tomasini_collect --> tomasini_check -> figure_spectral_bias
#   tomasini_theory ---------------------/                 /
#   tomasini_spectral_bias (d = 1 eigenlearning on a grid) /

from dltheory.kernels.plan import TomasiniPlan

TOMASINI = TomasiniPlan.from_section(
    cfg.section(config, "tomasini2022_spectral_bias"), f"tomasini2022_spectral_bias.{SCALE}"
)
TOMASINI_DIR = results_dir("tomasini2022_spectral_bias")
TOMASINI_FIG = figure_stem("spectral_bias")
TOMASINI_FIT_MIN = {str(d): m["fit_min_P"] for d, m in TOMASINI.models.items()}
FIGURES.append(f"{TOMASINI_FIG}.pdf")
CHECKS.append(f"{TOMASINI_DIR}/checks.json")


rule tomasini_simulate:
    output:
        f"{TOMASINI_DIR}/runs/d{{d}}.csv",
    log:
        f"{TOMASINI_DIR}/logs/simulate/d{{d}}.log",
    params:
        model=lambda wc: TOMASINI.models[int(wc.d)],
        chi=TOMASINI.section["chi"],
        sigma=TOMASINI.section["sigma"],
        ridges=TOMASINI.section["ridges"],
        grid_nodes=TOMASINI.section["grid_nodes"],
        grid_half_width=TOMASINI.section["grid_half_width"],
        code=code("scripts/kernels/tomasini_simulate.py"),
    threads: 1
    resources:
        mem_mb=8000 if SCALE == "paper" else 3000,
        runtime=lambda wc, attempt: (600 if SCALE == "paper" else 60) * attempt,
    conda:
        ENV
    script:
        "../../scripts/kernels/tomasini_simulate.py"


rule tomasini_spectral_bias:
    output:
        f"{TOMASINI_DIR}/theory/spectral_bias.csv",
    log:
        f"{TOMASINI_DIR}/logs/spectral_bias.log",
    params:
        chi=TOMASINI.section["chi"],
        sigma=TOMASINI.section["sigma"],
        ridges=TOMASINI.section["ridges"],
        sizes=[P for P in TOMASINI.models[1]["sizes"] if P <= TOMASINI.section["spectral_bias"]["max_P"]],
        nodes=TOMASINI.section["spectral_bias"]["nodes"],
        half_width=TOMASINI.section["spectral_bias"]["half_width"],
        code=code("scripts/kernels/tomasini_spectral_bias.py"),
    threads: 1
    resources:
        mem_mb=4000 if SCALE == "paper" else 2000,
        runtime=lambda wc, attempt: (120 if SCALE == "paper" else 30) * attempt,
    conda:
        ENV
    script:
        "../../scripts/kernels/tomasini_spectral_bias.py"


rule tomasini_theory:
    output:
        f"{TOMASINI_DIR}/theory/exponents.csv",
    log:
        f"{TOMASINI_DIR}/logs/theory.log",
    params:
        dims=list(TOMASINI.models),
        chi=TOMASINI.section["chi"],
        code=code("scripts/kernels/tomasini_theory.py"),
    conda:
        ENV
    script:
        "../../scripts/kernels/tomasini_theory.py"


rule tomasini_collect:
    input:
        runs=expand(f"{TOMASINI_DIR}/runs/{{g}}.csv", g=TOMASINI.groups),
        theory=f"{TOMASINI_DIR}/theory/exponents.csv",
    output:
        curves=f"{TOMASINI_DIR}/curves.csv",
        fits=f"{TOMASINI_DIR}/fits.csv",
        crossover=f"{TOMASINI_DIR}/crossover.csv",
    log:
        f"{TOMASINI_DIR}/logs/collect.log",
    params:
        fit_min=TOMASINI_FIT_MIN,
        crossover_factor=TOMASINI.section["crossover_factor"],
        bootstrap_seed=0,
        code=code("scripts/kernels/tomasini_collect.py"),
    conda:
        ENV
    script:
        "../../scripts/kernels/tomasini_collect.py"


rule tomasini_check:
    input:
        curves=f"{TOMASINI_DIR}/curves.csv",
        fits=f"{TOMASINI_DIR}/fits.csv",
        crossover=f"{TOMASINI_DIR}/crossover.csv",
        spectral_bias=f"{TOMASINI_DIR}/theory/spectral_bias.csv",
        theory=f"{TOMASINI_DIR}/theory/exponents.csv",
    output:
        f"{TOMASINI_DIR}/checks.json",
    log:
        f"{TOMASINI_DIR}/logs/check.log",
    params:
        paper="tomasini2022_spectral_bias",
        fit_min=TOMASINI_FIT_MIN,
        code=code("scripts/kernels/tomasini_check.py"),
    conda:
        ENV
    script:
        "../../scripts/kernels/tomasini_check.py"


rule figure_spectral_bias:
    input:
        curves=f"{TOMASINI_DIR}/curves.csv",
        spectral_bias=f"{TOMASINI_DIR}/theory/spectral_bias.csv",
        fits=f"{TOMASINI_DIR}/fits.csv",
        crossover=f"{TOMASINI_DIR}/crossover.csv",
        theory=f"{TOMASINI_DIR}/theory/exponents.csv",
        checks=f"{TOMASINI_DIR}/checks.json",
    output:
        pdf=report(
            f"{TOMASINI_FIG}.pdf",
            caption="../report/spectral_bias.rst",
            category="tomasini2022_spectral_bias",
        ),
        png=f"{TOMASINI_FIG}.png",
        csv=f"{TOMASINI_FIG}.csv",
    log:
        f"{TOMASINI_DIR}/logs/figure.log",
    params:
        footer=(
            f"Tomasini, Sclocchi, Wyart, ICML 2022, arXiv:2202.03348. {SCALE} scale: chi = "
            f"{TOMASINI.section['chi']:g}, "
            + ", ".join(f"d={d}: P <= {max(m['sizes'])}, {m['seeds']} seeds"
                        for d, m in TOMASINI.models.items())
            + "; synthetic depleted-stripe data; KRR, spectral-bias equations and theory from this code."
        ),
        code=code("scripts/kernels/tomasini_figure.py"),
    conda:
        ENV
    script:
        "../../scripts/kernels/tomasini_figure.py"
