# Paccolat, Spigler, Wyart, "How isotropic kernels perform on simple invariants",
# Mach. Learn.: Sci. Technol. 2 (2021), arXiv:2006.09754.
# Headline figure: figure_svm_stripe (hard-margin Laplace SVM on the stripe model,
# beta = (d-1+xi)/(3d-3+xi) for several d; the gain from compressing the invariants; the
# same SVM on the spherical model y(|x_par|); ridgeless Laplace regression of a Gaussian
# random field on d_par of d coordinates, beta = 1/d whatever d_par).
# Library family: kernel_curves (dltheory.kernels).
#
#   paccolat_simulate (one job per d) ----> paccolat_collect ----------> paccolat_check -> figure_svm_stripe
#   paccolat_sphere (one job per case) ---> paccolat_sphere_collect ---/
#   paccolat_regression ------------------> paccolat_regression_collect/
#   paccolat_compression -----------------------------------------------/
#   paccolat_theory (stripe, sphere, regression tables) -> the collects

from dltheory.kernels.plan import PaccolatPlan

PACCOLAT = PaccolatPlan.from_section(
    cfg.section(config, "paccolat2020_isotropic_kernels"), f"paccolat2020_isotropic_kernels.{SCALE}"
)
PACCOLAT_DIR = results_dir("paccolat2020_isotropic_kernels")
PACCOLAT_FIG = figure_stem("svm_stripe")
PACCOLAT_SPH = PACCOLAT.section["sphere"]
PACCOLAT_REG = PACCOLAT.section["regression"]
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


rule paccolat_sphere:
    output:
        f"{PACCOLAT_DIR}/runs/sphere/{{case}}.csv",
    log:
        f"{PACCOLAT_DIR}/logs/sphere/{{case}}.log",
    wildcard_constraints:
        case=r"d\d+_par\d+",
    params:
        d=lambda wc: PACCOLAT.sphere_case(wc.case)[0],
        d_par=lambda wc: PACCOLAT.sphere_case(wc.case)[1],
        sizes=PACCOLAT_SPH["sizes"],
        test_size=PACCOLAT.section["test_size"],
        sigma=PACCOLAT.section["sigma"],
        seeds=list(range(PACCOLAT_SPH["seeds"])),
        code=code("scripts/kernels/paccolat_sphere.py"),
    threads: 1
    resources:
        mem_mb=8000 if SCALE == "paper" else 4000,
        runtime=lambda wc, attempt: (600 if SCALE == "paper" else 120) * attempt,
    conda:
        ENV
    script:
        "../../scripts/kernels/paccolat_sphere.py"


rule paccolat_regression:
    output:
        f"{PACCOLAT_DIR}/runs/regression.csv",
    log:
        f"{PACCOLAT_DIR}/logs/regression.log",
    params:
        d=PACCOLAT_REG["d"],
        d_pars=PACCOLAT_REG["d_pars"],
        teacher_sigma=PACCOLAT_REG["teacher_sigma"],
        student_sigma=PACCOLAT_REG["student_sigma"],
        sizes=PACCOLAT_REG["sizes"],
        test_size=PACCOLAT_REG["test_size"],
        seeds=list(range(PACCOLAT_REG["seeds"])),
        code=code("scripts/kernels/paccolat_regression.py"),
    threads: 1
    resources:
        mem_mb=12000 if SCALE == "paper" else 2000,
        runtime=lambda wc, attempt: (600 if SCALE == "paper" else 120) * attempt,
    conda:
        ENV
    script:
        "../../scripts/kernels/paccolat_regression.py"


rule paccolat_theory:
    output:
        stripe=f"{PACCOLAT_DIR}/theory/exponents.csv",
        sphere=f"{PACCOLAT_DIR}/theory/sphere.csv",
        regression=f"{PACCOLAT_DIR}/theory/regression.csv",
    log:
        f"{PACCOLAT_DIR}/logs/theory.log",
    params:
        dims=PACCOLAT.dims,
        compression_d=PACCOLAT.section["compression"]["d"],
        sphere_cases=PACCOLAT_SPH["cases"],
        regression_d=PACCOLAT_REG["d"],
        regression_d_pars=PACCOLAT_REG["d_pars"],
        teacher_sigma=PACCOLAT_REG["teacher_sigma"],
        student_sigma=PACCOLAT_REG["student_sigma"],
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


rule paccolat_sphere_collect:
    input:
        runs=expand(f"{PACCOLAT_DIR}/runs/sphere/{{case}}.csv", case=PACCOLAT.sphere_groups),
        theory=f"{PACCOLAT_DIR}/theory/sphere.csv",
    output:
        curves=f"{PACCOLAT_DIR}/sphere_curves.csv",
        fits=f"{PACCOLAT_DIR}/sphere_fits.csv",
    log:
        f"{PACCOLAT_DIR}/logs/sphere_collect.log",
    params:
        series_keys=["d", "d_par"],
        query="",
        fit_min=PACCOLAT_SPH["fit_min_P"],
        fit_min_key="",
        bootstrap_seed=0,
        code=code("scripts/kernels/collect.py"),
    conda:
        ENV
    script:
        "../../scripts/kernels/collect.py"


rule paccolat_regression_collect:
    input:
        runs=[f"{PACCOLAT_DIR}/runs/regression.csv"],
        theory=f"{PACCOLAT_DIR}/theory/regression.csv",
    output:
        curves=f"{PACCOLAT_DIR}/regression_curves.csv",
        fits=f"{PACCOLAT_DIR}/regression_fits.csv",
    log:
        f"{PACCOLAT_DIR}/logs/regression_collect.log",
    params:
        series_keys=["d", "d_par"],
        query="",
        fit_min=PACCOLAT_REG["fit_min_P"],
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
        sphere_fits=f"{PACCOLAT_DIR}/sphere_fits.csv",
        sphere_runs=expand(f"{PACCOLAT_DIR}/runs/sphere/{{case}}.csv", case=PACCOLAT.sphere_groups),
        regression_fits=f"{PACCOLAT_DIR}/regression_fits.csv",
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
        sphere_curves=f"{PACCOLAT_DIR}/sphere_curves.csv",
        sphere_fits=f"{PACCOLAT_DIR}/sphere_fits.csv",
        regression_curves=f"{PACCOLAT_DIR}/regression_curves.csv",
        regression_fits=f"{PACCOLAT_DIR}/regression_fits.csv",
        regression_theory=f"{PACCOLAT_DIR}/theory/regression.csv",
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
            f"from this code; spherical model (d): label from |x_par|, P <= {max(PACCOLAT_SPH['sizes'])}, "
            f"{PACCOLAT_SPH['seeds']} seeds; regression (e, f): Laplace field on d_par of "
            f"d = {PACCOLAT_REG['d']} Gaussian coordinates, ridgeless Laplace student, "
            f"P <= {max(PACCOLAT_REG['sizes'])}, {PACCOLAT_REG['seeds']} seeds. Markers: mean over "
            f"seeds, band: +-1 s.e.; solid: tail fit (stripe P >= {PACCOLAT.section['fit_min_P']}, "
            f"sphere P >= {PACCOLAT_SPH['fit_min_P']}, regression P >= {PACCOLAT_REG['fit_min_P']}); "
            f"dashed: predicted slope."
        ),
        code=code("scripts/kernels/paccolat_figure.py"),
    conda:
        ENV
    script:
        "../../scripts/kernels/paccolat_figure.py"
