"""Synthetic summary tables for the teacher-student claim tests (see dltheory.teacher_student.summaries)."""

import pandas as pd


def gap_rows(specs, mean=0.02, worst=0.06, value="eps"):
    return [{"kind": "gap", "spec": s, "value": value, "gap_mean": mean, "gap_max": worst,
             "t_gap_max": 3.0, "n_times": 20, "n_seeds": 3} for s in specs]


def frame(rows):
    return pd.DataFrame(rows)
