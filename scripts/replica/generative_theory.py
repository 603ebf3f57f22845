"""Rule generative_theory: free-probability q, BBP Q and the memorisation m on a grid of n."""

from dltheory.core.artifacts import write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.replica.generative import theory_generative


def main(smk, log) -> None:
    p = smk.params
    table = theory_generative(p.d, p.ns, p.thetas)
    write_table(smk.output[0], table, snakemake_meta(smk))
    log.info(f"{len(table)} theory points")


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
