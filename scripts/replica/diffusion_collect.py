"""Rule diffusion_collect: seed means of the KL per (spectrum, training, N/d), joined with the theory."""

from dltheory.core.artifacts import read_table, write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.replica.linear_diffusion import summarise_kl


def main(smk, log) -> None:
    summary = summarise_kl(read_table(smk.input.runs)[0], read_table(smk.input.theory)[0])
    write_table(smk.output[0], summary, snakemake_meta(smk))
    log.info(f"{len(summary)} points")


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
