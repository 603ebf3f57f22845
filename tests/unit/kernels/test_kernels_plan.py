"""Plans of the six kernel papers: the shipped configs parse; impossible ones name the field."""

import copy

import pytest
import yaml

from conftest import ROOT
from dltheory.core.config import ConfigError
from dltheory.kernels.plan import (CagnettaPlan, FaveroPlan, PaccolatPlan, PetriniPlan,
                                   SpiglerPlan, TomasiniPlan)

PLANS = {"spigler2019_kernel_learning_curves": SpiglerPlan,
         "paccolat2020_isotropic_kernels": PaccolatPlan, "favero2021_locality": FaveroPlan,
         "cagnetta2022_wide_cnn": CagnettaPlan, "tomasini2022_spectral_bias": TomasiniPlan,
         "petrini2022_sparse_features": PetriniPlan}


def _section(paper, scale="quick"):
    text = (ROOT / "config" / "papers" / f"{paper}.yaml").read_text()
    return copy.deepcopy(yaml.safe_load(text)[paper][scale])


def _escape(message):
    for ch in "[]().*+":
        message = message.replace(ch, "\\" + ch)
    return message


@pytest.mark.parametrize("scale", ["quick", "paper"])
@pytest.mark.parametrize("paper", sorted(PLANS))
def test_shipped_kernel_configs_parse(paper, scale):
    plan = PLANS[paper].from_section(_section(paper, scale), f"{paper}.{scale}")
    assert plan.section


def _set_pair_teacher(s):
    s["pairs"][1]["teacher"] = "matern99"


@pytest.mark.parametrize("paper, edit, message", [
    ("spigler2019_kernel_learning_curves", _set_pair_teacher, "pairs[1].teacher: 'matern99' is not in kernels"),
    ("spigler2019_kernel_learning_curves", lambda s: s["kernels"].update(m={"name": "matern"}),
     "kernels.m.nu: a Matern kernel needs"),
    ("spigler2019_kernel_learning_curves", lambda s: s["kernels"].update(m={"name": "laplace", "width": 2}),
     "kernels.m: "),
    ("spigler2019_kernel_learning_curves", lambda s: s.update(sizes=[64, 64, 128]), "sizes: must be strictly increasing"),
    ("paccolat2020_isotropic_kernels", lambda s: s["compression"].update(d=1), "compression.d: needs d >= 2"),
    ("paccolat2020_isotropic_kernels", lambda s: s["compression"].update(factors=[2, 4]), "compression.factors: must include 1"),
    ("paccolat2020_isotropic_kernels", lambda s: s["sphere"]["cases"][0].update(d_par=3), "sphere.cases[0].d_par: 3 must be in"),
    ("paccolat2020_isotropic_kernels", lambda s: s["sphere"]["cases"].append(dict(s["sphere"]["cases"][0])), "sphere.cases: repeated"),
    ("paccolat2020_isotropic_kernels", lambda s: s["sphere"].update(fit_min_P=10**6), "sphere.fit_min_P: 1000000 leaves"),
    ("paccolat2020_isotropic_kernels", lambda s: s["regression"].update(d_pars=[1, 9]), "regression.d_pars[1]: 9 must be in"),
    ("favero2021_locality", lambda s: s.update(teacher_filter=99), "teacher_filter: 99 exceeds"),
    ("favero2021_locality", lambda s: s["students"].append(dict(s["students"][0])), "is listed twice"),
    ("favero2021_locality", lambda s: s["students"][0].update(s=99), "students[0].s: 99 exceeds"),
    ("cagnetta2022_wide_cnn", lambda s: s.update(student_filters=[3, 2, 2]), "student_filters: the first filter"),
    ("cagnetta2022_wide_cnn", lambda s: s["teacher_filters"].append([2, 3]), "is not a multiple of prod(filters)"),
    ("cagnetta2022_wide_cnn", lambda s: s["teacher_filters"].append([2, 4]), "teacher_filters[3]: [2, 4] is not a prefix"),
    ("cagnetta2022_wide_cnn", lambda s: s.update(spectral_grid=[1024, 128, 48]), "spectral_grid: need d / patch = 4"),
    ("cagnetta2022_wide_cnn", lambda s: s.update(spectral_marginal_grid=30), "spectral_grid: need d / patch = 4"),
    ("tomasini2022_spectral_bias", lambda s: s.update(ridges=[1.0, 0.1]), "ridges: must be increasing"),
    ("tomasini2022_spectral_bias", lambda s: s["models"].pop(0), "models: the rigorous d = 1 case"),
    ("tomasini2022_spectral_bias", lambda s: s["spectral_bias"].update(nodes=10), "spectral_bias.nodes: 10 nodes"),
    ("petrini2022_sparse_features", lambda s: s["networks"].update(seeds=99), "networks.seeds: at most"),
    ("petrini2022_sparse_features", lambda s: s["networks"].update(alpha_feature=1e3), "networks.alpha_feature: must be below"),
    ("petrini2022_sparse_features", lambda s: s["fit_min_P"].update(lazy_kernel=10**6), "kernel.fit_min_P"),
    ("petrini2022_sparse_features", lambda s: s.update(dims=[5, 7]), "d: the networks' d = 3 must be one of dims"),
    ("petrini2022_sparse_features", lambda s: s["fit_min_P"].update(feature_limit=[32]), "fit_min_P.feature_limit: one value per d"),
])
def test_impossible_kernel_configs_name_the_field(paper, edit, message):
    section = _section(paper)
    edit(section)
    with pytest.raises(ConfigError, match=_escape(f"{paper}.quick.") + ".*" + _escape(message)):
        PLANS[paper].from_section(section, f"{paper}.quick")


@pytest.mark.parametrize("paper, key, value, message", [
    ("spigler2019_kernel_learning_curves", "seeds", -2, "seeds: -2 is less than"),
    ("paccolat2020_isotropic_kernels", "sizes", [64, -128], "sizes[1]: -128 is less than"),
    ("favero2021_locality", "tests_size", 10, ": Additional properties"),
    ("cagnetta2022_wide_cnn", "d", 0, "d: 0 is less than"),
    ("tomasini2022_spectral_bias", "ridges", [-1.0, 0.1], "ridges[0]: -1.0 is less than"),
    ("petrini2022_sparse_features", "test_size", 0, "test_size: 0 is less than"),
])
def test_kernel_schema_errors_name_the_field(paper, key, value, message):
    from dltheory.core.config import build_schema, deep_merge, load_paper_defaults, validate

    base = yaml.safe_load((ROOT / "config" / "config.yaml").read_text())
    cfg = deep_merge(load_paper_defaults(ROOT / "config"), base)
    cfg[paper]["quick"][key] = value
    with pytest.raises(ConfigError) as err:
        validate(cfg, build_schema(ROOT / "workflow" / "schemas"))
    assert f"{paper}.quick{message if message.startswith(':') else '.' + message}" in str(err.value)
