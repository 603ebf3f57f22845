# Spigler, Geiger, Wyart, "Asymptotic learning curves of kernel methods: empirical data
# v.s. Teacher-Student paradigm", J. Stat. Mech. (2020) 124001, arXiv:1905.10843.
# Headline figure: figure_kernel_teacher_student (teacher-student learning curves on the
# sphere for Laplace / Matern / Gaussian teachers against beta = min(alpha_T - d', 2 alpha_S)/d').
# Library family: kernel_curves (dltheory.kernels).
#
#   spigler_simulate (one job per d, all seeds) --> spigler_collect -> spigler_check
#   spigler_theory (exponents from the formula) -/                 \-> figure_kernel_teacher_student

from dltheory.kernels.plan import SpiglerPlan

SPIGLER = SpiglerPlan.from_section(
    cfg.section(config, "spigler2019_kernel_learning_curves"),
    f"spigler2019_kernel_learning_curves.{SCALE}",
)
SPIGLER_DIR = results_dir("spigler2019_kernel_learning_curves")
SPIGLER_FIG = figure_stem("kernel_teacher_student")
FIGURES.append(f"{SPIGLER_FIG}.pdf")
CHECKS.append(f"{SPIGLER_DIR}/checks.json")


rule spigler_simulate:
    output:
        f"{SPIGLER_DIR}/runs/d{{d}}.csv",
    log:
        f"{SPIGLER_DIR}/logs/simulate/d{{d}}.log",
    params:
        d=lambda wc: int(wc.d),
        kernels={k: v.as_dict() for k, v in SPIGLER.kernels.items()},
        pairs=lambda wc: SPIGLER.pairs[int(wc.d)],
        sizes=SPIGLER.sizes,
        test_size=SPIGLER.section["test_size"],
        seeds=SPIGLER.seeds,
        points="sphere",
        stream="spigler",
        code=code("scripts/kernels/grf_simulate.py"),
    threads: 1
    resources:
        mem_mb=16000 if SCALE == "paper" else 3000,
        runtime=lambda wc, attempt: (600 if SCALE == "paper" else 60) * attempt,
    conda:
        ENV
    script:
        "../../scripts/kernels/grf_simulate.py"


rule spigler_theory:
    output:
        f"{SPIGLER_DIR}/theory/exponents.csv",
    log:
        f"{SPIGLER_DIR}/logs/theory.log",
    params:
        kernels={k: v.as_dict() for k, v in SPIGLER.kernels.items()},
        pairs={str(d): p for d, p in SPIGLER.pairs.items()},
        code=code("scripts/kernels/spigler_theory.py"),
    conda:
        ENV
    script:
        "../../scripts/kernels/spigler_theory.py"


rule spigler_collect:
    input:
        runs=expand(f"{SPIGLER_DIR}/runs/{{g}}.csv", g=SPIGLER.groups),
        theory=f"{SPIGLER_DIR}/theory/exponents.csv",
    output:
        curves=f"{SPIGLER_DIR}/curves.csv",
        fits=f"{SPIGLER_DIR}/fits.csv",
    log:
        f"{SPIGLER_DIR}/logs/collect.log",
    params:
        series_keys=["d", "series"],
        query="",
        fit_min=SPIGLER.section["fit_min_P"],
        fit_min_key="",
        bootstrap_seed=0,
        code=code("scripts/kernels/collect.py"),
    conda:
        ENV
    script:
        "../../scripts/kernels/collect.py"


rule spigler_check:
    input:
        fits=f"{SPIGLER_DIR}/fits.csv",
        runs=expand(f"{SPIGLER_DIR}/runs/{{g}}.csv", g=SPIGLER.groups),
    output:
        f"{SPIGLER_DIR}/checks.json",
    log:
        f"{SPIGLER_DIR}/logs/check.log",
    params:
        paper="spigler2019_kernel_learning_curves",
        code=code("scripts/common/check_claims.py"),
    conda:
        ENV
    script:
        "../../scripts/common/check_claims.py"


rule figure_kernel_teacher_student:
    input:
        curves=f"{SPIGLER_DIR}/curves.csv",
        fits=f"{SPIGLER_DIR}/fits.csv",
        checks=f"{SPIGLER_DIR}/checks.json",
    output:
        pdf=report(
            f"{SPIGLER_FIG}.pdf",
            caption="../report/kernel_teacher_student.rst",
            category="spigler2019_kernel_learning_curves",
        ),
        png=f"{SPIGLER_FIG}.png",
        csv=f"{SPIGLER_FIG}.csv",
    log:
        f"{SPIGLER_DIR}/logs/figure.log",
    params:
        footer=(
            f"Spigler, Geiger, Wyart, J. Stat. Mech. (2020), arXiv:1905.10843. {SCALE} scale: "
            f"P <= {max(SPIGLER.sizes)}, {len(SPIGLER.seeds)} seeds, synthetic Gaussian-random-field "
            "teachers on the sphere (the paper's MNIST/CIFAR panel is not reproduced); "
            "theory and kernel regression from this code."
        ),
        code=code("scripts/kernels/spigler_figure.py"),
    conda:
        ENV
    script:
        "../../scripts/kernels/spigler_figure.py"
