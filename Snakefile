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
include: "workflow/rules/cagnetta2022_wide_cnn.smk"
include: "workflow/rules/cagnetta2023_rhm.smk"
include: "workflow/rules/favero2021_locality.smk"
include: "workflow/rules/paccolat2020_isotropic_kernels.smk"
include: "workflow/rules/petrini2022_sparse_features.smk"
include: "workflow/rules/spigler2019_kernel_learning_curves.smk"
include: "workflow/rules/tomasini2022_spectral_bias.smk"


rule all:
    default_target: True
    input:
        FIGURES,
        CHECKS,
