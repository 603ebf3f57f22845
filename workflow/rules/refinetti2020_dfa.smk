# Refinetti, d'Ascoli, Ohana, Goldt, "Align, then memorise: the dynamics of learning with
# feedback alignment", ICML 2021, arXiv:2011.12428.  Headline figure: figure_refinetti2020_dfa
# (eps_g(t) and the alignment of the second layer with the feedback vector: align, then
# memorise).
#
#   dfa_simulate (one job per seed: every simulated spec of that seed, batched)
#     -> dfa_theory (the ODE from each simulation's own initial order parameters, and
#                      ODE-only specs, all trajectories in one batch)
#     -> dfa_collect -> dfa_check (checks.json) -> figure_refinetti2020_dfa
# Library family: teacher_student (src/dltheory/teacher_student/).

from dltheory.teacher_student.plans import build_plan

RD = build_plan("refinetti2020_dfa", cfg.section(config, "refinetti2020_dfa"), f"refinetti2020_dfa.{SCALE}")
RD_DIR = results_dir("refinetti2020_dfa")
RD_FIG = figure_stem("refinetti2020_dfa")
FIGURES.append(f"{RD_FIG}.pdf")
CHECKS.append(f"{RD_DIR}/checks.json")


rule dfa_simulate:
    output:
        records=f"{RD_DIR}/sims/seed{{seed}}.csv",
        arrays=f"{RD_DIR}/sims/seed{{seed}}.npz",
    log:
        f"{RD_DIR}/logs/simulate/seed{{seed}}.log",
    params:
        specs=RD.spec_dicts(simulated_only=True),
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


rule dfa_theory:
    input:
        arrays=expand(f"{RD_DIR}/sims/seed{{seed}}.npz", seed=RD.seeds),
    output:
        records=f"{RD_DIR}/theory/ode.csv",
        arrays=f"{RD_DIR}/theory/ode.npz",
    log:
        f"{RD_DIR}/logs/theory.log",
    params:
        specs=RD.spec_dicts(),
        seeds=RD.seeds,
        ode=RD.ode,
        code=code("scripts/teacher_student/theory.py"),
    threads: 1
    resources:
        mem_mb=2000,
        runtime=30,
    conda:
        ENV
    script:
        "../../scripts/teacher_student/theory.py"


rule dfa_collect:
    input:
        sims=expand(f"{RD_DIR}/sims/seed{{seed}}.csv", seed=RD.seeds),
        sim_arrays=expand(f"{RD_DIR}/sims/seed{{seed}}.npz", seed=RD.seeds),
        ode=f"{RD_DIR}/theory/ode.csv",
        ode_arrays=f"{RD_DIR}/theory/ode.npz",
    output:
        records=f"{RD_DIR}/records.csv",
        curves=f"{RD_DIR}/curves.csv",
        summary=f"{RD_DIR}/summary.csv",
    log:
        f"{RD_DIR}/logs/collect.log",
    params:
        paper="refinetti2020_dfa",
        section=RD.section,
        code=code("scripts/teacher_student/collect.py"),
    conda:
        ENV
    script:
        "../../scripts/teacher_student/collect.py"


rule dfa_check:
    input:
        summary=f"{RD_DIR}/summary.csv",
        curves=f"{RD_DIR}/curves.csv",
    output:
        f"{RD_DIR}/checks.json",
    log:
        f"{RD_DIR}/logs/check.log",
    params:
        paper="refinetti2020_dfa",
        section=RD.section,
        code=code("scripts/teacher_student/check_refinetti2020_dfa.py"),
    conda:
        ENV
    script:
        "../../scripts/teacher_student/check_refinetti2020_dfa.py"


rule figure_refinetti2020_dfa:
    input:
        curves=f"{RD_DIR}/curves.csv",
        summary=f"{RD_DIR}/summary.csv",
        checks=f"{RD_DIR}/checks.json",
    output:
        pdf=report(
            f"{RD_FIG}.pdf",
            caption="../report/refinetti2020_dfa.rst",
            category="refinetti2020_dfa",
        ),
        png=f"{RD_FIG}.png",
        csv=f"{RD_FIG}.csv",
    log:
        f"{RD_DIR}/logs/figure.log",
    params:
        section=RD.section,
        footer=(
            f"Refinetti et al., ICML 2021, arXiv:2011.12428. {SCALE} scale: "
            f"{len(RD.seeds)} seeds, N={RD.section['N']}, K={RD.section['K']}, M={RD.section['M']}, synthetic Gaussian inputs; "
            "ODE and online SGD from this code."
        ),
        code=code("scripts/teacher_student/figure_refinetti2020_dfa.py"),
    conda:
        ENV
    script:
        "../../scripts/teacher_student/figure_refinetti2020_dfa.py"
