"""Versioned prompt files with strict templating.

Prompts live in ``prompts/<name>@<version>.md`` (shipped inside the package
as ``agent/prompts/`` in a wheel). A version never changes once an eval has
used it: a change is a new file with the next version. Placeholders are
``{{ name }}``; rendering fails on a missing variable and on an unknown one,
and substitution is a single pass, so text inserted from an article can never
be read as a placeholder. An optional front matter block between ``---`` lines
holds ``key: value`` metadata (``description`` at least; ``default: false`` keeps an
experimental variant from becoming the default even when it is the newest).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from agent.errors import PromptError

_PLACEHOLDER = re.compile(r"\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}")
_FILE = re.compile(r"^(?P<name>[a-z][a-z0-9_]*)@(?P<version>\d+)\.md$")


def prompts_dir() -> Path:
    """The folder of prompt files: packaged copy in a wheel, else the repository's ``prompts/``."""
    packaged = Path(__file__).parent / "prompts"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parent.parent / "prompts"


@dataclass(frozen=True)
class Prompt:
    """One version of one prompt."""

    name: str
    version: int
    body: str
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def id(self) -> str:
        """``name@version``, as recorded in provenance."""
        return f"{self.name}@{self.version}"

    @property
    def variables(self) -> set[str]:
        """Placeholders the body uses."""
        return set(_PLACEHOLDER.findall(self.body))

    def render(self, **values: str) -> str:
        """Fill every placeholder; a missing or an unexpected variable is an error."""
        missing = self.variables - values.keys()
        extra = values.keys() - self.variables
        if missing or extra:
            raise PromptError(
                f"prompt {self.id}: missing variables {sorted(missing)}, unexpected {sorted(extra)}; "
                "fix the call or the prompt file"
            )
        return _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]), self.body)


def _parse(path: Path) -> Prompt:
    m = _FILE.match(path.name)
    if not m:
        raise PromptError(f"prompt file {path.name} is not named <name>@<version>.md: rename it")
    text = path.read_text(encoding="utf-8")
    meta: dict[str, str] = {}
    if text.startswith("---\n"):
        head, sep, body = text[4:].partition("\n---\n")
        if not sep:
            raise PromptError(f"prompt {path.name}: front matter is not closed by a '---' line")
        for line in head.splitlines():
            key, _, value = line.partition(":")
            meta[key.strip()] = value.strip()
        text = body
    return Prompt(m["name"], int(m["version"]), text.strip() + "\n", meta)


@lru_cache(maxsize=1)
def _catalogue(folder: Path) -> dict[tuple[str, int], Prompt]:
    return {(p.name, p.version): p for p in map(_parse, sorted(folder.glob("*@*.md")))}


def load_prompt(name: str, version: int | None = None, folder: Path | None = None) -> Prompt:
    """The prompt ``name`` at ``version`` (the newest when None)."""
    catalogue = _catalogue(folder or prompts_dir())
    versions = sorted(v for (n, v) in catalogue if n == name)
    if not versions:
        raise PromptError(f"no prompt named {name!r} in {folder or prompts_dir()}: check the name")
    defaults = [v for v in versions if catalogue[(name, v)].meta.get("default", "true") != "false"]
    chosen = (defaults or versions)[-1] if version is None else version
    if chosen not in versions:
        raise PromptError(f"prompt {name} has no version {chosen}; available: {versions}")
    return catalogue[(name, chosen)]


def list_prompts(folder: Path | None = None) -> list[Prompt]:
    """Every prompt version available, sorted by name and version."""
    return sorted(_catalogue(folder or prompts_dir()).values(), key=lambda p: (p.name, p.version))


def parse_prompt_ref(ref: str) -> tuple[str, int]:
    """Parse ``NAME@VERSION`` (as given to ``--prompt``)."""
    name, sep, version = ref.partition("@")
    if not sep or not version.isdigit():
        raise PromptError(f"--prompt takes NAME@VERSION (e.g. summary@2), got {ref!r}")
    load_prompt(name, int(version))
    return name, int(version)
