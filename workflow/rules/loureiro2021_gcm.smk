# Loureiro, Gerbelot, Cui, Goldt, Krzakala, Mezard, Zdeborova, "Learning curves of generic
# features maps for realistic datasets with a teacher-student model", NeurIPS 2021,
# arXiv:2102.08127. Headline figure: figure_gcm_learning_curves (ridge and logistic learning
# curves on random features, Gaussian covariate model vs simulation; synthetic panels).
# Library family: gaussian_equivalent_glm (src/dltheory/gcm).
#
#   gcm_lc_simulate (task) ----------\
#   gcm_lc_theory (task) -------------\
#   gcm_lc_universe (theory|simulate) --> gcm_lc_collect -> gcm_lc_check -> figure_gcm_learning_curves
#   (the universe panel: MNIST if config gives its folder, else a synthetic stand-in)

from dltheory.gcm.plans import RFPlan

LC = RFPlan.from_section(cfg.section(config, "loureiro2021_gcm"), f"loureiro2021_gcm.{SCALE}")
LC_DIR = results_dir("loureiro2021_gcm")
LC_FIG = figure_stem("gcm_learning_curves")
FIGURES.append(f"{LC_FIG}.pdf")
CHECKS.append(f"{LC_DIR}/checks.json")


wildcard_constraints:
    lc_task="ridge|logistic",
    lc_what="theory|simulate",


# All seeds of one task in one job: each fit takes milliseconds, a job start a second.
rule gcm_lc_simulate:
    output:
        f"{LC_DIR}/sims/{{lc_task}}.csv",
    log:
        f"{LC_DIR}/logs/simulate_{{lc_task}}.log",
    params:
        section=LC.section,
        task=lambda wc: wc.lc_task,
        code=code("scripts/gcm/lc_simulate.py"),
    threads: 1
    resources:
        mem_mb=2000,
        runtime=30,
    conda:
        ENV
    script:
        "../../scripts/gcm/lc_simulate.py"


rule gcm_lc_theory:
    output:
        f"{LC_DIR}/theory/{{lc_task}}.csv",
    log:
        f"{LC_DIR}/logs/theory_{{lc_task}}.log",
    params:
        section=LC.section,
        task=lambda wc: wc.lc_task,
        code=code("scripts/gcm/lc_theory.py"),
    threads: 1
    resources:
        mem_mb=2000,
        runtime=30,
    conda:
        ENV
    script:
        "../../scripts/gcm/lc_theory.py"


rule gcm_lc_universe:
    output:
        f"{LC_DIR}/universe/{{lc_what}}.csv",
    log:
        f"{LC_DIR}/logs/universe_{{lc_what}}.log",
    params:
        section=LC.section,
        what=lambda wc: wc.lc_what,
        code=code("scripts/gcm/lc_universe.py"),
    threads: 1
    resources:
        mem_mb=4000,
        runtime=30,
    conda:
        ENV
    script:
        "../../scripts/gcm/lc_universe.py"


rule gcm_lc_collect:
    input:
        sims=expand(f"{LC_DIR}/sims/{{task}}.csv", task=RFPlan.TASKS),
        theory=expand(f"{LC_DIR}/theory/{{task}}.csv", task=RFPlan.TASKS),
        universe_sims=f"{LC_DIR}/universe/simulate.csv",
        universe_theory=f"{LC_DIR}/universe/theory.csv",
    output:
        points=f"{LC_DIR}/points.csv",
        lines=f"{LC_DIR}/lines.csv",
    log:
        f"{LC_DIR}/logs/collect.log",
    params:
        code=code("scripts/gcm/lc_collect.py"),
    conda:
        ENV
    script:
        "../../scripts/gcm/lc_collect.py"


rule gcm_lc_check:
    input:
        points=f"{LC_DIR}/points.csv",
        lines=f"{LC_DIR}/lines.csv",
    output:
        f"{LC_DIR}/checks.json",
    log:
        f"{LC_DIR}/logs/check.log",
    params:
        paper="loureiro2021_gcm",
        code=code("scripts/gcm/lc_check.py"),
    conda:
        ENV
    script:
        "../../scripts/gcm/lc_check.py"


rule figure_gcm_learning_curves:
    input:
        points=f"{LC_DIR}/points.csv",
        lines=f"{LC_DIR}/lines.csv",
        checks=f"{LC_DIR}/checks.json",
    output:
        pdf=report(
            f"{LC_FIG}.pdf",
            caption="../report/gcm_learning_curves.rst",
            category="loureiro2021_gcm",
        ),
        png=f"{LC_FIG}.png",
        csv=f"{LC_FIG}.csv",
    log:
        f"{LC_DIR}/logs/figure.log",
    params:
        footer=(
            f"Loureiro et al., NeurIPS 2021, arXiv:2102.08127. {SCALE} scale: (a-c) synthetic "
            f"random features, D={LC.D}, p={LC.p}, k={LC.k}, {LC.student_activation} student, "
            f"{LC.teacher_activation} teacher, {len(LC.seeds)} seeds; (d) "
            + ("MNIST even/odd" if LC.universe["source"] == "mnist"
               else f"synthetic stand-in for MNIST (N={LC.universe['N']} hidden-manifold images)")
            + f", {LC.universe['features'].replace('_', ' ')} (p={LC.universe['p_features']})."
        ),
        universe_label=(
            "MNIST, even vs odd" if LC.universe["source"] == "mnist" else "stand-in universe"
        ),
        code=code("scripts/gcm/lc_figure.py"),
    conda:
        ENV
    script:
        "../../scripts/gcm/lc_figure.py"
