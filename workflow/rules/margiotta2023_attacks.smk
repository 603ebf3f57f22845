# Margiotta, Goldt, Sanguinetti, "Attacks on Online Learners: a Teacher-Student Analysis",
# NeurIPS 2023, arXiv:2305.11132. Headline figure: figure_margiotta2023_attacks
# (steady-state accuracy of an online linear learner under greedy label attacks against the
# attack cost C: a jump at a critical attack strength). Library family: teacher_student_ode
# (dltheory.teacher_student.attacks*).
#
#   atk_simulate (all C x eta x seeds, one batch) --> atk_collect -> atk_check -> figure
#   atk_theory (ODE fixed points, eta -> 0 limit, ODE trajectories) -/

from dltheory.teacher_student.attacks_plan import AttacksPlan

ATK = AttacksPlan.from_section(
    cfg.section(config, "margiotta2023_attacks"), f"margiotta2023_attacks.{SCALE}"
)
ATK_DIR = results_dir("margiotta2023_attacks")
ATK_FIG = figure_stem("margiotta2023_attacks")
FIGURES.append(f"{ATK_FIG}.pdf")
CHECKS.append(f"{ATK_DIR}/checks.json")


rule atk_simulate:
    output:
        f"{ATK_DIR}/runs/simulation.csv",
    log:
        f"{ATK_DIR}/logs/simulate.log",
    params:
        section=ATK.section,
        where=f"margiotta2023_attacks.{SCALE}",
        code=code("scripts/teacher_student/attacks_simulate.py"),
    threads: 1
    resources:
        mem_mb=1000,
        runtime=30,
    conda:
        ENV
    script:
        "../../scripts/teacher_student/attacks_simulate.py"


rule atk_theory:
    output:
        steady=f"{ATK_DIR}/theory/steady.csv",
        trajectories=f"{ATK_DIR}/theory/trajectories.csv",
    log:
        f"{ATK_DIR}/logs/theory.log",
    params:
        section=ATK.section,
        where=f"margiotta2023_attacks.{SCALE}",
        code=code("scripts/teacher_student/attacks_theory.py"),
    conda:
        ENV
    script:
        "../../scripts/teacher_student/attacks_theory.py"


rule atk_collect:
    input:
        sim=f"{ATK_DIR}/runs/simulation.csv",
        steady=f"{ATK_DIR}/theory/steady.csv",
        trajectories=f"{ATK_DIR}/theory/trajectories.csv",
    output:
        steady=f"{ATK_DIR}/steady.csv",
        trajectories=f"{ATK_DIR}/trajectories.csv",
        transitions=f"{ATK_DIR}/transitions.csv",
    log:
        f"{ATK_DIR}/logs/collect.log",
    params:
        window=ATK.window,
        trajectory_log10_C=ATK.trajectory_log10_C,
        code=code("scripts/teacher_student/attacks_collect.py"),
    conda:
        ENV
    script:
        "../../scripts/teacher_student/attacks_collect.py"


rule atk_check:
    input:
        steady=f"{ATK_DIR}/steady.csv",
        theory=f"{ATK_DIR}/theory/steady.csv",
        trajectories=f"{ATK_DIR}/trajectories.csv",
        transitions=f"{ATK_DIR}/transitions.csv",
    output:
        f"{ATK_DIR}/checks.json",
    log:
        f"{ATK_DIR}/logs/check.log",
    params:
        paper="margiotta2023_attacks",
        code=code("scripts/teacher_student/attacks_check.py"),
    conda:
        ENV
    script:
        "../../scripts/teacher_student/attacks_check.py"


rule figure_margiotta2023_attacks:
    input:
        steady=f"{ATK_DIR}/steady.csv",
        theory=f"{ATK_DIR}/theory/steady.csv",
        trajectories=f"{ATK_DIR}/trajectories.csv",
        transitions=f"{ATK_DIR}/transitions.csv",
        checks=f"{ATK_DIR}/checks.json",
    output:
        pdf=report(
            f"{ATK_FIG}.pdf",
            caption="../report/margiotta2023_attacks.rst",
            category="margiotta2023_attacks",
        ),
        png=f"{ATK_FIG}.png",
        csv=f"{ATK_FIG}.csv",
    log:
        f"{ATK_DIR}/logs/figure.log",
    params:
        footer=(
            f"Margiotta, Goldt, Sanguinetti, NeurIPS 2023, arXiv:2305.11132. {SCALE} scale: linear "
            f"learner, D={ATK.D}, {len(ATK.seeds)} seeds per point, target w_dag = -w*, greedy "
            f"attacks (exact minimiser), simulation: {ATK.simulator}; theory from this code."
        ),
        code=code("scripts/teacher_student/attacks_figure.py"),
    conda:
        ENV
    script:
        "../../scripts/teacher_student/attacks_figure.py"
