# Refinetti, Goldt, Krzakala, Zdeborova, "Classifying high-dimensional Gaussian mixtures:
# Where kernel methods fail and neural networks succeed", ICML 2021, arXiv:2102.11742.
# Headline figure: figure_refinetti2021_gmm (XOR-like mixture: error of small two-layer
# networks, ODE over simulations, against random features and the oracle).
# Library family: teacher_student_ode (dltheory.teacher_student.gmm*).
#
#   gmm_simulate (per width K, all seeds batched) -> gmm_ode (per K, from each network's state)
#   gmm_baselines (oracle, random features: Gaussian equivalence and real features)
#   -> gmm_collect -> gmm_check (checks.json) -> figure_refinetti2021_gmm

from dltheory.teacher_student.gmm_plan import GMMPlan

GMM = GMMPlan.from_section(cfg.section(config, "refinetti2021_gmm"), f"refinetti2021_gmm.{SCALE}")
GMM_DIR = results_dir("refinetti2021_gmm")
GMM_FIG = figure_stem("refinetti2021_gmm")
FIGURES.append(f"{GMM_FIG}.pdf")
CHECKS.append(f"{GMM_DIR}/checks.json")


wildcard_constraints:
    K=r"\d+",


rule gmm_simulate:
    output:
        state=f"{GMM_DIR}/runs/K{{K}}.npz",
        errors=f"{GMM_DIR}/runs/K{{K}}.csv",
    log:
        f"{GMM_DIR}/logs/simulate_K{{K}}.log",
    params:
        section=GMM.section,
        where=f"refinetti2021_gmm.{SCALE}",
        K=lambda wc: int(wc.K),
        code=code("scripts/teacher_student/gmm_simulate.py"),
    threads: 1
    resources:
        mem_mb=2000,
        runtime=60,
    conda:
        ENV
    script:
        "../../scripts/teacher_student/gmm_simulate.py"


rule gmm_ode:
    input:
        f"{GMM_DIR}/runs/K{{K}}.npz",
    output:
        f"{GMM_DIR}/theory/ode_K{{K}}.csv",
    log:
        f"{GMM_DIR}/logs/ode_K{{K}}.log",
    params:
        section=GMM.section,
        where=f"refinetti2021_gmm.{SCALE}",
        K=lambda wc: int(wc.K),
        code=code("scripts/teacher_student/gmm_ode.py"),
    threads: 1
    resources:
        mem_mb=2000,
        runtime=60,
    conda:
        ENV
    script:
        "../../scripts/teacher_student/gmm_ode.py"


rule gmm_baselines:
    output:
        f"{GMM_DIR}/theory/baselines.csv",
    log:
        f"{GMM_DIR}/logs/baselines.log",
    params:
        section=GMM.section,
        where=f"refinetti2021_gmm.{SCALE}",
        code=code("scripts/teacher_student/gmm_baselines.py"),
    conda:
        ENV
    script:
        "../../scripts/teacher_student/gmm_baselines.py"


rule gmm_collect:
    input:
        sim=expand(f"{GMM_DIR}/runs/K{{K}}.csv", K=GMM.K),
        ode=expand(f"{GMM_DIR}/theory/ode_K{{K}}.csv", K=GMM.K),
        baselines=f"{GMM_DIR}/theory/baselines.csv",
    output:
        curves=f"{GMM_DIR}/curves.csv",
        finals=f"{GMM_DIR}/finals.csv",
    log:
        f"{GMM_DIR}/logs/collect.log",
    params:
        code=code("scripts/teacher_student/gmm_collect.py"),
    conda:
        ENV
    script:
        "../../scripts/teacher_student/gmm_collect.py"


rule gmm_check:
    input:
        curves=f"{GMM_DIR}/curves.csv",
        finals=f"{GMM_DIR}/finals.csv",
    output:
        f"{GMM_DIR}/checks.json",
    log:
        f"{GMM_DIR}/logs/check.log",
    params:
        paper="refinetti2021_gmm",
        sigma2=GMM.sigma2,
        K=GMM.K,
        ode_start=GMM.ode_start,
        rf_ratios=GMM.rf_ratios,
        code=code("scripts/teacher_student/gmm_check.py"),
    conda:
        ENV
    script:
        "../../scripts/teacher_student/gmm_check.py"


rule figure_refinetti2021_gmm:
    input:
        curves=f"{GMM_DIR}/curves.csv",
        finals=f"{GMM_DIR}/finals.csv",
        baselines=f"{GMM_DIR}/theory/baselines.csv",
        checks=f"{GMM_DIR}/checks.json",
    output:
        pdf=report(
            f"{GMM_FIG}.pdf",
            caption="../report/refinetti2021_gmm.rst",
            category="refinetti2021_gmm",
        ),
        png=f"{GMM_FIG}.png",
        csv=f"{GMM_FIG}.csv",
    log:
        f"{GMM_DIR}/logs/figure.log",
    params:
        sigma2=GMM.sigma2,
        ode_start=GMM.ode_start,
        footer=(
            f"Refinetti et al., ICML 2021, arXiv:2102.11742. {SCALE} scale: synthetic XOR-like "
            f"mixture, N={GMM.N}, eta={GMM.eta:g}, {len(GMM.seeds)} networks per width at "
            f"$\\sigma^2$={GMM.sigma2:g} ({len(GMM.seeds_scan)} at the other variances); ODE (this code, "
            f"quasi-Monte Carlo integrals) from each network's state at t={GMM.ode_start:g}."
        ),
        code=code("scripts/teacher_student/gmm_figure.py"),
    conda:
        ENV
    script:
        "../../scripts/teacher_student/gmm_figure.py"
