"""Bad configurations of the kernel papers stop the run before any job, naming the field."""

import pytest

from conftest import assert_config_rejected

pytestmark = pytest.mark.workflow


@pytest.mark.parametrize("target, override, message", [
    ("figure_kernel_teacher_student", "spigler2019_kernel_learning_curves={quick: {test_size: -5}}",
     "spigler2019_kernel_learning_curves.quick.test_size: -5 is less than"),
    ("figure_kernel_teacher_student", "spigler2019_kernel_learning_curves={quick: {seedz: 3}}",
     "spigler2019_kernel_learning_curves.quick: Additional properties"),
    ("figure_kernel_teacher_student", "spigler2019_kernel_learning_curves={quick: {sizes: [64, 32, 128]}}",
     "spigler2019_kernel_learning_curves.quick.sizes: must be strictly increasing"),
    ("figure_kernel_teacher_student",
     "spigler2019_kernel_learning_curves={quick: {real_data: {pca_fit: [32, 1024]}}}",
     "spigler2019_kernel_learning_curves.quick.real_data.pca_fit: the largest fitted rank 1024"),
    ("figure_svm_stripe", "paccolat2020_isotropic_kernels={quick: {fit_min_P: 100000}}",
     "paccolat2020_isotropic_kernels.quick.fit_min_P: 100000 leaves fewer than two sizes"),
    ("figure_local_kernels", "favero2021_locality={quick: {teacher_filter: 40}}",
     "favero2021_locality.quick.teacher_filter: 40 exceeds"),
    ("figure_deep_cntk", "cagnetta2022_wide_cnn={quick: {student_filters: [3, 2, 2]}}",
     "cagnetta2022_wide_cnn.quick.student_filters: the first filter must be the patch size"),
    ("figure_spectral_bias", "tomasini2022_spectral_bias={quick: {ridges: [1.0, 0.1]}}",
     "tomasini2022_spectral_bias.quick.ridges: must be increasing"),
    ("figure_sparse_features", "petrini2022_sparse_features={quick: {networks: {sizes: [16, 4096]}}}",
     "petrini2022_sparse_features.quick.networks.sizes: must not exceed"),
])
def test_bad_kernel_config_is_rejected(target, override, message, tmp_path):
    assert_config_rejected(target, override, message, tmp_path)
