"""Library hashes: follow imports, ignore docstrings and comments, see code changes."""

import shutil

from dltheory.core import codehash


def test_scripts_reach_only_what_they_import(root):
    data = codehash.imported_modules(root / "scripts" / "rhm" / "data.py")
    train = codehash.imported_modules(root / "scripts" / "rhm" / "train.py")
    assert "dltheory.rhm.generator" in data and "dltheory.core.artifacts" in data
    assert "dltheory.rhm.cnn" not in data  # editing the CNN does not redo the data
    assert {"dltheory.rhm.cnn", "dltheory.core.training", "dltheory.rhm.generator"} <= set(train)


def test_hash_ignores_docstrings_and_comments_but_not_code(tmp_path, monkeypatch):
    src = tmp_path / "src"
    shutil.copytree(codehash._SRC / "dltheory", src / "dltheory")
    monkeypatch.setattr(codehash, "_SRC", src)
    script = tmp_path / "script.py"
    script.write_text("from dltheory.rhm.generator import RHMSpec\n")

    def fresh_hash():
        codehash.library_hash.cache_clear()
        codehash._parse.cache_clear()
        return codehash.library_hash(script)

    module = src / "dltheory" / "rhm" / "generator.py"
    before = fresh_hash()
    text = module.read_text()
    module.write_text(text.replace('"""Input length', '"""The input length') + "\n# a comment\n")
    assert fresh_hash() == before
    module.write_text(text.replace("return self.s**self.L", "return self.s ** self.L + 0"))
    assert fresh_hash() != before
