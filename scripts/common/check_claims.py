"""Rule <paper>_check, shared by the papers whose claims need only tables and params.

Calls ``dltheory.claims.<params.paper>.evaluate_claims`` with its arguments bound by name
to the rule's inputs (read as tables) and params (see ``core.checks.bind_claim_arguments``)
and writes checks.json.
"""

import importlib

from dltheory.core.checks import bind_claim_arguments, write_checks
from dltheory.core.logs import run_script
from dltheory.core.provenance import snakemake_meta


def main(smk, log) -> None:
    evaluate = importlib.import_module(f"dltheory.claims.{smk.params.paper}").evaluate_claims
    kwargs = bind_claim_arguments(evaluate, dict(smk.input.items()), dict(smk.params.items()))
    write_checks(smk.output[0], smk.params.paper, smk.config["scale"], evaluate(**kwargs),
                 meta=snakemake_meta(smk), log=log.info)


if __name__ == "__main__":
    run_script(main, snakemake)  # noqa: F821 (snakemake is injected)
