# Lee, Goldt, Saxe, "Continual Learning in the Teacher-Student Setup: Impact of Task
# Similarity", ICML 2021, arXiv:2107.04384.  Headline figure: figure_lee2021_continual
# (errors on teachers 1 and 2 across a task switch; forgetting against feature and readout
# similarity).
#
#   continual_simulate (one job per seed: every simulated spec of that seed, batched)
#     -> continual_theory (the ODE from each simulation's own initial order parameters, and
#                      ODE-only specs, all trajectories in one batch)
#     -> continual_collect -> continual_check (checks.json) -> figure_lee2021_continual
# Library family: teacher_student (src/dltheory/teacher_student/).

from dltheory.teacher_student.plans import build_plan

LC = build_plan("lee2021_continual", cfg.section(config, "lee2021_continual"), f"lee2021_continual.{SCALE}")
LC_DIR = results_dir("lee2021_continual")
LC_FIG = figure_stem("lee2021_continual")
FIGURES.append(f"{LC_FIG}.pdf")
CHECKS.append(f"{LC_DIR}/checks.json")


rule continual_simulate:
    output:
        records=f"{LC_DIR}/sims/seed{{seed}}.csv",
        arrays=f"{LC_DIR}/sims/seed{{seed}}.npz",
    log:
        f"{LC_DIR}/logs/simulate/seed{{seed}}.log",
    params:
        specs=LC.spec_dicts(simulated_only=True),
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


rule continual_theory:
    input:
        arrays=expand(f"{LC_DIR}/sims/seed{{seed}}.npz", seed=LC.seeds),
    output:
        records=f"{LC_DIR}/theory/ode.csv",
        arrays=f"{LC_DIR}/theory/ode.npz",
    log:
        f"{LC_DIR}/logs/theory.log",
    params:
        specs=LC.spec_dicts(),
        seeds=LC.seeds,
        ode=LC.ode,
        code=code("scripts/teacher_student/theory.py"),
    threads: 1
    resources:
        mem_mb=2000,
        runtime=30,
    conda:
        ENV
    script:
        "../../scripts/teacher_student/theory.py"


rule continual_collect:
    input:
        sims=expand(f"{LC_DIR}/sims/seed{{seed}}.csv", seed=LC.seeds),
        sim_arrays=expand(f"{LC_DIR}/sims/seed{{seed}}.npz", seed=LC.seeds),
        ode=f"{LC_DIR}/theory/ode.csv",
        ode_arrays=f"{LC_DIR}/theory/ode.npz",
    output:
        records=f"{LC_DIR}/records.csv",
        curves=f"{LC_DIR}/curves.csv",
        summary=f"{LC_DIR}/summary.csv",
    log:
        f"{LC_DIR}/logs/collect.log",
    params:
        paper="lee2021_continual",
        section=LC.section,
        code=code("scripts/teacher_student/collect.py"),
    conda:
        ENV
    script:
        "../../scripts/teacher_student/collect.py"


rule continual_check:
    input:
        summary=f"{LC_DIR}/summary.csv",
        curves=f"{LC_DIR}/curves.csv",
    output:
        f"{LC_DIR}/checks.json",
    log:
        f"{LC_DIR}/logs/check.log",
    params:
        paper="lee2021_continual",
        section=LC.section,
        code=code("scripts/teacher_student/check_lee2021_continual.py"),
    conda:
        ENV
    script:
        "../../scripts/teacher_student/check_lee2021_continual.py"


rule figure_lee2021_continual:
    input:
        curves=f"{LC_DIR}/curves.csv",
        summary=f"{LC_DIR}/summary.csv",
        checks=f"{LC_DIR}/checks.json",
    output:
        pdf=report(
            f"{LC_FIG}.pdf",
            caption="../report/lee2021_continual.rst",
            category="lee2021_continual",
        ),
        png=f"{LC_FIG}.png",
        csv=f"{LC_FIG}.csv",
    log:
        f"{LC_DIR}/logs/figure.log",
    params:
        section=LC.section,
        footer=(
            f"Lee, Goldt, Saxe, ICML 2021, arXiv:2107.04384. {SCALE} scale: "
            f"{len(LC.seeds)} seeds, N={LC.section['N']}, K={LC.section['K']}, M={LC.section['M']}, synthetic Gaussian inputs; "
            "ODE and online SGD from this code."
        ),
        code=code("scripts/teacher_student/figure_lee2021_continual.py"),
    conda:
        ENV
    script:
        "../../scripts/teacher_student/figure_lee2021_continual.py"
