"""Rule diffusion_simulate: train linear denoisers in closed form on N samples and measure the KL of what they sample."""

from dltheory.core.artifacts import write_table
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta
from dltheory.replica.linear_diffusion import Training, ddpm_schedule, population_spectrum, simulate_kl


def main(smk, log) -> None:
    p = smk.params
    spectra = {"isotropic": population_spectrum(p.d, "isotropic"),
               "power": population_spectrum(p.d, "power", p.power_law_k)}
    trainings = [Training(**t) for t in p.trainings]
    which = {"isotropic": [t.name for t in trainings], "power": [trainings[0].name]}
    runs = simulate_kl(p.d, p.ratios, spectra, trainings, ddpm_schedule(**p.schedule), p.seeds, which)
    write_table(smk.output[0], runs, snakemake_meta(smk))
    log.info(f"{len(runs)} trained denoisers (d={p.d}, {len(p.seeds)} seeds)")


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
