# One command per paper figure: `snakemake figure_<name>` builds the data, trains the
# networks, computes the theory and draws the figure, caching every step under
# results/<scale>/<paper>/.  Wiring only: the rules live in workflow/rules/, the code
# in src/dltheory/, the parameters in config/.

from pathlib import Path

from snakemake.utils import min_version

min_version("9.0")


# Absolute, so that `--directory <dir>` puts results/ and figures/ under <dir>.
configfile: str(Path(workflow.basedir) / "config" / "config.yaml")


report: "workflow/report/workflow.rst"


include: "workflow/rules/common.smk"
include: "workflow/rules/cagnetta2023_rhm.smk"
include: "workflow/rules/giorlandino2026_factual_recall.smk"
include: "workflow/rules/goldt2021_memories.smk"
include: "workflow/rules/maillard2026_memorisation.smk"
include: "workflow/rules/merger2025_linear_diffusion.smk"


rule all:
    default_target: True
    input:
        FIGURES,
        CHECKS,
