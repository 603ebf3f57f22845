"""Logging and progress bars for workflow scripts.

A script run by Snakemake logs to its rule's ``log:`` file and to stderr; progress
bars (tqdm) show only on a terminal, so log files stay readable.
"""

from __future__ import annotations

import logging
import sys

__all__ = ["get_logger", "progress", "run_script"]


def get_logger(name: str, log_file: str | None = None) -> logging.Logger:
    """A logger writing ``time level message`` lines to stderr and ``log_file``."""
    logger = logging.getLogger(name)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    if not logger.handlers:
        fmt = logging.Formatter("%(asctime)s %(levelname)s %(message)s", "%H:%M:%S")
        handlers: list[logging.Handler] = [logging.StreamHandler(sys.stderr)]
        if log_file:
            handlers.append(logging.FileHandler(log_file, mode="w"))
        for h in handlers:
            h.setFormatter(fmt)
            logger.addHandler(h)
    return logger


def progress(iterable=None, **kwargs):
    """``tqdm`` that disables itself when stderr is not a terminal."""
    from tqdm.auto import tqdm

    kwargs.setdefault("disable", None)
    kwargs.setdefault("leave", False)
    kwargs.setdefault("dynamic_ncols", True)
    return tqdm(iterable, **kwargs)


def run_script(main, smk) -> None:
    """Run ``main(smk, log)`` for a Snakemake ``script:`` job, logging any exception.

    The traceback goes to the rule's log file as well as stderr, so that
    ``--show-failed-logs`` shows why a job failed.
    """
    name = f"{smk.rule}"
    log = get_logger(name, smk.log[0] if len(smk.log) else None)
    try:
        main(smk, log)
    except BaseException:
        log.exception(f"rule {name} failed")
        raise
