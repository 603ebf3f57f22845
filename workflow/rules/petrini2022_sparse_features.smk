# Petrini, Cagnetta, Vanden-Eijnden, Wyart, "Learning sparse features can lead to
# overfitting in neural networks", NeurIPS 2022, arXiv:2206.12314.
# Headline figure: figure_sparse_features (learning curves of a smooth target on the
# sphere: lazy / NTK regression against the sparse feature-learning predictor; lazy wins).
# Library family: kernel_curves (dltheory.kernels), with small alpha-trick networks.
#
#   petrini_simulate (lazy_kernel | feature_limit) --\
#   petrini_train (networks, GPU at paper scale) -----+--> petrini_collect -> petrini_check
#   petrini_theory ----------------------------------/          \-> figure_sparse_features

from dltheory.kernels.plan import PetriniPlan

PETRINI = PetriniPlan.from_section(
    cfg.section(config, "petrini2022_sparse_features"), f"petrini2022_sparse_features.{SCALE}"
)
PETRINI_DIR = results_dir("petrini2022_sparse_features")
PETRINI_FIG = figure_stem("sparse_features")
PETRINI_KERNEL_METHODS = ["lazy_kernel", "feature_limit"]
PETRINI_METHODS = PETRINI_KERNEL_METHODS + ["networks"]
PETRINI_NET = PETRINI.section["networks"]
FIGURES.append(f"{PETRINI_FIG}.pdf")
CHECKS.append(f"{PETRINI_DIR}/checks.json")


wildcard_constraints:
    petrini_method="|".join(PETRINI_KERNEL_METHODS),


rule petrini_simulate:
    output:
        f"{PETRINI_DIR}/runs/{{petrini_method}}.csv",
    log:
        f"{PETRINI_DIR}/logs/simulate/{{petrini_method}}.log",
    params:
        method=lambda wc: wc.petrini_method,
        dims=PETRINI.section["dims"],
        sizes=lambda wc: PETRINI.section[
            "kernel_sizes" if wc.petrini_method == "lazy_kernel" else "feature_sizes"
        ],
        directions_per_P=PETRINI.section["directions_per_P"],
        test_size=PETRINI.section["test_size"],
        seeds=PETRINI.seeds,
        code=code("scripts/kernels/petrini_simulate.py"),
    threads: 1
    resources:
        mem_mb=3000,
        runtime=120,
    conda:
        ENV
    script:
        "../../scripts/kernels/petrini_simulate.py"


rule petrini_train:
    output:
        f"{PETRINI_DIR}/runs/networks.csv",
    log:
        f"{PETRINI_DIR}/logs/train/networks.log",
    params:
        d=PETRINI.section["d"],
        test_size=PETRINI.section["test_size"],
        networks=PETRINI_NET,
        code=code("scripts/kernels/petrini_train.py"),
    threads: 1
    resources:
        mem_mb=16000 if SCALE == "paper" else 3000,
        # minutes; a job cut off at its time limit is retried with twice, three times as much
        runtime=lambda wc, attempt: (720 if SCALE == "paper" else 60) * attempt,
        gpu=TRAIN_GPUS,
    conda:
        ENV
    script:
        "../../scripts/kernels/petrini_train.py"


rule petrini_theory:
    output:
        f"{PETRINI_DIR}/theory/exponents.csv",
    log:
        f"{PETRINI_DIR}/logs/theory.log",
    params:
        dims=sorted(set(PETRINI.section["dims"]) | {PETRINI.section["d"]}),
        code=code("scripts/kernels/petrini_theory.py"),
    conda:
        ENV
    script:
        "../../scripts/kernels/petrini_theory.py"


rule petrini_collect:
    input:
        runs=expand(f"{PETRINI_DIR}/runs/{{m}}.csv", m=PETRINI_METHODS),
        theory=f"{PETRINI_DIR}/theory/exponents.csv",
    output:
        curves=f"{PETRINI_DIR}/curves.csv",
        fits=f"{PETRINI_DIR}/fits.csv",
    log:
        f"{PETRINI_DIR}/logs/collect.log",
    params:
        series_keys=["method", "d"],
        query="",
        fit_min={  # keyed "method|d": the feature limit's fit range per d (config dims)
            **{f"lazy_kernel|{d}": PETRINI.section["fit_min_P"]["lazy_kernel"]
               for d in PETRINI.section["dims"]},
            **{f"feature_limit|{d}": p for d, p in
               zip(PETRINI.section["dims"], PETRINI.section["fit_min_P"]["feature_limit"])},
            f"lazy_net|{PETRINI.section['d']}": min(PETRINI_NET["sizes"]),
            f"feature_net|{PETRINI.section['d']}": min(PETRINI_NET["sizes"]),
        },
        fit_min_key=["method", "d"],
        bootstrap_seed=0,
        code=code("scripts/kernels/collect.py"),
    conda:
        ENV
    script:
        "../../scripts/kernels/collect.py"


rule petrini_check:
    input:
        fits=f"{PETRINI_DIR}/fits.csv",
        runs=expand(f"{PETRINI_DIR}/runs/{{m}}.csv", m=PETRINI_METHODS),
    output:
        f"{PETRINI_DIR}/checks.json",
    log:
        f"{PETRINI_DIR}/logs/check.log",
    params:
        paper="petrini2022_sparse_features",
        code=code("scripts/common/check_claims.py"),
    conda:
        ENV
    script:
        "../../scripts/common/check_claims.py"


rule figure_sparse_features:
    input:
        curves=f"{PETRINI_DIR}/curves.csv",
        fits=f"{PETRINI_DIR}/fits.csv",
        runs=expand(f"{PETRINI_DIR}/runs/{{m}}.csv", m=PETRINI_METHODS),
        checks=f"{PETRINI_DIR}/checks.json",
    output:
        pdf=report(
            f"{PETRINI_FIG}.pdf",
            caption="../report/sparse_features.rst",
            category="petrini2022_sparse_features",
        ),
        png=f"{PETRINI_FIG}.png",
        csv=f"{PETRINI_FIG}.csv",
    log:
        f"{PETRINI_DIR}/logs/figure.log",
    params:
        footer=(
            f"Petrini, Cagnetta, Vanden-Eijnden, Wyart, NeurIPS 2022, arXiv:2206.12314. {SCALE} "
            f"scale: constant target on S^(d-1), limits at d={PETRINI.section['dims']}, "
            f"{len(PETRINI.seeds)} seeds; feature limit = minimum-L1 interpolant over "
            f"{PETRINI.section['directions_per_P']} P directions; alpha-trick networks at "
            f"d={PETRINI.section['d']}, h={PETRINI_NET['width']}, {PETRINI_NET['seeds']} "
            f"seeds, feature nets α√h={PETRINI_NET['alpha_feature'] * PETRINI_NET['width'] ** 0.5:.1e}"
            f" stopped at {PETRINI_NET['max_steps']} flow steps (the paper: 10^6-10^7). "
            "The image panel (MNIST/CIFAR) is not reproduced."
        ),
        code=code("scripts/kernels/petrini_figure.py"),
    conda:
        ENV
    script:
        "../../scripts/kernels/petrini_figure.py"
