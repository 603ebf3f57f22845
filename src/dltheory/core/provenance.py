"""The ``meta`` block every artifact carries: which rule, which parameters, which code.

Deliberately free of timestamps and host names, so that re-running a job with the
same inputs writes the same metadata.
"""

from __future__ import annotations

import platform
import sys

__all__ = ["software_versions", "snakemake_meta"]


def software_versions() -> dict:
    """Versions of Python and of the numerical libraries already imported."""
    versions = {"python": platform.python_version()}
    for name in ("numpy", "scipy", "pandas", "torch", "matplotlib"):
        module = sys.modules.get(name)
        if module is not None:
            versions[name] = getattr(module, "__version__", "?")
    return versions


def snakemake_meta(smk, **extra) -> dict:
    """Metadata for an artifact made by a Snakemake ``script:`` job.

    Contains the rule name, the scale, every ``params`` entry (``code`` is the
    library hash), the wildcards, software versions and ``extra``.
    """
    params = {k: v for k, v in smk.params.items()}
    return {
        "rule": smk.rule,
        "scale": smk.config.get("scale"),
        "wildcards": dict(smk.wildcards.items()),
        "params": params,
        "software": software_versions(),
        **extra,
    }
