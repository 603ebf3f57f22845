"""Synthetic learning curves for the kernel papers' claim tests: power laws with seed noise,
fitted by the same code as the collect rules."""

import numpy as np
import pandas as pd

from dltheory.kernels.curves import attach_prediction, fit_series


def power_runs(series: dict, keys: list[str], sizes, seeds: int = 4, noise: float = 0.03,
               seed: int = 0, **extra) -> pd.DataFrame:
    """Rows ``{keys..., seed, P, error, **extra}``, ``error = A P^-beta e^(noise z)``.

    ``series`` maps a key tuple to ``beta`` or ``(beta, A)``.
    """
    rng = np.random.default_rng(seed)
    rows = []
    for key, law in series.items():
        beta, amp = law if isinstance(law, tuple) else (law, 1.0)
        key = key if isinstance(key, tuple) else (key,)
        for s in range(seeds):
            for P in sizes:
                rows.append({**dict(zip(keys, key)), "seed": s, "P": int(P),
                             "error": amp * P**-beta * np.exp(noise * rng.standard_normal()),
                             **extra})
    return pd.DataFrame(rows)


def fits_of(runs: pd.DataFrame, keys: list[str], fit_min, theory: pd.DataFrame) -> pd.DataFrame:
    """The collect rules' fits table: tail fits joined with the predictions."""
    return attach_prediction(fit_series(runs, keys, np.random.default_rng(0), fit_min, n_boot=100),
                             theory, keys)


def failed(claims) -> set[str]:
    return {c.name for c in claims if not c.passed}
