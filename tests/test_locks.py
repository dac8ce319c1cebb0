"""The locks (requirements/*.txt) pin every dependency pyproject.toml names, with hashes, and
the environment the tests run in is the locked one."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from builders import paths

LOCKS = paths.PROJECT_ROOT / "requirements"
PIN = re.compile(
    r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)((?:\s*\\\n\s+--hash=sha256:[0-9a-f]{64})*)", re.M
)


def _pins(name: str) -> dict[str, tuple[str, int]]:
    """Each locked package's version and how many hashes it carries."""
    text = (LOCKS / name).read_text(encoding="utf-8")
    return {
        canonicalize_name(package): (version, hashes.count("--hash="))
        for package, version, hashes in PIN.findall(text)
    }


def _declared(extra: str | None) -> list[Requirement]:
    pyproject = tomllib.loads((paths.PROJECT_ROOT / "pyproject.toml").read_text())
    project, build = pyproject["project"], pyproject["build-system"]
    lines = project["dependencies"] + (project["optional-dependencies"][extra] if extra else [])
    return [Requirement(line) for line in [*lines, *build["requires"]]]


@pytest.mark.parametrize(("lock", "extra"), [("runtime.txt", None), ("test.txt", "test")])
def test_every_declared_dependency_is_locked_within_its_range(lock: str, extra: str | None) -> None:
    pins = _pins(lock)
    problems = []
    for requirement in _declared(extra):
        pinned = pins.get(canonicalize_name(requirement.name))
        if pinned is None:
            problems.append(f"{requirement.name} is not in requirements/{lock}")
        elif not requirement.specifier.contains(pinned[0], prereleases=True):
            problems.append(f"{requirement.name}=={pinned[0]} is outside '{requirement}'")
    assert not problems, "; ".join(problems) + "  (run `make lock`)"


@pytest.mark.parametrize("lock", ["runtime.txt", "test.txt"])
def test_every_pin_carries_a_hash(lock: str) -> None:
    pins = _pins(lock)
    assert len(pins) > 50  # the whole tree, not the direct dependencies alone
    assert [name for name, (_, hashes) in pins.items() if hashes == 0] == []


def test_the_locks_agree_and_the_tests_run_in_the_locked_environment() -> None:
    runtime, test = _pins("runtime.txt"), _pins("test.txt")
    assert {name: runtime[name][0] for name in runtime} == {name: test[name][0] for name in runtime}
    installed: dict[str, str] = {
        canonicalize_name(dist.metadata["Name"]): dist.version for dist in metadata.distributions()
    }
    drift = {
        name: (version, installed.get(name))
        for name, (version, _) in test.items()
        if installed.get(name) != version and name not in {"pip"}
    }
    assert drift == {}, f"installed packages differ from requirements/test.txt: {drift} (run make)"
