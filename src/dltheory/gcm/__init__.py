"""The Gaussian covariate model family (``gaussian_equivalent_glm``).

Theory: the replica saddle point of ERM on the Gaussian covariate model
(:func:`solve_gcm`, channels for ridge, square-loss classification and logistic
regression through proximal operators), deterministic equivalents of sample-covariance
resolvents and Marchenko-Pastur (:mod:`.resolvent`), Gaussian equivalence of (deep)
random features (:mod:`.linearisation`), the Bayes-optimal errors of deep extensive-width
targets (:mod:`.bayes`) and the Gaussian-mixture saddle point with local energy
(:mod:`.gmm`).  Simulations: samplers (:mod:`.samplers`), estimators (:mod:`.estimators`)
and learning curves (:mod:`.learning`).  Paper experiments: ``exp_*`` modules, configured
by the plans in :mod:`.plans`.

Nothing is imported here on purpose: workflow jobs hash the library code their script
reaches (:mod:`dltheory.core.codehash`), and a package that imported every module would
make an edit of one paper's code rerun every paper's jobs.
"""
