"""Kernel learning curves: the kernel-regression engine of the Wyart-group papers."""
