"""Named random streams."""

import pytest

from dltheory.core.seeding import derive_seed, stream_seeds


def test_streams_are_distinct_stable_and_63_bit():
    seeds = stream_seeds(0, "rules", "sample", "init", "sgd")
    assert len(set(seeds.values())) == 4
    assert derive_seed(0, "rules") == derive_seed(0, "rules")
    assert derive_seed(0, "sgd", 128) != derive_seed(0, "sgd", 256)
    assert derive_seed(1, "rules") != derive_seed(0, "rules")
    assert all(0 <= s < 2**63 for s in seeds.values())
    # pinned: results in results/ depend on these values never changing
    assert derive_seed(0, "rules") == derive_seed(0, "rules", *())
    assert derive_seed(3, "init") == 5547429049336470802


def test_negative_replicate_rejected():
    with pytest.raises(ValueError):
        derive_seed(-1, "rules")
