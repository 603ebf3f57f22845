# Shared wiring for every paper's rules: configuration (merge + validation), paths,
# code hashes, the list of figure and check targets. Kept small on purpose: anything
# with logic lives in src/dltheory/core/ where it is tested.

import sys
from pathlib import Path

ROOT = Path(workflow.basedir)
sys.path.insert(0, str(ROOT / "src"))

from dltheory.core import config as cfg
from dltheory.core.codehash import library_hash
from dltheory.core.install import check_editable_install

# Jobs import `dltheory` from the environment: it must be this checkout, installed
# editable, or a library edit would not reach them.
check_editable_install(ROOT)

# Paper sections from config/papers/*.yaml are defaults; whatever the user gave
# (--config, --configfile) wins. Validate everything before any job is scheduled.
_cli = cfg.coerce_strings(workflow.config_settings.overwrite_config or {})
_merged = cfg.deep_merge(cfg.deep_merge(cfg.load_paper_defaults(ROOT / "config"), config), _cli)
config.clear()
config.update(_merged)
cfg.validate(config, cfg.build_schema(ROOT / "workflow" / "schemas"))

SCALE = config["scale"]
# GPUs per training job: every rule that trains networks declares
# `resources: gpu=TRAIN_GPUS` (the SLURM profile turns it into --gpus and a GPU partition).
TRAIN_GPUS = config["train_gpus"]
if TRAIN_GPUS == "auto":
    TRAIN_GPUS = {"quick": 0, "paper": 1}[SCALE]
ENV = "../../environment.yml"
FIGURES = []  # every paper's headline figure (PDF), for `rule all`
CHECKS = []  # every paper's checks.json, for `rule all`


wildcard_constraints:
    seed=r"\d+",


def results_dir(paper):
    """results/<scale>/<paper>: where a paper's artifacts are cached."""
    return f"results/{SCALE}/{paper}"


def figure_stem(name):
    """figures/<scale>/<name>: the figure's .pdf, .png and .csv share this stem."""
    return f"figures/{SCALE}/{name}"


def code(script):
    """Hash of the library code reached by a script, for `params: code=...`."""
    return library_hash(ROOT / script)
