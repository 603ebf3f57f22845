"""Simulated learning curves: fit ridge or logistic regression on nested training sets, score on a test set.

The training sets of a learning curve are prefixes of one sample (``n_1 < n_2 < ...`` rows
of the same draw), as in the papers' simulations; every ``(n, lam)`` fit is exact (a
linear solve for ridge, Newton to ``1e-10`` for logistic).  Designs are scaled by
``1/sqrt(p)`` inside, as in the GCM's ``w . v / sqrt(p)``.
"""

from __future__ import annotations

import numpy as np
from scipy.linalg import cho_factor, cho_solve

from .estimators import logistic_regression

__all__ = ["LOSSES", "learning_curve"]

LOSSES = ("ridge", "square_classification", "logistic")


def _ridge_fits(A, y, ns, lams):
    """Ridge weights for every ``(n, lam)``; the Gram matrix grows incrementally with ``n``."""
    n_max, p = A.shape
    G = np.zeros((p, p))
    Aty = np.zeros(p)
    done = 0
    out = {}
    for n in ns:
        if n <= p:   # dual form is cheaper
            K = A[:n] @ A[:n].T
            for lam in lams:
                out[n, lam] = A[:n].T @ cho_solve(cho_factor(K + lam * np.eye(n)), y[:n])
            continue
        G += A[done:n].T @ A[done:n]
        Aty += A[done:n].T @ y[done:n]
        done = n
        for lam in lams:
            out[n, lam] = cho_solve(cho_factor(G + lam * np.eye(p)), Aty)
    return out


def learning_curve(V: np.ndarray, y: np.ndarray, V_test: np.ndarray, y_test: np.ndarray,
                   ns, lams, loss: str, clean_test: np.ndarray | None = None) -> list[dict]:
    """Fit ``loss`` at every ``n`` in ``ns`` (increasing) and ``lam`` in ``lams``; one row per fit.

    Parameters
    ----------
    V, y : training features ``[n_max, p]`` (unscaled) and labels; the first ``n`` rows are used
    V_test, y_test : test features and labels
    loss : ``ridge`` (test MSE), ``square_classification`` or ``logistic`` (test error rate)
    clean_test : optional noiseless regression targets for the test MSE

    Returns
    -------
    rows with ``n, lam, test_error, train_loss`` (mean squared training error for the
    square losses, mean logistic loss for ``logistic``) and ``train_error`` (classification).
    """
    if loss not in LOSSES:
        raise ValueError(f"unknown loss {loss!r}; known: {LOSSES}")
    ns = sorted(int(n) for n in ns)
    p = V.shape[1]
    A = V / np.sqrt(p)
    At = V_test / np.sqrt(p)
    rows = []
    if loss == "logistic":
        fits = {}
        for lam in lams:
            w = None
            for n in ns:   # warm start from the previous (smaller) training set
                w = logistic_regression(A[:n], y[:n], lam, w0=w)
                fits[n, lam] = w
    else:
        fits = _ridge_fits(A, y, [n for n in ns], list(lams))
    for (n, lam), w in fits.items():
        pred_train, pred_test = A[:n] @ w, At @ w
        row = {"n": n, "lam": float(lam)}
        if loss == "ridge":
            target = y_test if clean_test is None else clean_test
            row["test_error"] = float(np.mean((pred_test - target) ** 2))
            row["train_loss"] = float(np.mean((pred_train - y[:n]) ** 2))
        else:
            row["test_error"] = float(np.mean(np.sign(pred_test) != y_test))
            row["train_error"] = float(np.mean(np.sign(pred_train) != y[:n]))
            if loss == "logistic":
                row["train_loss"] = float(np.mean(np.logaddexp(0.0, -y[:n] * pred_train)))
            else:
                row["train_loss"] = float(np.mean((pred_train - y[:n]) ** 2))
        rows.append(row)
    return sorted(rows, key=lambda r: (r["lam"], r["n"]))
