"""Online-SGD teacher-student models: ODEs, simulations and their theory."""
