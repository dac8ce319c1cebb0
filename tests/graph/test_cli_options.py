"""The command line's shape: commands registered once, option names, -v/-q and logs."""

from __future__ import annotations

import argparse
import ast
import dataclasses
import io
import re
from pathlib import Path

import pytest

from builders import paths
from builders.cliopts import RENAMED, deprecation
from builders.ingest import gazetteer_generate
from graph import api, cli
from graph.cli import COMMANDS, command, main
from graph.store.push import PushResult
from graph.view import ingestview

CLI_SOURCE = Path(cli.__file__)


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    assert len(actions) == 1
    choices: dict[str, argparse.ArgumentParser] = actions[0].choices
    return choices


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_subcommand_answers_help(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as ended:
        main([name, "--help"])
    out = capsys.readouterr().out
    assert ended.value.code == 0
    assert out.startswith(f"usage: claimgraph {name} ")
    assert COMMANDS[name].help.split()[0] in main_help(capsys)


def main_help(capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit):
        main(["--help"])
    return capsys.readouterr().out


def test_each_subcommand_is_registered_in_one_place_only() -> None:
    subparsers = _subparsers(cli._parser())
    assert set(subparsers) == set(COMMANDS)
    for name, sub in subparsers.items():
        assert sub.get_default("handler") is COMMANDS[name].handler
    # and nothing beside the table makes subparsers or dispatches on the command's name
    tree = ast.parse(CLI_SOURCE.read_text(encoding="utf-8"))
    calls = [
        node.func.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
    ]
    assert calls.count("add_parser") == 1
    compared = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Compare)
        and any(
            isinstance(side, ast.Attribute) and side.attr == "command"
            for side in (node.left, *node.comparators)
        )
    ]
    assert compared == [], "dispatch goes through set_defaults(handler=...), not on the name"


def test_a_second_registration_of_a_name_is_refused() -> None:
    before = dict(COMMANDS)
    with pytest.raises(RuntimeError, match="'build' is registered twice"):
        command("build", "build again")(lambda args: None)
    assert before == COMMANDS


# (command, old option, new option, value, the attribute the handler reads)
RENAMES = [
    ("build", "--out", "--out-dir", "some/folder", "out_dir"),
    ("query", "--graph", "--graph-file", "g.nt", "graph_file"),
    ("draw", "--graph", "--graph-file", "g.nt", "graph_file"),
    ("draw", "--out", "--output", "view.html", "output"),
    ("export", "--graph", "--graph-file", "g.nt", "graph_file"),
    ("export", "--out", "--output", "g.graphml", "output"),
    ("serve", "--graph", "--graph-file", "g.nt", "graph_file"),
    ("push", "--graph", "--graph-iri", "https://example.org/g", "graph_iri"),
    ("push", "--nt", "--graph-file", "g.nt", "graph_file"),
]
POSITIONAL = {"query": ["studies"]}


def _recorded(name: str, monkeypatch: pytest.MonkeyPatch) -> list[argparse.Namespace]:
    """Replace the command's handler with one that only records its arguments."""
    seen: list[argparse.Namespace] = []
    monkeypatch.setitem(COMMANDS, name, dataclasses.replace(COMMANDS[name], handler=seen.append))
    return seen


@pytest.mark.parametrize(("name", "old", "new", "value", "dest"), RENAMES)
def test_an_old_option_name_still_works_and_says_the_new_one(
    name: str,
    old: str,
    new: str,
    value: str,
    dest: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    seen = _recorded(name, monkeypatch)
    before = POSITIONAL.get(name, [])
    assert main([name, *before, new, value]) == 0
    assert capsys.readouterr().err == ""
    assert main([name, *before, old, value]) == 0
    err = capsys.readouterr().err
    assert err == f"claimgraph: {deprecation(old, new)}\n"
    with_new, with_old = seen
    expected = value if dest == "graph_iri" else Path(value)
    assert getattr(with_new, dest) == getattr(with_old, dest) == expected
    others = {k: v for k, v in vars(with_old).items() if k != RENAMED}
    assert others == vars(with_new)


def test_the_help_shows_only_the_new_names(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["push", "--help"])
    out = capsys.readouterr().out
    assert "--graph-iri IRI" in out and "--graph-file FILE" in out
    assert "--nt " not in out and "--graph IRI" not in out
    assert "(formerly --nt)" in out


def test_a_real_query_with_the_old_name_gives_the_same_answer(
    seed_out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    graph = str(seed_out / "claims.nt")
    assert main(["query", "studies", "-f", "csv", "--graph-file", graph]) == 0
    new = capsys.readouterr()
    assert main(["query", "studies", "-f", "csv", "--graph", graph]) == 0
    old = capsys.readouterr()
    assert old.out == new.out and new.out.startswith("study,")
    assert old.err == f"claimgraph: {deprecation('--graph', '--graph-file')}\n"


def test_the_gazetteer_generator_keeps_its_old_out_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "mesh"
    empty.mkdir()
    for flag in ("--out-dir", "--out"):  # no MeSH file there: refused, after the options
        assert gazetteer_generate.main(["--mesh", str(empty), flag, str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.count("gazetteer_generate: --out is deprecated") == 1
    assert "use --out-dir instead" in err


def _three_ways(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, tuple[str, str]]:
    """stdout and stderr of the command as it is, with -v and with -q; each flag gives the
    same output before the command name as after it ("claimgraph build -v")."""
    runs = {}
    for loudness in ("", "-v", "-q"):
        assert main([*([loudness] if loudness else []), *argv]) == 0
        captured = capsys.readouterr()
        runs[loudness] = (captured.out, captured.err)
        if loudness:
            assert main([argv[0], loudness, *argv[1:]]) == 0
            after = capsys.readouterr()
            assert (after.out, _untimed(after.err)) == (captured.out, _untimed(captured.err))
    return runs


def _untimed(log: str) -> str:
    """A log without its timings, which differ from run to run."""
    return re.sub(r"\d+(\.\d+)? ?(ms|s)\b", "T", log)


def test_verbose_logs_the_query_on_stderr_and_leaves_stdout_as_it_was(
    seed_out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    runs = _three_ways(
        capsys, "query", "studies", "-f", "csv", "--graph-file", str(seed_out / "claims.nt")
    )
    assert runs[""][0] == runs["-v"][0] == runs["-q"][0]
    assert runs[""][0].startswith("study,") and "claimgraph:" not in runs["-v"][0]
    assert runs[""][1] == runs["-q"][1] == ""
    lines = runs["-v"][1].splitlines()
    assert lines[0] == f"claimgraph: querying {seed_out / 'claims.nt'} (time-out 120 s)"
    assert lines[1].startswith("claimgraph: answered in ")


def test_verbose_logs_each_step_of_a_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    runs = _three_ways(capsys, "build", "--out-dir", str(tmp_path / "out"))
    assert runs[""][0] == runs["-v"][0] == runs["-q"][0]
    assert runs[""][0].startswith("wrote ")
    assert runs[""][1] == runs["-q"][1] == ""
    log = runs["-v"][1]
    for step in ("reading the curated data", "read 1 articles", "the graph conforms", "writing"):
        assert f"claimgraph: {step}" in log


def test_very_verbose_shows_debug_records(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def handler(args: argparse.Namespace) -> None:
        cli.log.debug("a detail")
        cli.log.info("a step")

    monkeypatch.setitem(
        COMMANDS, "queries", dataclasses.replace(COMMANDS["queries"], handler=handler)
    )
    assert main(["queries"]) == 0
    assert capsys.readouterr().err == ""
    assert main(["-v", "queries"]) == 0
    assert capsys.readouterr().err == "claimgraph: a step\n"
    assert main(["-vv", "queries"]) == 0
    assert capsys.readouterr().err == (
        "claimgraph DEBUG graph.cli: a detail\nclaimgraph INFO graph.cli: a step\n"
    )


def test_quiet_hides_warnings_but_not_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    graph = str(tmp_path / "none.nt")
    assert main(["-q", "query", "studies", "--graph", graph]) == 1
    err = capsys.readouterr().err
    assert "deprecated" not in err and "no built graph here" in err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_quiet_silences_the_push_progress(monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[object] = []

    def fake_push(*args: object, progress: object = None, **kwargs: object) -> PushResult:
        shown.append(progress)
        return PushResult(endpoint="http://store", graph="g", triples=0, status=204)

    terminal = _Terminal()
    monkeypatch.setattr(api, "push", fake_push)
    monkeypatch.setattr("sys.stderr", terminal)
    monkeypatch.setattr("sys.stdout", io.StringIO())
    assert main(["push", "--endpoint", "http://store"]) == 0
    assert main(["-q", "push", "--endpoint", "http://store"]) == 0
    assert shown == [terminal, None]


def test_quiet_silences_the_batch_progress(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[bool] = []

    def fake_batch(*args: object, show_progress: bool = True) -> object:
        shown.append(show_progress)
        return type("Summary", (), {"refused": []})()

    monkeypatch.setattr(ingestview, "run_batch", fake_batch)
    assert main(["ingest", str(tmp_path)]) == 0
    assert main(["-q", "ingest", str(tmp_path)]) == 0
    assert shown == [True, False]


def _readme_commands() -> list[tuple[str, str]]:
    """Each ``claimgraph`` command line in the README's code blocks: its first word and the
    rest (continuation lines joined, comments dropped)."""
    readme = (paths.PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    lines: list[str] = []
    for block in re.findall(r"```[a-z]*\n(.*?)```", readme, re.S):
        for line in block.splitlines():
            if line.startswith(" ") and line.lstrip().startswith("[") and lines:
                lines[-1] += " " + line.strip()
            else:
                lines.append(line)
    found = []
    for line in lines:
        for part in line.split("#")[0].split("&&"):
            match = re.match(r"\s*(?:\$ )?claimgraph (\S+)(.*)", part)
            if match:
                found.append((match[1], match[2]))
    return found


def test_the_readme_commands_use_only_current_option_names() -> None:
    parser = cli._parser()
    subparsers = _subparsers(parser)
    commands = _readme_commands()
    assert {name for name, _ in commands} >= set(COMMANDS) | {"-v"}
    for name, rest in commands:
        if name.startswith("-"):
            assert name in parser._option_string_actions
            continue
        known = {
            flag: action
            for flag, action in subparsers[name]._option_string_actions.items()
            if action.help != argparse.SUPPRESS
        }
        for flag in re.findall(r"(?<![\w-])--?[a-z][\w-]*", rest):
            assert flag in known, f"README: claimgraph {name} has no option {flag}"
