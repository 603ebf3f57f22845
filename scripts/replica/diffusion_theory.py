"""Rule diffusion_theory: Marchenko-Pastur theory of the KL per dimension (isotropic data) for every training."""

from dltheory.core.artifacts import write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.replica.linear_diffusion import Training, ddpm_schedule, theory_kl


def main(smk, log) -> None:
    p = smk.params
    table = theory_kl(p.ratios, [Training(**t) for t in p.trainings], ddpm_schedule(**p.schedule))
    write_table(smk.output[0], table, snakemake_meta(smk))
    log.info(f"{len(table)} theory points")


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
