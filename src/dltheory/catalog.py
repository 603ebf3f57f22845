"""The project's catalog of papers (``workflow/catalog.yaml``) and the README table made from it.

Usage::

    python -m dltheory.catalog --write-readme   # regenerate README's paper table
    python -m dltheory.catalog --check          # exit 1 if README's table is stale
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

__all__ = ["STATUSES", "load_catalog", "figure_targets", "readme_table", "update_readme"]

ROOT = Path(__file__).resolve().parents[2]
CATALOG = ROOT / "workflow" / "catalog.yaml"
README = ROOT / "README.md"
STATUSES = ("reproduced", "partial", "planned", "out_of_scope")
BEGIN, END = "<!-- papers:begin -->", "<!-- papers:end -->"
_REQUIRED = ("id", "title", "authors", "year", "arxiv", "family", "status", "target")


def load_catalog(path: str | Path = CATALOG) -> list[dict]:
    """The papers, checked: known status, unique ids and targets, a target when built."""
    papers = yaml.safe_load(Path(path).read_text())["papers"]
    ids, targets = set(), set()
    for i, paper in enumerate(papers):
        missing = [k for k in _REQUIRED if k not in paper]
        if missing:
            raise ValueError(f"catalog entry {i} ({paper.get('id')}): missing {missing}")
        if paper["status"] not in STATUSES:
            raise ValueError(f"{paper['id']}: status {paper['status']!r} not in {STATUSES}")
        if paper["status"] in ("reproduced", "partial") and not paper["target"]:
            raise ValueError(f"{paper['id']}: status {paper['status']} needs a target")
        if paper["status"] in ("partial", "out_of_scope") and not paper.get("status_note"):
            raise ValueError(f"{paper['id']}: status {paper['status']} needs a status_note")
        if paper["id"] in ids:
            raise ValueError(f"duplicate catalog id {paper['id']}")
        ids.add(paper["id"])
        if paper["target"]:
            if paper["target"] in targets:
                raise ValueError(f"target {paper['target']} named twice")
            targets.add(paper["target"])
    return papers


def figure_targets(papers: list[dict]) -> dict[str, str]:
    """``{target: paper id}`` for every paper whose figure the workflow builds."""
    return {p["target"]: p["id"] for p in papers if p["status"] in ("reproduced", "partial")}


def readme_table(papers: list[dict]) -> str:
    """Markdown table of all papers, built ones first, then by family and year."""
    order = {s: i for i, s in enumerate(STATUSES)}
    rows = sorted(papers, key=lambda p: (order[p["status"]], p["family"], p["year"], p["id"]))
    counts = {s: sum(p["status"] == s for p in papers) for s in STATUSES}
    lines = [
        f"{len(papers)} papers: " + ", ".join(f"{n} {s.replace('_', ' ')}" for s, n in counts.items()) + ".",
        "",
        "| paper | arXiv | family | target | status |",
        "|---|---|---|---|---|",
    ]
    for p in rows:
        arxiv = f"[{p['arxiv']}](https://arxiv.org/abs/{p['arxiv']})" if p["arxiv"] else ""
        target = f"`{p['target']}`" if p["target"] and p["status"] in ("reproduced", "partial") else ""
        title = p["title"].replace("|", "\\|")
        first_author = p["authors"].split(",")[0].strip()
        lines.append(f"| {title} ({first_author} {p['year']}) | {arxiv} | {p['family']} | "
                     f"{target} | {p['status'].replace('_', ' ')} |")
    return "\n".join(lines)


def update_readme(readme: str | Path = README, papers: list[dict] | None = None,
                  write: bool = True) -> bool:
    """Replace the table between the README markers; return True if it changed."""
    papers = load_catalog() if papers is None else papers
    text = Path(readme).read_text()
    if BEGIN not in text or END not in text:
        raise ValueError(f"{readme}: markers {BEGIN} / {END} not found")
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    new = f"{head}{BEGIN}\n{readme_table(papers)}\n{END}{tail}"
    if new != text and write:
        Path(readme).write_text(new)
    return new != text


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write-readme", action="store_true", help="regenerate README's table")
    group.add_argument("--check", action="store_true", help="fail if README's table is stale")
    args = parser.parse_args(argv)
    if args.check:
        stale = update_readme(write=False)
        if stale:
            print("README's paper table is stale: run python -m dltheory.catalog --write-readme")
        return int(stale)
    changed = update_readme()
    print("README updated" if changed else "README already up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
