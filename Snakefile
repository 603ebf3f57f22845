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
include: "workflow/rules/cui2023_bayes_opt_deep_extensive.smk"
include: "workflow/rules/favero2021_locality.smk"
include: "workflow/rules/giorlandino2026_factual_recall.smk"
include: "workflow/rules/goldt2019_dynamics.smk"
include: "workflow/rules/goldt2019_overparam.smk"
include: "workflow/rules/goldt2021_memories.smk"
include: "workflow/rules/lee2021_continual.smk"
include: "workflow/rules/lee2022_maslow.smk"
include: "workflow/rules/loureiro2021_gcm.smk"
include: "workflow/rules/maillard2026_memorisation.smk"
include: "workflow/rules/margiotta2023_attacks.smk"
include: "workflow/rules/merger2025_linear_diffusion.smk"
include: "workflow/rules/paccolat2020_isotropic_kernels.smk"
include: "workflow/rules/patel2023_rlperceptron.smk"
include: "workflow/rules/petrini2022_sparse_features.smk"
include: "workflow/rules/pittorino2021_entropic_flat_minima.smk"
include: "workflow/rules/refinetti2020_dfa.smk"
include: "workflow/rules/refinetti2021_gmm.smk"
include: "workflow/rules/schroder2023_deep_rf_universality.smk"
include: "workflow/rules/schroder2024_deep_structured_features.smk"
include: "workflow/rules/spigler2019_kernel_learning_curves.smk"
include: "workflow/rules/tomasini2022_spectral_bias.smk"


rule all:
    default_target: True
    input:
        FIGURES,
        CHECKS,
