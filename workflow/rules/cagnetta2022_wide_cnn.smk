# Cagnetta, Favero, Wyart, "What Can Be Learnt With Wide Convolutional Neural Networks?",
# ICML 2023, arXiv:2208.01003.
# Headline figure: figure_deep_cntk (teacher-student learning curves of deep convolutional
# NTKs; the decay is set by the effective dimension of the teacher's receptive field).
# Library family: kernel_curves (dltheory.kernels).
#
#   cagnetta_simulate (one job per seed) --> cagnetta_collect -> cagnetta_check -> figure_deep_cntk
#   cagnetta_theory ------------------------/                 /                /
#   cagnetta_spectral (finite-P eigenlearning theory) -------+----------------/

from dltheory.kernels.plan import CagnettaPlan

CAGNETTA = CagnettaPlan.from_section(
    cfg.section(config, "cagnetta2022_wide_cnn"), f"cagnetta2022_wide_cnn.{SCALE}"
)
CAGNETTA_DIR = results_dir("cagnetta2022_wide_cnn")
CAGNETTA_FIG = figure_stem("deep_cntk")
CAGNETTA_KERNELS = {
    **{k: v.as_dict() for k, v in CAGNETTA.teachers.items()},
    "student": CAGNETTA.student.as_dict(),
}
FIGURES.append(f"{CAGNETTA_FIG}.pdf")
CHECKS.append(f"{CAGNETTA_DIR}/checks.json")


rule cagnetta_simulate:
    output:
        f"{CAGNETTA_DIR}/runs/seed{{seed}}.csv",
    log:
        f"{CAGNETTA_DIR}/logs/simulate/seed{{seed}}.log",
    params:
        seed=lambda wc: int(wc.seed),
        d=CAGNETTA.section["d"],
        patch=CAGNETTA.section["patch"],
        kernels=CAGNETTA_KERNELS,
        sizes=CAGNETTA.sizes,
        test_size=CAGNETTA.section["test_size"],
        code=code("scripts/kernels/cagnetta_simulate.py"),
    threads: 1
    resources:
        mem_mb=8000 if SCALE == "paper" else 4000,
        runtime=lambda wc, attempt: (600 if SCALE == "paper" else 60) * attempt,
    conda:
        ENV
    script:
        "../../scripts/kernels/cagnetta_simulate.py"


rule cagnetta_theory:
    output:
        f"{CAGNETTA_DIR}/theory/exponents.csv",
    log:
        f"{CAGNETTA_DIR}/logs/theory.log",
    params:
        kernels=CAGNETTA_KERNELS,
        d=CAGNETTA.section["d"],
        code=code("scripts/kernels/cagnetta_theory.py"),
    conda:
        ENV
    script:
        "../../scripts/kernels/cagnetta_theory.py"


rule cagnetta_spectral:
    output:
        f"{CAGNETTA_DIR}/theory/spectral.csv",
    log:
        f"{CAGNETTA_DIR}/logs/spectral.log",
    params:
        kernels=CAGNETTA_KERNELS,
        d=CAGNETTA.section["d"],
        grids=CAGNETTA.section["spectral_grid"],
        marginal_grid=CAGNETTA.section["spectral_marginal_grid"],
        sizes=CAGNETTA.spectral_sizes,
        code=code("scripts/kernels/cagnetta_spectral.py"),
    threads: 1
    resources:
        mem_mb=4000 if SCALE == "paper" else 1500,
        runtime=lambda wc, attempt: (20 if SCALE == "paper" else 5) * attempt,
    conda:
        ENV
    script:
        "../../scripts/kernels/cagnetta_spectral.py"


rule cagnetta_collect:
    input:
        runs=expand(f"{CAGNETTA_DIR}/runs/{{g}}.csv", g=CAGNETTA.groups),
        theory=f"{CAGNETTA_DIR}/theory/exponents.csv",
    output:
        curves=f"{CAGNETTA_DIR}/curves.csv",
        fits=f"{CAGNETTA_DIR}/fits.csv",
    log:
        f"{CAGNETTA_DIR}/logs/collect.log",
    params:
        series_keys=["teacher"],
        query="",
        fit_min=CAGNETTA.section["fit_min_P"],
        fit_min_key="",
        bootstrap_seed=0,
        code=code("scripts/kernels/collect.py"),
    conda:
        ENV
    script:
        "../../scripts/kernels/collect.py"


rule cagnetta_check:
    input:
        fits=f"{CAGNETTA_DIR}/fits.csv",
        runs=expand(f"{CAGNETTA_DIR}/runs/{{g}}.csv", g=CAGNETTA.groups),
        spectral=f"{CAGNETTA_DIR}/theory/spectral.csv",
    output:
        f"{CAGNETTA_DIR}/checks.json",
    log:
        f"{CAGNETTA_DIR}/logs/check.log",
    params:
        paper="cagnetta2022_wide_cnn",
        code=code("scripts/common/check_claims.py"),
    conda:
        ENV
    script:
        "../../scripts/common/check_claims.py"


rule figure_deep_cntk:
    input:
        curves=f"{CAGNETTA_DIR}/curves.csv",
        fits=f"{CAGNETTA_DIR}/fits.csv",
        spectral=f"{CAGNETTA_DIR}/theory/spectral.csv",
        checks=f"{CAGNETTA_DIR}/checks.json",
    output:
        pdf=report(
            f"{CAGNETTA_FIG}.pdf",
            caption="../report/deep_cntk.rst",
            category="cagnetta2022_wide_cnn",
        ),
        png=f"{CAGNETTA_FIG}.png",
        csv=f"{CAGNETTA_FIG}.csv",
    log:
        f"{CAGNETTA_DIR}/logs/figure.log",
    params:
        footer=(
            f"Cagnetta, Favero, Wyart, ICML 2023, arXiv:2208.01003. {SCALE} scale: "
            f"d={CAGNETTA.section['d']} (patches on S^{CAGNETTA.section['patch'] - 1}), "
            f"P <= {max(CAGNETTA.sizes)}, {len(CAGNETTA.seeds)} seeds, synthetic deep-CNTK "
            "Gaussian-random-field teachers; kernels and theory from this code."
        ),
        code=code("scripts/kernels/cagnetta_figure.py"),
    conda:
        ENV
    script:
        "../../scripts/kernels/cagnetta_figure.py"
