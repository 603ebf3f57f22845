# Goldt, Advani, Saxe, Krzakala, Zdeborova, "Dynamics of stochastic gradient descent for
# two-layer neural networks in the teacher-student setup", NeurIPS 2019, arXiv:1906.08632.
# Headline figure: figure_goldt2019_dynamics (eps_g(t), ODE lines over SGD markers; eps_g*
# against K for first-layer-only vs both-layer training).
#
#   goldt_dyn_simulate (one job per seed: every simulated spec of that seed, batched)
#     -> goldt_dyn_theory (the ODE from each simulation's own initial order parameters, and
#                      ODE-only specs, all trajectories in one batch)
#     -> goldt_dyn_collect -> goldt_dyn_check (checks.json) -> figure_goldt2019_dynamics
# Library family: teacher_student (src/dltheory/teacher_student/).

from dltheory.teacher_student.plans import build_plan

GD = build_plan("goldt2019_dynamics", cfg.section(config, "goldt2019_dynamics"), f"goldt2019_dynamics.{SCALE}")
GD_DIR = results_dir("goldt2019_dynamics")
GD_FIG = figure_stem("goldt2019_dynamics")
FIGURES.append(f"{GD_FIG}.pdf")
CHECKS.append(f"{GD_DIR}/checks.json")


rule goldt_dyn_simulate:
    output:
        records=f"{GD_DIR}/sims/seed{{seed}}.csv",
        arrays=f"{GD_DIR}/sims/seed{{seed}}.npz",
    log:
        f"{GD_DIR}/logs/simulate/seed{{seed}}.log",
    params:
        specs=GD.spec_dicts(simulated_only=True),
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


rule goldt_dyn_theory:
    input:
        arrays=expand(f"{GD_DIR}/sims/seed{{seed}}.npz", seed=GD.seeds),
    output:
        records=f"{GD_DIR}/theory/ode.csv",
        arrays=f"{GD_DIR}/theory/ode.npz",
    log:
        f"{GD_DIR}/logs/theory.log",
    params:
        specs=GD.spec_dicts(),
        seeds=GD.seeds,
        ode=GD.ode,
        code=code("scripts/teacher_student/theory.py"),
    threads: 1
    resources:
        mem_mb=2000,
        runtime=30,
    conda:
        ENV
    script:
        "../../scripts/teacher_student/theory.py"


rule goldt_dyn_collect:
    input:
        sims=expand(f"{GD_DIR}/sims/seed{{seed}}.csv", seed=GD.seeds),
        sim_arrays=expand(f"{GD_DIR}/sims/seed{{seed}}.npz", seed=GD.seeds),
        ode=f"{GD_DIR}/theory/ode.csv",
        ode_arrays=f"{GD_DIR}/theory/ode.npz",
    output:
        records=f"{GD_DIR}/records.csv",
        curves=f"{GD_DIR}/curves.csv",
        summary=f"{GD_DIR}/summary.csv",
    log:
        f"{GD_DIR}/logs/collect.log",
    params:
        paper="goldt2019_dynamics",
        section=GD.section,
        code=code("scripts/teacher_student/collect.py"),
    conda:
        ENV
    script:
        "../../scripts/teacher_student/collect.py"


rule goldt_dyn_check:
    input:
        summary=f"{GD_DIR}/summary.csv",
        curves=f"{GD_DIR}/curves.csv",
    output:
        f"{GD_DIR}/checks.json",
    log:
        f"{GD_DIR}/logs/check.log",
    params:
        paper="goldt2019_dynamics",
        section=GD.section,
        code=code("scripts/teacher_student/check_goldt2019_dynamics.py"),
    conda:
        ENV
    script:
        "../../scripts/teacher_student/check_goldt2019_dynamics.py"


rule figure_goldt2019_dynamics:
    input:
        curves=f"{GD_DIR}/curves.csv",
        summary=f"{GD_DIR}/summary.csv",
        checks=f"{GD_DIR}/checks.json",
    output:
        pdf=report(
            f"{GD_FIG}.pdf",
            caption="../report/goldt2019_dynamics.rst",
            category="goldt2019_dynamics",
        ),
        png=f"{GD_FIG}.png",
        csv=f"{GD_FIG}.csv",
    log:
        f"{GD_DIR}/logs/figure.log",
    params:
        section=GD.section,
        footer=(
            f"Goldt et al., NeurIPS 2019, arXiv:1906.08632. {SCALE} scale: "
            f"{len(GD.seeds)} seeds, N = {', '.join(map(str, GD.section['curve']['N']))} (a, b) and "
            f"{GD.section['final']['N']} (c), synthetic Gaussian inputs; "
            "ODE and online SGD from this code."
        ),
        code=code("scripts/teacher_student/figure_goldt2019_dynamics.py"),
    conda:
        ENV
    script:
        "../../scripts/teacher_student/figure_goldt2019_dynamics.py"
