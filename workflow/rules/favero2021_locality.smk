# Favero, Cagnetta, Wyart, "Locality defeats the curse of dimensionality in convolutional
# teacher-student scenarios", NeurIPS 2021, arXiv:2106.08619.
# Headline figure: figure_local_kernels (ridgeless learning curves of local, convolutional
# and fully connected students on local / convolutional teachers: beta = 1/s, not 1/d).
# Library family: kernel_curves (dltheory.kernels).
#
#   favero_simulate (one job per d) --> favero_collect -> favero_check -> figure_local_kernels
#   favero_theory --------------------/

from dltheory.kernels.plan import FaveroPlan

FAVERO = FaveroPlan.from_section(
    cfg.section(config, "favero2021_locality"), f"favero2021_locality.{SCALE}"
)
FAVERO_DIR = results_dir("favero2021_locality")
FAVERO_FIG = figure_stem("local_kernels")
FIGURES.append(f"{FAVERO_FIG}.pdf")
CHECKS.append(f"{FAVERO_DIR}/checks.json")


rule favero_simulate:
    output:
        f"{FAVERO_DIR}/runs/d{{d}}.csv",
    log:
        f"{FAVERO_DIR}/logs/simulate/d{{d}}.log",
    params:
        d=lambda wc: int(wc.d),
        kernels={k: v.as_dict() for k, v in {**FAVERO.teachers, **FAVERO.students}.items()},
        pairs=lambda wc: FAVERO.pairs(int(wc.d)),
        sizes=FAVERO.sizes,
        test_size=FAVERO.section["test_size"],
        seeds=FAVERO.seeds,
        points="hypercube",
        stream="favero",
        code=code("scripts/kernels/grf_simulate.py"),
    threads: 1
    resources:
        mem_mb=8000 if SCALE == "paper" else 3000,
        runtime=lambda wc, attempt: (600 if SCALE == "paper" else 60) * attempt,
    conda:
        ENV
    script:
        "../../scripts/kernels/grf_simulate.py"


rule favero_theory:
    output:
        f"{FAVERO_DIR}/theory/exponents.csv",
    log:
        f"{FAVERO_DIR}/logs/theory.log",
    params:
        students={k: v.as_dict() for k, v in FAVERO.students.items()},
        pairs={str(d): FAVERO.pairs(d) for d in FAVERO.dims},
        t=FAVERO.section["teacher_filter"],
        code=code("scripts/kernels/favero_theory.py"),
    conda:
        ENV
    script:
        "../../scripts/kernels/favero_theory.py"


rule favero_collect:
    input:
        runs=expand(f"{FAVERO_DIR}/runs/{{g}}.csv", g=FAVERO.groups),
        theory=f"{FAVERO_DIR}/theory/exponents.csv",
    output:
        curves=f"{FAVERO_DIR}/curves.csv",
        fits=f"{FAVERO_DIR}/fits.csv",
    log:
        f"{FAVERO_DIR}/logs/collect.log",
    params:
        series_keys=["d", "student"],
        query="",
        fit_min=FAVERO.section["fit_min_P"],
        fit_min_key="",
        bootstrap_seed=0,
        code=code("scripts/kernels/collect.py"),
    conda:
        ENV
    script:
        "../../scripts/kernels/collect.py"


rule favero_check:
    input:
        fits=f"{FAVERO_DIR}/fits.csv",
        runs=expand(f"{FAVERO_DIR}/runs/{{g}}.csv", g=FAVERO.groups),
    output:
        f"{FAVERO_DIR}/checks.json",
    log:
        f"{FAVERO_DIR}/logs/check.log",
    params:
        paper="favero2021_locality",
        code=code("scripts/common/check_claims.py"),
    conda:
        ENV
    script:
        "../../scripts/common/check_claims.py"


rule figure_local_kernels:
    input:
        curves=f"{FAVERO_DIR}/curves.csv",
        fits=f"{FAVERO_DIR}/fits.csv",
        checks=f"{FAVERO_DIR}/checks.json",
    output:
        pdf=report(
            f"{FAVERO_FIG}.pdf",
            caption="../report/local_kernels.rst",
            category="favero2021_locality",
        ),
        png=f"{FAVERO_FIG}.png",
        csv=f"{FAVERO_FIG}.csv",
    log:
        f"{FAVERO_DIR}/logs/figure.log",
    params:
        footer=(
            f"Favero, Cagnetta, Wyart, NeurIPS 2021, arXiv:2106.08619. {SCALE} scale: "
            f"P <= {max(FAVERO.sizes)}, {len(FAVERO.seeds)} seeds, inputs uniform in the "
            "hypercube, synthetic Gaussian-random-field teachers; kernels and theory from this code."
        ),
        t=FAVERO.section["teacher_filter"],
        code=code("scripts/kernels/favero_figure.py"),
    conda:
        ENV
    script:
        "../../scripts/kernels/favero_figure.py"
