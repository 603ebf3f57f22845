# Paccolat, Spigler, Wyart, "How isotropic kernels perform on simple invariants",
# Mach. Learn.: Sci. Technol. 2 (2021), arXiv:2006.09754.
# Headline figure: figure_svm_stripe (hard-margin Laplace SVM on the stripe model,
# beta = (d-1+xi)/(3d-3+xi) for several d; the gain from compressing the invariants).
# Library family: kernel_curves (dltheory.kernels).
#
#   paccolat_simulate (one job per d) --> paccolat_collect -> paccolat_check -> figure_svm_stripe
#   paccolat_compression ----------------------------------/
#   paccolat_theory ----------------------/

from dltheory.kernels.plan import PaccolatPlan

PACCOLAT = PaccolatPlan.from_section(
    cfg.section(config, "paccolat2020_isotropic_kernels"), f"paccolat2020_isotropic_kernels.{SCALE}"
)
PACCOLAT_DIR = results_dir("paccolat2020_isotropic_kernels")
PACCOLAT_FIG = figure_stem("svm_stripe")
FIGURES.append(f"{PACCOLAT_FIG}.pdf")
CHECKS.append(f"{PACCOLAT_DIR}/checks.json")


rule paccolat_simulate:
    output:
        f"{PACCOLAT_DIR}/runs/d{{d}}.csv",
    log:
        f"{PACCOLAT_DIR}/logs/simulate/d{{d}}.log",
    params:
        d=lambda wc: int(wc.d),
        sizes=PACCOLAT.sizes,
        test_size=PACCOLAT.section["test_size"],
        sigma=PACCOLAT.section["sigma"],
        seeds=PACCOLAT.seeds,
        code=code("scripts/kernels/paccolat_simulate.py"),
    threads: 1
    resources:
        mem_mb=8000 if SCALE == "paper" else 4000,
        runtime=lambda wc, attempt: (600 if SCALE == "paper" else 120) * attempt,
    conda:
        ENV
    script:
        "../../scripts/kernels/paccolat_simulate.py"


rule paccolat_compression:
    output:
        f"{PACCOLAT_DIR}/runs/compression.csv",
    log:
        f"{PACCOLAT_DIR}/logs/compression.log",
    params:
        d=PACCOLAT.section["compression"]["d"],
        P=PACCOLAT.section["compression"]["P"],
        factors=PACCOLAT.section["compression"]["factors"],
        seeds=list(range(PACCOLAT.section["compression"]["seeds"])),
        test_size=PACCOLAT.section["test_size"],
        sigma=PACCOLAT.section["sigma"],
        code=code("scripts/kernels/paccolat_compression.py"),
    threads: 1
    resources:
        mem_mb=8000 if SCALE == "paper" else 2000,
        runtime=lambda wc, attempt: (240 if SCALE == "paper" else 60) * attempt,
    conda:
        ENV
    script:
        "../../scripts/kernels/paccolat_compression.py"


rule paccolat_theory:
    output:
        f"{PACCOLAT_DIR}/theory/exponents.csv",
    log:
        f"{PACCOLAT_DIR}/logs/theory.log",
    params:
        dims=PACCOLAT.dims,
        compression_d=PACCOLAT.section["compression"]["d"],
        code=code("scripts/kernels/paccolat_theory.py"),
    conda:
        ENV
    script:
        "../../scripts/kernels/paccolat_theory.py"


rule paccolat_collect:
    input:
        runs=expand(f"{PACCOLAT_DIR}/runs/{{g}}.csv", g=PACCOLAT.groups),
        theory=f"{PACCOLAT_DIR}/theory/exponents.csv",
    output:
        curves=f"{PACCOLAT_DIR}/curves.csv",
        fits=f"{PACCOLAT_DIR}/fits.csv",
    log:
        f"{PACCOLAT_DIR}/logs/collect.log",
    params:
        series_keys=["d"],
        query="",
        fit_min=PACCOLAT.section["fit_min_P"],
        fit_min_key="",
        bootstrap_seed=0,
        code=code("scripts/kernels/collect.py"),
    conda:
        ENV
    script:
        "../../scripts/kernels/collect.py"


rule paccolat_check:
    input:
        fits=f"{PACCOLAT_DIR}/fits.csv",
        runs=expand(f"{PACCOLAT_DIR}/runs/{{g}}.csv", g=PACCOLAT.groups),
        compression=f"{PACCOLAT_DIR}/runs/compression.csv",
        theory=f"{PACCOLAT_DIR}/theory/exponents.csv",
    output:
        f"{PACCOLAT_DIR}/checks.json",
    log:
        f"{PACCOLAT_DIR}/logs/check.log",
    params:
        paper="paccolat2020_isotropic_kernels",
        code=code("scripts/common/check_claims.py"),
    conda:
        ENV
    script:
        "../../scripts/common/check_claims.py"


rule figure_svm_stripe:
    input:
        curves=f"{PACCOLAT_DIR}/curves.csv",
        fits=f"{PACCOLAT_DIR}/fits.csv",
        compression=f"{PACCOLAT_DIR}/runs/compression.csv",
        theory=f"{PACCOLAT_DIR}/theory/exponents.csv",
        checks=f"{PACCOLAT_DIR}/checks.json",
    output:
        pdf=report(
            f"{PACCOLAT_FIG}.pdf",
            caption="../report/svm_stripe.rst",
            category="paccolat2020_isotropic_kernels",
        ),
        png=f"{PACCOLAT_FIG}.png",
        csv=f"{PACCOLAT_FIG}.csv",
    log:
        f"{PACCOLAT_DIR}/logs/figure.log",
    params:
        footer=(
            f"Paccolat, Spigler, Wyart, Mach. Learn.: Sci. Technol. (2021), arXiv:2006.09754. "
            f"{SCALE} scale: P <= {max(PACCOLAT.sizes)}, {len(PACCOLAT.seeds)} seeds, hard margin, "
            f"Laplace bandwidth {PACCOLAT.section['sigma']:g}, synthetic stripe data; SVM and theory "
            f"from this code. Markers: mean over seeds, band: +-1 s.e.; solid: tail fit over "
            f"P >= {PACCOLAT.section['fit_min_P']}; dashed: predicted slope."
        ),
        code=code("scripts/kernels/paccolat_figure.py"),
    conda:
        ENV
    script:
        "../../scripts/kernels/paccolat_figure.py"
