"""Output channels of the Gaussian covariate model: a loss, a label rule, their conjugate overlaps.

For empirical risk minimisation ``min_w sum_mu ell(y_mu, w . v_mu / sqrt(p)) + lam |w|^2 / 2``
the replica-symmetric saddle point (Loureiro et al., arXiv:2102.08127, Eqs. (29)-(30))
couples the overlaps ``(V, q, m)`` of :mod:`dltheory.gcm.spectra` to conjugates
``(Vhat, qhat, mhat)`` through the *proximal operator* of the loss,

    eta(y, omega, V) = argmin_z [ (z - omega)^2 / (2 V) + ell(y, z) ],
    f(y, omega, V)   = (eta - omega) / V,

averaged over the student field ``omega = sqrt(q) xi`` and the label, which is drawn from
the teacher field ``nu | xi ~ N(omega_*, V_*)``, ``omega_* = (m / sqrt(q)) xi``,
``V_* = rho - m^2 / q``, with ``Z(y) = P(y | omega_*, V_*)``:

    qhat = alpha E_xi sum_y Z f^2
    Vhat = alpha E_xi sum_y Z ell''(eta) / (1 + V ell''(eta))       (= -alpha E Z d_omega f)
    mhat = alpha E_xi sum_y d_{omega_*} Z f

(``alpha = n / p``).  Square losses have these in closed form; the logistic loss is
integrated numerically (vectorised Newton for the proximal operator, a fine
trapezoidal rule in ``xi``: ``Z`` becomes a narrow step as ``V_* -> 0``, which Gauss-Hermite
nodes resolve poorly).

Every method takes arrays of matching shape ``[B]`` (a batch of points on a learning
curve) and returns arrays of that shape.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
from scipy.special import erfc, expit

__all__ = ["Channel", "RidgeRegression", "SquareClassification", "LogisticClassification",
           "normal_grid", "logistic_prox", "classification_error"]

_SQRT2 = np.sqrt(2.0)


@functools.lru_cache(maxsize=8)
def normal_grid(n: int = 1201, span: float = 11.0) -> tuple[np.ndarray, np.ndarray]:
    """Nodes and weights of a trapezoidal rule for ``E_{xi ~ N(0,1)}`` on ``[-span, span]``.

    Spectrally accurate for smooth integrands (the Gaussian makes them decay), and,
    unlike Gauss-Hermite, evenly fine near ``xi = 0`` where label probabilities jump.
    """
    x = np.linspace(-span, span, n)
    w = np.exp(-0.5 * x**2)
    w /= w.sum()
    x.setflags(write=False)
    w.setflags(write=False)
    return x, w


def classification_error(q, m, rho):
    """``P(sign(lambda) != sign(nu))`` for ``(nu, lambda) ~ N(0, [[rho, m], [m, q]])``: ``arccos(m / sqrt(rho q)) / pi``."""
    c = np.clip(np.asarray(m) / np.sqrt(np.asarray(rho) * np.asarray(q)), -1.0, 1.0)
    return np.arccos(c) / np.pi


def logistic_prox(y, omega, V, iters: int = 100, tol: float = 1e-11):
    """Proximal operator of ``ell(y, z) = log(1 + exp(-y z))``: solves ``eta = omega + V y sigmoid(-y eta)``.

    ``g(eta) = eta - omega - V y sigmoid(-y eta)`` is increasing and changes sign between
    ``omega`` and ``omega + V y``; Newton steps are kept inside a shrinking bracket
    (bisection when a step would leave it or fails to halve ``|g|``, which stops the
    zig-zag Newton falls into for large ``V``), so any ``V`` converges.  Only the entries
    not yet converged (relative step below ``tol``) are iterated.  All arguments broadcast.
    """
    y, omega, V = np.broadcast_arrays(np.asarray(y, float), np.asarray(omega, float),
                                      np.asarray(V, float))
    shape = y.shape
    y, omega, V = y.ravel(), omega.ravel().copy(), V.ravel()
    lo = np.minimum(omega, omega + V * y)
    hi = np.maximum(omega, omega + V * y)
    s0 = expit(-y * omega)
    eta = omega + V * y * s0 / (1.0 + V * s0 * (1.0 - s0))   # one Newton step from omega
    eta = np.clip(eta, lo, hi)
    g_prev = np.full(eta.shape, np.inf)
    idx = np.arange(eta.size)
    for _ in range(iters):
        e, yy, om, vv = eta[idx], y[idx], omega[idx], V[idx]
        s = expit(-yy * e)
        g = e - om - vv * yy * s
        lo[idx] = np.where(g < 0, e, lo[idx])
        hi[idx] = np.where(g > 0, e, hi[idx])
        newton = e - g / (1.0 + vv * s * (1.0 - s))
        ok = (newton > lo[idx]) & (newton < hi[idx]) & (np.abs(g) <= 0.5 * g_prev[idx])
        new = np.where(ok, newton, 0.5 * (lo[idx] + hi[idx]))
        g_prev[idx] = np.abs(g)
        eta[idx] = new
        moving = np.abs(new - e) > tol * (1.0 + np.abs(e))
        idx = idx[moving]
        if idx.size == 0:
            break
    return eta.reshape(shape)


class Channel:
    """A loss together with the rule generating labels from the teacher field ``nu``.

    Subclasses implement :meth:`hats`, :meth:`test_error` and :meth:`train_loss`.
    """

    name = "channel"
    classification = False

    def hats(self, alpha, V, q, m, rho):
        """Conjugate overlaps ``(Vhat, qhat, mhat)``."""
        raise NotImplementedError

    def test_error(self, q, m, rho):
        raise NotImplementedError

    def train_loss(self, V, q, m, rho):
        raise NotImplementedError

    def square_form(self, rho):
        """``(c, rho_y)`` if the hats are ``Vhat = alpha/(1+V)``, ``mhat = c Vhat``,
        ``qhat = alpha (rho_y + q - 2 c m) / (1+V)^2`` (square losses), else ``None``."""
        return None


@dataclass(frozen=True)
class RidgeRegression(Channel):
    """Square loss ``(y - z)^2 / 2`` on ``y = nu + sqrt(noise) xi``.

    Closed form: ``Vhat = alpha/(1+V)``, ``mhat = alpha/(1+V)``,
    ``qhat = alpha (rho + noise + q - 2m)/(1+V)^2``.  The test error is the mean squared
    error on noiseless labels, ``rho + q - 2 m`` (plus ``test_noise``), the training loss
    ``(rho + noise + q - 2m)/(1+V)^2`` (mean squared training error).
    """

    noise: float = 0.0
    test_noise: float = 0.0
    name = "ridge"

    def hats(self, alpha, V, q, m, rho):
        vhat = alpha / (1 + V)
        return vhat, alpha * (rho + self.noise + q - 2 * m) / (1 + V) ** 2, vhat

    def test_error(self, q, m, rho):
        return rho + q - 2 * m + self.test_noise

    def square_form(self, rho):
        return 1.0, rho + self.noise

    def train_loss(self, V, q, m, rho):
        return (rho + self.noise + q - 2 * m) / (1 + V) ** 2


@dataclass(frozen=True)
class SquareClassification(Channel):
    """Square loss on labels ``y = sign(nu)`` (ridge classification); error = ``P(mistake)``."""

    name = "square_classification"
    classification = True

    def hats(self, alpha, V, q, m, rho):
        c = np.sqrt(2.0 / (np.pi * rho))  # E[y nu] / rho
        vhat = alpha / (1 + V)
        return vhat, alpha * (1 + q - 2 * m * c) / (1 + V) ** 2, vhat * c

    def test_error(self, q, m, rho):
        return classification_error(q, m, rho)

    def square_form(self, rho):
        return float(np.sqrt(2.0 / (np.pi * rho))), 1.0

    def train_loss(self, V, q, m, rho):
        c = np.sqrt(2.0 / (np.pi * rho))
        return (1 + q - 2 * m * c) / (1 + V) ** 2


@dataclass(frozen=True)
class LogisticClassification(Channel):
    """Logistic loss ``log(1 + exp(-y z))`` on labels ``y = sign(nu)``.

    ``n_grid`` trapezoid nodes in ``xi`` (see :func:`normal_grid`).  Label noise
    ``y = sign(nu + sqrt(D) xi)`` is the same model with ``rho -> rho + D``.
    """

    n_grid: int = 1201
    name = "logistic"
    classification = True

    def _fields(self, V, q, m, rho):
        x, w = normal_grid(self.n_grid)
        V, q, m, rho = (np.asarray(a, float)[..., None] for a in (V, q, m, rho))
        sq = np.sqrt(q)
        omega = sq * x                              # [B, G]
        om_star = (m / sq) * x
        v_star = np.maximum(rho - m**2 / q, 1e-300)
        return x, w, V, omega, om_star, v_star

    def _per_label(self, V, q, m, rho):
        x, w, V, omega, om_star, v_star = self._fields(V, q, m, rho)
        out = []
        for y in (1.0, -1.0):
            Z = 0.5 * erfc(-y * om_star / np.sqrt(2 * v_star))
            dZ = y * np.exp(-0.5 * om_star**2 / v_star) / np.sqrt(2 * np.pi * v_star)
            eta = logistic_prox(y, omega, V)
            out.append((y, Z, dZ, eta))
        return w, V, omega, out

    def hats(self, alpha, V, q, m, rho):
        w, Vb, omega, per = self._per_label(V, q, m, rho)
        qh = vh = mh = 0.0
        for y, Z, dZ, eta in per:
            f = (eta - omega) / Vb
            s = expit(y * eta)
            l2 = s * (1 - s)
            qh = qh + Z * f**2
            vh = vh + Z * l2 / (1 + Vb * l2)
            mh = mh + dZ * f
        alpha = np.asarray(alpha, float)
        return alpha * (vh @ w), alpha * (qh @ w), alpha * (mh @ w)

    def test_error(self, q, m, rho):
        return classification_error(q, m, rho)

    def train_loss(self, V, q, m, rho):
        w, _, _, per = self._per_label(V, q, m, rho)
        return sum((Z * np.logaddexp(0.0, -y * eta)) @ w for y, Z, _, eta in per)

    def train_error(self, V, q, m, rho):
        """Fraction of misclassified training points, ``E sum_y Z 1[y eta < 0]``."""
        w, _, _, per = self._per_label(V, q, m, rho)
        return sum((Z * (y * eta < 0)) @ w for y, Z, _, eta in per)
