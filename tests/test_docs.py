"""The READMEs say only what works (in the style of sqlite-utils' documentation tests): every `make` target and
`newswh` subcommand they name exists, each command is run the way a fresh clone can run it, and the settings in
`.env.example`, the README and the code are the same set."""

from __future__ import annotations

import re
from pathlib import Path

from pipelines.cli import cli, main

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", ROOT / "sql" / "README.md"]
# Design notes and benchmarks moved out of the README (issue 26): what they name must exist too, but every command
# and setting must still be named in the READMEs above, where a new user looks first.
NOTES = sorted((ROOT / "docs").glob("*.md"))
README_LINES_MAX = 250
# Settings that are not ours to read in pipelines/config.py, and the file that reads each (checked below).
READ_ELSEWHERE = {}


def _code(text: str) -> list[str]:
    """Inline code spans and fenced blocks: where commands are written."""
    blocks = re.findall(r"```[^\n]*\n(.*?)```", text, re.S)
    without_blocks = re.sub(r"```.*?```", "", text, flags=re.S)
    return blocks + re.findall(r"`([^`\n]+)`", without_blocks)


def _makefile_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return {t for line in re.findall(r"^([\w .-]+):(?!=)", text, re.M) for t in line.split()}


def _documented_targets() -> set[str]:
    """Targets with a `## what it does` note: the ones meant for people."""
    return set(re.findall(r"^([\w-]+):[^=\n]*##", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M))


def _subcommands() -> set[str]:
    return set(cli.commands)


def _code_of_docs(docs: list[Path] = DOCS) -> str:
    return "\n".join(c for doc in docs for c in _code(doc.read_text(encoding="utf-8")))


def test_every_make_target_named_exists_and_every_documented_target_is_named() -> None:
    named = set(re.findall(r"\bmake ([a-z][\w-]*)", _code_of_docs()))
    in_notes = set(re.findall(r"\bmake ([a-z][\w-]*)", _code_of_docs(NOTES)))
    assert named, "no make command found in the READMEs"
    assert (named | in_notes) - _makefile_targets() == set()
    assert _documented_targets() - named == set()  # each target meant for people is in the README


def test_every_newswh_subcommand_named_exists_and_each_is_documented(capsys) -> None:
    code = _code_of_docs()
    named = set(re.findall(r"\bnewswh ([a-z][\w-]*)", code))
    in_notes = set(re.findall(r"\bnewswh ([a-z][\w-]*)", _code_of_docs(NOTES)))
    subcommands = _subcommands()
    assert (named | in_notes) - subcommands == set()
    assert subcommands - named == set()
    for command in subcommands:  # and each prints its --help (no import error behind it)
        assert main([command, "--help"]) == 0, command
        assert capsys.readouterr().out.startswith(f"Usage: newswh {command} "), command


def test_commands_run_as_written_on_a_fresh_clone() -> None:
    """uv is bootstrapped into .tools/bin, not put on PATH: a bare `uv run ...` fails there."""
    code = _code_of_docs([*DOCS, *NOTES])
    assert not re.search(r"(^|\n|\s)uv (run|sync|pip)\b", code), "use a make target or .venv/bin/..."
    for program in set(re.findall(r"\.venv/bin/([\w-]+)", code)):
        assert (ROOT / ".venv" / "bin" / program).exists(), program  # installed by `uv sync` (make install)


def test_settings_in_env_example_readme_and_code_agree() -> None:
    example = set(re.findall(r"^([A-Z][A-Z0-9_]+)=", (ROOT / ".env.example").read_text(encoding="utf-8"), re.M))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    configuration = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    in_readme = set(re.findall(r"`([A-Z][A-Z0-9_]{3,})`", configuration))
    config = (ROOT / "pipelines" / "config.py").read_text(encoding="utf-8")
    in_config = set(re.findall(r"_\w+\(\"([A-Z][A-Z0-9_]+)\"", config))
    assert example == in_readme, "README's Configuration section and .env.example list different settings"
    assert in_config - example == set(), "read by pipelines/config.py but not in .env.example"
    assert example - in_config == set(READ_ELSEWHERE), "in .env.example but read nowhere we know of"
    for name, reader in READ_ELSEWHERE.items():
        assert name in (ROOT / reader).read_text(encoding="utf-8"), f"{name} is not read in {reader}"


def test_readme_is_a_short_front_page_linking_to_every_note() -> None:
    # issue 26: quick start first, under 250 lines; the design notes and benchmarks it moved out are linked
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) < README_LINES_MAX
    assert readme.index("make demo") < readme.index("\n## Concepts") < readme.index("\n## Commands")
    assert NOTES, "docs/ holds no notes"
    assert [note.name for note in NOTES if f"](docs/{note.name})" not in readme] == []


def test_links_between_the_documents_resolve() -> None:
    for doc in [*DOCS, *NOTES]:
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", doc.read_text(encoding="utf-8")):
            assert (doc.parent / target).exists(), f"{doc.relative_to(ROOT)} links to missing {target}"
