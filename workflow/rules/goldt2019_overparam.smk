# Goldt, Advani, Saxe, Krzakala, Zdeborova, "Generalisation dynamics of online learning in
# over-parameterised neural networks", arXiv:1901.09085.  Headline figure:
# figure_goldt2019_overparam (eps_g* against the excess student units L = K - M: it grows
# linearly with L under output noise).
#
#   goldt_over_simulate (one job per seed: every simulated spec of that seed, batched)
#     -> goldt_over_theory (the ODE from each simulation's own initial order parameters, and
#                      ODE-only specs, all trajectories in one batch)
#     -> goldt_over_collect -> goldt_over_check (checks.json) -> figure_goldt2019_overparam
# Library family: teacher_student (src/dltheory/teacher_student/).

from dltheory.teacher_student.plans import build_plan

GO = build_plan("goldt2019_overparam", cfg.section(config, "goldt2019_overparam"), f"goldt2019_overparam.{SCALE}")
GO_DIR = results_dir("goldt2019_overparam")
GO_FIG = figure_stem("goldt2019_overparam")
FIGURES.append(f"{GO_FIG}.pdf")
CHECKS.append(f"{GO_DIR}/checks.json")


rule goldt_over_simulate:
    output:
        records=f"{GO_DIR}/sims/seed{{seed}}.csv",
        arrays=f"{GO_DIR}/sims/seed{{seed}}.npz",
    log:
        f"{GO_DIR}/logs/simulate/seed{{seed}}.log",
    params:
        specs=GO.spec_dicts(simulated_only=True),
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


rule goldt_over_theory:
    input:
        arrays=expand(f"{GO_DIR}/sims/seed{{seed}}.npz", seed=GO.seeds),
    output:
        records=f"{GO_DIR}/theory/ode.csv",
        arrays=f"{GO_DIR}/theory/ode.npz",
    log:
        f"{GO_DIR}/logs/theory.log",
    params:
        specs=GO.spec_dicts(),
        seeds=GO.seeds,
        ode=GO.ode,
        code=code("scripts/teacher_student/theory.py"),
    threads: 1
    resources:
        mem_mb=2000,
        runtime=30,
    conda:
        ENV
    script:
        "../../scripts/teacher_student/theory.py"


rule goldt_over_collect:
    input:
        sims=expand(f"{GO_DIR}/sims/seed{{seed}}.csv", seed=GO.seeds),
        sim_arrays=expand(f"{GO_DIR}/sims/seed{{seed}}.npz", seed=GO.seeds),
        ode=f"{GO_DIR}/theory/ode.csv",
        ode_arrays=f"{GO_DIR}/theory/ode.npz",
    output:
        records=f"{GO_DIR}/records.csv",
        curves=f"{GO_DIR}/curves.csv",
        summary=f"{GO_DIR}/summary.csv",
    log:
        f"{GO_DIR}/logs/collect.log",
    params:
        paper="goldt2019_overparam",
        section=GO.section,
        code=code("scripts/teacher_student/collect.py"),
    conda:
        ENV
    script:
        "../../scripts/teacher_student/collect.py"


rule goldt_over_check:
    input:
        summary=f"{GO_DIR}/summary.csv",
        curves=f"{GO_DIR}/curves.csv",
    output:
        f"{GO_DIR}/checks.json",
    log:
        f"{GO_DIR}/logs/check.log",
    params:
        paper="goldt2019_overparam",
        section=GO.section,
        code=code("scripts/teacher_student/check_goldt2019_overparam.py"),
    conda:
        ENV
    script:
        "../../scripts/teacher_student/check_goldt2019_overparam.py"


rule figure_goldt2019_overparam:
    input:
        curves=f"{GO_DIR}/curves.csv",
        summary=f"{GO_DIR}/summary.csv",
        checks=f"{GO_DIR}/checks.json",
    output:
        pdf=report(
            f"{GO_FIG}.pdf",
            caption="../report/goldt2019_overparam.rst",
            category="goldt2019_overparam",
        ),
        png=f"{GO_FIG}.png",
        csv=f"{GO_FIG}.csv",
    log:
        f"{GO_DIR}/logs/figure.log",
    params:
        section=GO.section,
        footer=(
            f"Goldt et al., arXiv:1901.09085. {SCALE} scale: "
            f"{len(GO.seeds)} seeds, N={GO.section['curve']['N']}, synthetic Gaussian inputs; "
            "ODE and online SGD from this code."
        ),
        code=code("scripts/teacher_student/figure_goldt2019_overparam.py"),
    conda:
        ENV
    script:
        "../../scripts/teacher_student/figure_goldt2019_overparam.py"
