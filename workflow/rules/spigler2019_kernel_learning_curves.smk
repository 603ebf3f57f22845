# Spigler, Geiger, Wyart, "Asymptotic learning curves of kernel methods: empirical data
# v.s. Teacher-Student paradigm", J. Stat. Mech. (2020) 124001, arXiv:1905.10843.
# Headline figure: figure_kernel_teacher_student (teacher-student learning curves on the
# sphere for Laplace / Matern / Gaussian teachers against beta = min(alpha_T - d', 2 alpha_S)/d').
# Library family: kernel_curves (dltheory.kernels).
#
#   spigler_simulate (one job per d, all seeds) --> spigler_collect -> spigler_check
#   spigler_theory (exponents from the formula) -/                 \-> figure_kernel_teacher_student
#   spigler_circle_theory (d = 2: finite-P spline + eigenlearning curves) -> check, figure
#
# Real-data panel (MNIST / CIFAR10 if real_data.data_dir is set, else a synthetic stand-in):
#   spigler_real_simulate (all seeds; ridgeless regression + hard-margin SVM per kernel)
#                                      --> spigler_real_collect --> spigler_check (same checks.json)
#   spigler_real_pca (kernel-PCA beta) -/                     \-> spigler_real_figure (its PDF is
#                                                                 an input of the headline target)

from dltheory.kernels.plan import SpiglerPlan
from dltheory.kernels.real_data import RealDataPlan

SPIGLER = SpiglerPlan.from_section(
    cfg.section(config, "spigler2019_kernel_learning_curves"),
    f"spigler2019_kernel_learning_curves.{SCALE}",
)
SPIGLER_REAL = RealDataPlan.from_section(
    SPIGLER.section["real_data"], f"spigler2019_kernel_learning_curves.{SCALE}.real_data"
)
SPIGLER_DIR = results_dir("spigler2019_kernel_learning_curves")
SPIGLER_FIG = figure_stem("kernel_teacher_student")
SPIGLER_REAL_FIG = figure_stem("kernel_real_data")
FIGURES.append(f"{SPIGLER_FIG}.pdf")
FIGURES.append(f"{SPIGLER_REAL_FIG}.pdf")
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


rule spigler_circle_theory:
    output:
        f"{SPIGLER_DIR}/theory/circle_d2.csv",
    log:
        f"{SPIGLER_DIR}/logs/circle_theory.log",
    params:
        kernels={k: v.as_dict() for k, v in SPIGLER.kernels.items()},
        pairs=SPIGLER.pairs.get(2, []),
        sizes=SPIGLER.sizes,
        code=code("scripts/kernels/spigler_circle_theory.py"),
    conda:
        ENV
    script:
        "../../scripts/kernels/spigler_circle_theory.py"


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


rule spigler_real_simulate:
    output:
        f"{SPIGLER_DIR}/real/runs.csv",
    log:
        f"{SPIGLER_DIR}/logs/real_simulate.log",
    params:
        section=SPIGLER_REAL.section,
        where=f"spigler2019_kernel_learning_curves.{SCALE}.real_data",
        code=code("scripts/kernels/spigler_real_simulate.py"),
    threads: 1
    resources:
        mem_mb=16000 if SCALE == "paper" else 2000,
        runtime=(240 if SCALE == "paper" else 10),
    conda:
        ENV
    script:
        "../../scripts/kernels/spigler_real_simulate.py"


rule spigler_real_pca:
    output:
        spectrum=f"{SPIGLER_DIR}/real/pca_spectrum.csv",
        theory=f"{SPIGLER_DIR}/real/pca_theory.csv",
    log:
        f"{SPIGLER_DIR}/logs/real_pca.log",
    params:
        section=SPIGLER_REAL.section,
        where=f"spigler2019_kernel_learning_curves.{SCALE}.real_data",
        code=code("scripts/kernels/spigler_real_pca.py"),
    threads: 1
    resources:
        mem_mb=8000 if SCALE == "paper" else 2000,
        runtime=(120 if SCALE == "paper" else 10),
    conda:
        ENV
    script:
        "../../scripts/kernels/spigler_real_pca.py"


rule spigler_real_collect:
    input:
        runs=[f"{SPIGLER_DIR}/real/runs.csv"],
        theory=f"{SPIGLER_DIR}/real/pca_theory.csv",
    output:
        curves=f"{SPIGLER_DIR}/real/curves.csv",
        fits=f"{SPIGLER_DIR}/real/fits.csv",
    log:
        f"{SPIGLER_DIR}/logs/real_collect.log",
    params:
        series_keys=["kernel", "task"],
        query="",
        fit_min=SPIGLER_REAL.section["fit_min_P"],
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
        circle=f"{SPIGLER_DIR}/theory/circle_d2.csv",
        real_fits=f"{SPIGLER_DIR}/real/fits.csv",
        real_runs=f"{SPIGLER_DIR}/real/runs.csv",
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
        circle=f"{SPIGLER_DIR}/theory/circle_d2.csv",
        checks=f"{SPIGLER_DIR}/checks.json",
        real_figure=f"{SPIGLER_REAL_FIG}.pdf",
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
            "teachers on the sphere (the MNIST/CIFAR panel: figure kernel_real_data); "
            "theory and kernel regression from this code."
        ),
        code=code("scripts/kernels/spigler_figure.py"),
    conda:
        ENV
    script:
        "../../scripts/kernels/spigler_figure.py"


rule spigler_real_figure:
    input:
        curves=f"{SPIGLER_DIR}/real/curves.csv",
        fits=f"{SPIGLER_DIR}/real/fits.csv",
        spectrum=f"{SPIGLER_DIR}/real/pca_spectrum.csv",
        checks=f"{SPIGLER_DIR}/checks.json",
    output:
        pdf=f"{SPIGLER_REAL_FIG}.pdf",
        png=f"{SPIGLER_REAL_FIG}.png",
        csv=f"{SPIGLER_REAL_FIG}.csv",
    log:
        f"{SPIGLER_DIR}/logs/real_figure.log",
    params:
        footer=(
            f"Spigler, Geiger, Wyart, J. Stat. Mech. (2020), arXiv:1905.10843. {SCALE} scale: "
            f"P <= {max(SPIGLER_REAL.sizes)}, {len(SPIGLER_REAL.seeds)} draws, kernel PCA on "
            f"N = {SPIGLER_REAL.section['pca_points']} points. Data: "
            + (
                "synthetic stand-in (the paper used MNIST and CIFAR10): points on a "
                f"{SPIGLER_REAL.section['stand_in']['latent_dim']}-dim manifold in "
                f"R^{SPIGLER_REAL.section['stand_in']['ambient_dim']}, labels sign(smooth g), "
                f"classes separated by a gap |g| >= {SPIGLER_REAL.section['stand_in']['margin']} "
                f"rms(g). Ridgeless regression and hard-margin SVM."
                if SPIGLER_REAL.source == "stand_in"
                else f"{SPIGLER_REAL.source} (labels +1 for classes "
                f"{SPIGLER_REAL.section['positive_classes']})."
            )
        ),
        code=code("scripts/kernels/spigler_real_figure.py"),
    conda:
        ENV
    script:
        "../../scripts/kernels/spigler_real_figure.py"
