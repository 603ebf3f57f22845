# Lee, Sarao Mannelli, Clopath, Goldt, Saxe, "Maslow's Hammer for Catastrophic Forgetting:
# Node Re-Use vs Node Activation", ICML 2022, arXiv:2205.09029.  Headline figure:
# figure_lee2022_maslow (forgetting against task similarity, worst at intermediate
# similarity; node re-use vs node activation).
#
#   maslow_simulate (one job per seed: every simulated spec of that seed, batched)
#     -> maslow_theory (the ODE from each simulation's own initial order parameters, and
#                      ODE-only specs, all trajectories in one batch)
#     -> maslow_collect -> maslow_check (checks.json) -> figure_lee2022_maslow
# Library family: teacher_student (src/dltheory/teacher_student/).

from dltheory.teacher_student.plans import build_plan

LM = build_plan("lee2022_maslow", cfg.section(config, "lee2022_maslow"), f"lee2022_maslow.{SCALE}")
LM_DIR = results_dir("lee2022_maslow")
LM_FIG = figure_stem("lee2022_maslow")
FIGURES.append(f"{LM_FIG}.pdf")
CHECKS.append(f"{LM_DIR}/checks.json")


rule maslow_simulate:
    output:
        records=f"{LM_DIR}/sims/seed{{seed}}.csv",
        arrays=f"{LM_DIR}/sims/seed{{seed}}.npz",
    log:
        f"{LM_DIR}/logs/simulate/seed{{seed}}.log",
    params:
        specs=LM.spec_dicts(simulated_only=True),
        seed=lambda wc: int(wc.seed),
        code=code("scripts/teacher_student/simulate.py"),
    threads: 1
    resources:
        mem_mb=2000,
        runtime=60,
    conda:
        ENV
    script:
        "../../scripts/teacher_student/simulate.py"


rule maslow_theory:
    input:
        arrays=expand(f"{LM_DIR}/sims/seed{{seed}}.npz", seed=LM.seeds),
    output:
        records=f"{LM_DIR}/theory/ode.csv",
        arrays=f"{LM_DIR}/theory/ode.npz",
    log:
        f"{LM_DIR}/logs/theory.log",
    params:
        specs=LM.spec_dicts(),
        seeds=LM.seeds,
        ode=LM.ode,
        code=code("scripts/teacher_student/theory.py"),
    threads: 1
    resources:
        mem_mb=2000,
        runtime=30,
    conda:
        ENV
    script:
        "../../scripts/teacher_student/theory.py"


rule maslow_collect:
    input:
        sims=expand(f"{LM_DIR}/sims/seed{{seed}}.csv", seed=LM.seeds),
        sim_arrays=expand(f"{LM_DIR}/sims/seed{{seed}}.npz", seed=LM.seeds),
        ode=f"{LM_DIR}/theory/ode.csv",
        ode_arrays=f"{LM_DIR}/theory/ode.npz",
    output:
        records=f"{LM_DIR}/records.csv",
        curves=f"{LM_DIR}/curves.csv",
        summary=f"{LM_DIR}/summary.csv",
    log:
        f"{LM_DIR}/logs/collect.log",
    params:
        paper="lee2022_maslow",
        section=LM.section,
        code=code("scripts/teacher_student/collect.py"),
    conda:
        ENV
    script:
        "../../scripts/teacher_student/collect.py"


rule maslow_check:
    input:
        summary=f"{LM_DIR}/summary.csv",
        curves=f"{LM_DIR}/curves.csv",
    output:
        f"{LM_DIR}/checks.json",
    log:
        f"{LM_DIR}/logs/check.log",
    params:
        paper="lee2022_maslow",
        section=LM.section,
        code=code("scripts/teacher_student/check_lee2022_maslow.py"),
    conda:
        ENV
    script:
        "../../scripts/teacher_student/check_lee2022_maslow.py"


rule figure_lee2022_maslow:
    input:
        curves=f"{LM_DIR}/curves.csv",
        summary=f"{LM_DIR}/summary.csv",
        checks=f"{LM_DIR}/checks.json",
    output:
        pdf=report(
            f"{LM_FIG}.pdf",
            caption="../report/lee2022_maslow.rst",
            category="lee2022_maslow",
        ),
        png=f"{LM_FIG}.png",
        csv=f"{LM_FIG}.csv",
    log:
        f"{LM_DIR}/logs/figure.log",
    params:
        section=LM.section,
        footer=(
            f"Lee et al., ICML 2022, arXiv:2205.09029. {SCALE} scale: "
            f"{len(LM.seeds)} seeds, N={LM.section['N']}, K={LM.section['K']}, M={LM.section['M']}, synthetic Gaussian inputs; "
            "ODE and online SGD from this code."
        ),
        code=code("scripts/teacher_student/figure_lee2022_maslow.py"),
    conda:
        ENV
    script:
        "../../scripts/teacher_student/figure_lee2022_maslow.py"
