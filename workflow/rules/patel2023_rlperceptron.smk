# Patel, Lee, Sarao Mannelli, Goldt, Saxe, "The RL Perceptron: Generalisation Dynamics of
# Policy Learning in High Dimensions", arXiv:2306.10404 (Phys. Rev. X 15, 021051 (2025)).
# Headline figure: figure_patel2023_rlperceptron (R, Q, rho against alpha, ODE over
# simulations, for several reward rules; delayed learning under sparse rewards).
# Library family: teacher_student_ode (dltheory.teacher_student.rl_perceptron*).
#
#   rlp_simulate (all rules x seeds, one batch) -> rlp_ode (from each run's initial overlaps)
#   -> rlp_collect -> rlp_check (checks.json) -> figure_patel2023_rlperceptron

from dltheory.teacher_student.rl_perceptron_plan import RLPerceptronPlan

RLP = RLPerceptronPlan.from_section(
    cfg.section(config, "patel2023_rlperceptron"), f"patel2023_rlperceptron.{SCALE}"
)
RLP_DIR = results_dir("patel2023_rlperceptron")
RLP_FIG = figure_stem("patel2023_rlperceptron")
FIGURES.append(f"{RLP_FIG}.pdf")
CHECKS.append(f"{RLP_DIR}/checks.json")


rule rlp_simulate:
    output:
        f"{RLP_DIR}/runs/simulation.csv",
    log:
        f"{RLP_DIR}/logs/simulate.log",
    params:
        section=RLP.section,
        where=f"patel2023_rlperceptron.{SCALE}",
        code=code("scripts/teacher_student/rl_perceptron_simulate.py"),
    threads: 1
    resources:
        mem_mb=1000,
        runtime=30,
    conda:
        ENV
    script:
        "../../scripts/teacher_student/rl_perceptron_simulate.py"


rule rlp_ode:
    input:
        f"{RLP_DIR}/runs/simulation.csv",
    output:
        f"{RLP_DIR}/theory/ode.csv",
    log:
        f"{RLP_DIR}/logs/ode.log",
    params:
        section=RLP.section,
        where=f"patel2023_rlperceptron.{SCALE}",
        code=code("scripts/teacher_student/rl_perceptron_ode.py"),
    conda:
        ENV
    script:
        "../../scripts/teacher_student/rl_perceptron_ode.py"


rule rlp_collect:
    input:
        sim=f"{RLP_DIR}/runs/simulation.csv",
        ode=f"{RLP_DIR}/theory/ode.csv",
    output:
        curves=f"{RLP_DIR}/curves.csv",
        delays=f"{RLP_DIR}/delays.csv",
    log:
        f"{RLP_DIR}/logs/collect.log",
    params:
        rho_star=RLP.rho_star,
        code=code("scripts/teacher_student/rl_perceptron_collect.py"),
    conda:
        ENV
    script:
        "../../scripts/teacher_student/rl_perceptron_collect.py"


rule rlp_check:
    input:
        curves=f"{RLP_DIR}/curves.csv",
        delays=f"{RLP_DIR}/delays.csv",
    output:
        f"{RLP_DIR}/checks.json",
    log:
        f"{RLP_DIR}/logs/check.log",
    params:
        paper="patel2023_rlperceptron",
        delay_rules=[r.key for r in RLP.delay_rules],
        alpha_max=float(RLP.alphas[-1]),
        code=code("scripts/teacher_student/rl_perceptron_check.py"),
    conda:
        ENV
    script:
        "../../scripts/teacher_student/rl_perceptron_check.py"


rule figure_patel2023_rlperceptron:
    input:
        curves=f"{RLP_DIR}/curves.csv",
        delays=f"{RLP_DIR}/delays.csv",
        checks=f"{RLP_DIR}/checks.json",
    output:
        pdf=report(
            f"{RLP_FIG}.pdf",
            caption="../report/patel2023_rlperceptron.rst",
            category="patel2023_rlperceptron",
        ),
        png=f"{RLP_FIG}.png",
        csv=f"{RLP_FIG}.csv",
    log:
        f"{RLP_DIR}/logs/figure.log",
    params:
        rules=[r.key for r in RLP.rules],
        delay_rules=[r.key for r in RLP.delay_rules],
        rho_star=RLP.rho_star,
        footer=(
            f"Patel et al., arXiv:2306.10404 (PRX 15, 021051 (2025)). {SCALE} scale: "
            f"D={RLP.D}, {len(RLP.seeds)} students, eta_1={RLP.section['eta1']:g}; "
            f"simulation: {RLP.simulator} ({'exact (R, Q) chain' if RLP.simulator == 'reduced' else 'D-dim vectors'}); "
            "ODE from this code, started from each student's own overlaps."
        ),
        code=code("scripts/teacher_student/rl_perceptron_figure.py"),
    conda:
        ENV
    script:
        "../../scripts/teacher_student/rl_perceptron_figure.py"
