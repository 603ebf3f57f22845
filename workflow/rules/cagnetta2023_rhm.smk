# Cagnetta, Petrini, Tomasini, Favero, Wyart, "How Deep Neural Networks Learn
# Compositional Data: The Random Hierarchy Model", PRX 14, 031001 (2024),
# arXiv:2307.02129. Headline figure: figure_rhm_scaling (sample complexity P* ~ n_c m^L,
# collapse of the learning curves, synonymic invariance). Library family: rhm.
#
#   rhm_data (instance) -> rhm_train (instance, all seeds batched) --> rhm_collect
#   rhm_correlations (theory: exact correlations, no training) -/
#   rhm_collect -> rhm_check (checks.json) -> figure_rhm_scaling

from dltheory.rhm.plan import RHMPlan

RHM = RHMPlan.from_section(cfg.section(config, "cagnetta2023_rhm"), f"cagnetta2023_rhm.{SCALE}")
RHM_DIR = results_dir("cagnetta2023_rhm")
RHM_FIG = figure_stem("rhm_scaling")
FIGURES.append(f"{RHM_FIG}.pdf")
CHECKS.append(f"{RHM_DIR}/checks.json")


wildcard_constraints:
    rhm=r"v\d+_nc\d+_m\d+_s\d+_L\d+",


# One job per RHM instance: its seeds are drawn together and trained together as one
# batched model (small networks on a CPU are bound by per-step overhead).
rule rhm_data:
    output:
        expand(f"{RHM_DIR}/data/{{{{rhm}}}}/seed{{seed}}.npz", seed=RHM.seeds),
    log:
        f"{RHM_DIR}/logs/data/{{rhm}}.log",
    params:
        rhm=lambda wc: wc.rhm,
        seeds=RHM.seeds,
        n_pool=lambda wc: RHM.sizes[wc.rhm][-1],
        n_test=lambda wc: RHM.n_test[wc.rhm],
        code=code("scripts/rhm/data.py"),
    threads: 1
    resources:
        mem_mb=2000,
        runtime=10,
    conda:
        ENV
    script:
        "../../scripts/rhm/data.py"


rule rhm_train:
    input:
        data=expand(f"{RHM_DIR}/data/{{{{rhm}}}}/seed{{seed}}.npz", seed=RHM.seeds),
    output:
        runs=f"{RHM_DIR}/runs/{{rhm}}.csv",
        models=f"{RHM_DIR}/models/{{rhm}}.pt",
    log:
        f"{RHM_DIR}/logs/train/{{rhm}}.log",
    params:
        rhm=lambda wc: wc.rhm,
        seeds=RHM.seeds,
        sizes=lambda wc: RHM.sizes[wc.rhm],
        train=lambda wc: RHM.train[wc.rhm].as_dict(),
        save_models=RHM.save_models,
        code=code("scripts/rhm/train.py"),
    threads: 1
    resources:
        mem_mb=16000 if SCALE == "paper" else 4000,
        # minutes; a job cut off at its time limit is retried with twice, three times as much
        runtime=lambda wc, attempt: (720 if SCALE == "paper" else 240) * attempt,
        gpu=TRAIN_GPUS,
    conda:
        ENV
    script:
        "../../scripts/rhm/train.py"


rule rhm_correlations:
    output:
        f"{RHM_DIR}/theory/correlations.csv",
    log:
        f"{RHM_DIR}/logs/correlations.log",
    params:
        instances=RHM.keys,
        draws=RHM.section["correlation_draws"],
        code=code("scripts/rhm/correlations.py"),
    conda:
        ENV
    script:
        "../../scripts/rhm/correlations.py"


rule rhm_collect:
    input:
        runs=expand(f"{RHM_DIR}/runs/{{rhm}}.csv", rhm=RHM.keys),
        correlations=f"{RHM_DIR}/theory/correlations.csv",
    output:
        runs=f"{RHM_DIR}/runs.csv",
        curves=f"{RHM_DIR}/curves.csv",
        sample_complexity=f"{RHM_DIR}/sample_complexity.csv",
    log:
        f"{RHM_DIR}/logs/collect.log",
    params:
        error_threshold=RHM.error_threshold,
        bootstrap_seed=0,
        code=code("scripts/rhm/collect.py"),
    group:
        "rhm_summary"
    conda:
        ENV
    script:
        "../../scripts/rhm/collect.py"


rule rhm_check:
    input:
        sample_complexity=f"{RHM_DIR}/sample_complexity.csv",
        correlations=f"{RHM_DIR}/theory/correlations.csv",
        runs=f"{RHM_DIR}/runs.csv",
        data=expand(f"{RHM_DIR}/data/{{rhm}}/seed{{seed}}.npz", rhm=RHM.keys, seed=RHM.seeds),
    output:
        f"{RHM_DIR}/checks.json",
    log:
        f"{RHM_DIR}/logs/check.log",
    params:
        paper="cagnetta2023_rhm",
        code=code("scripts/rhm/check.py"),
    group:
        "rhm_summary"
    conda:
        ENV
    script:
        "../../scripts/rhm/check.py"


rule figure_rhm_scaling:
    input:
        curves=f"{RHM_DIR}/curves.csv",
        sample_complexity=f"{RHM_DIR}/sample_complexity.csv",
        checks=f"{RHM_DIR}/checks.json",
    output:
        pdf=report(
            f"{RHM_FIG}.pdf",
            caption="../report/rhm_scaling.rst",
            category="cagnetta2023_rhm",
        ),
        png=f"{RHM_FIG}.png",
        csv=f"{RHM_FIG}.csv",
    log:
        f"{RHM_DIR}/logs/figure.log",
    params:
        footer=(
            f"Cagnetta et al., PRX 14, 031001 (2024), arXiv:2307.02129. {SCALE} scale: "
            f"H={RHM.section['width']}, {len(RHM.seeds)} seeds, synthetic RHM data, "
            "theory and networks from this code."
        ),
        code=code("scripts/rhm/figure_scaling.py"),
    group:
        "rhm_summary"
    conda:
        ENV
    script:
        "../../scripts/rhm/figure_scaling.py"
