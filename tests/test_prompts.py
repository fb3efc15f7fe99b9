"""Versioned prompt files: parsing, strict single-pass rendering, references and errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent.errors import PromptError
from agent.prompts import list_prompts, load_prompt, parse_prompt_ref, prompts_dir

PROMPT_FILES = sorted(prompts_dir().glob("*@*.md"))

# The variables each shipped prompt must take (a change here is a new prompt version).
EXPECTED_VARIABLES = {
    "article@1": {"fence", "language_name", "title", "text"},
    "attribution@1": {"fence", "previous", "passage"},
    "attribution@2": {"fence", "previous", "passage"},
    "framing@1": {"sources"},
    "headline_stance@1": {"fence", "claim"},
    "judge@1": {"fence", "summary"},
    "reduce_summary@1": {"fence", "language_name", "parts"},
    "stance@1": {"target"},
    "stance_actor@1": {"fence", "actor", "target", "statements"},
    "summary@1": {"language_name"},
    "system@1": {"fence"},
    "translate_summary@1": {"fence", "summary"},
}


def test_prompt_folder_is_the_repository_folder() -> None:
    assert {p.name for p in PROMPT_FILES} >= {f"{ref}.md" for ref in EXPECTED_VARIABLES}


@pytest.mark.parametrize("path", PROMPT_FILES, ids=lambda p: p.name)
def test_every_prompt_file_parses_and_renders(path: Path) -> None:
    name, version = path.stem.split("@")
    prompt = load_prompt(name, int(version))
    assert prompt.id == path.stem
    assert prompt.meta.get("description"), f"{path.name} has no description"
    assert not prompt.body.startswith("---")
    assert prompt.body.endswith("\n") and prompt.body.strip()
    values = {v: f"<value of {v}>" for v in prompt.variables}
    rendered = prompt.render(**values)
    assert "{{" not in rendered and "}}" not in rendered
    for v in prompt.variables:
        assert f"<value of {v}>" in rendered


@pytest.mark.parametrize(("ref", "variables"), sorted(EXPECTED_VARIABLES.items()))
def test_prompt_variables(ref: str, variables: set[str]) -> None:
    name, version = ref.split("@")
    assert load_prompt(name, int(version)).variables == variables


@pytest.mark.parametrize("ref", sorted(set(EXPECTED_VARIABLES) - {"system@1", "article@1"}))
def test_task_prompts_start_with_task(ref: str) -> None:
    name, version = ref.split("@")
    assert load_prompt(name, int(version)).body.startswith("TASK: ")


def test_render_missing_variable_raises() -> None:
    prompt = load_prompt("summary", 1)
    with pytest.raises(PromptError, match=r"missing variables \['language_name'\]"):
        prompt.render()


def test_render_extra_variable_raises() -> None:
    prompt = load_prompt("summary", 1)
    with pytest.raises(PromptError, match=r"unexpected \['fence'\]"):
        prompt.render(language_name="German", fence="article-x")


@pytest.mark.parametrize("payload", ["{{ fence }}", "{{ x }}", "{{language_name}}", "}} {{ text }} {{"])
def test_article_text_is_inserted_literally(payload: str) -> None:
    prompt = load_prompt("article", 1)
    text = f"Ein Satz. {payload} Noch ein Satz."
    rendered = prompt.render(fence="article-abc", language_name="German", title="T", text=text)
    assert text in rendered
    assert rendered.count("<article-abc>") == 1
    assert rendered.count("</article-abc>") == 1
    assert "Language: German" in rendered


def test_default_false_keeps_a_newer_version_from_being_the_default() -> None:
    assert load_prompt("attribution").version == 1
    assert load_prompt("attribution", 2).meta["default"] == "false"


def test_list_prompts_sorted() -> None:
    ids = [p.id for p in list_prompts()]
    assert "summary@1" in ids
    assert ids == sorted(ids, key=lambda i: (i.split("@")[0], int(i.split("@")[1])))


@pytest.mark.parametrize(
    ("ref", "expected"),
    [("summary@1", ("summary", 1)), ("attribution@2", ("attribution", 2))],
)
def test_parse_prompt_ref(ref: str, expected: tuple[str, int]) -> None:
    assert parse_prompt_ref(ref) == expected


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("summary", "NAME@VERSION"),
        ("summary@", "NAME@VERSION"),
        ("summary@v1", "NAME@VERSION"),
        ("summary@-1", "NAME@VERSION"),
        ("summary@99", "no version 99; available: [1, 2]"),
        ("nosuchprompt@1", "no prompt named 'nosuchprompt'"),
    ],
)
def test_parse_prompt_ref_errors(ref: str, message: str) -> None:
    with pytest.raises(PromptError, match=message.replace("[", r"\[").replace("]", r"\]")):
        parse_prompt_ref(ref)


# --- a folder of our own prompt files for the error cases -------------------------------------


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    write(tmp_path, "greet@1.md", "---\ndescription: Say hello.\n---\nHello {{ who }}!\n")
    write(tmp_path, "greet@2.md", "---\ndescription: Say hello twice.\n---\nHello {{ who }}, {{who}}!\n")
    write(tmp_path, "greet@3.md", "---\ndescription: Experimental.\ndefault: false\n---\nHi {{ who }}\n")
    write(tmp_path, "plain@1.md", "No front matter, no variables.\n\n")
    return tmp_path


def test_own_folder_versions_and_default(folder: Path) -> None:
    assert load_prompt("greet", folder=folder).version == 2
    assert load_prompt("greet", 3, folder=folder).render(who="Ana") == "Hi Ana\n"
    assert load_prompt("greet", 2, folder=folder).render(who="Bo") == "Hello Bo, Bo!\n"
    plain = load_prompt("plain", folder=folder)
    assert plain.meta == {} and plain.variables == set()
    assert plain.render() == "No front matter, no variables.\n"
    assert [p.id for p in list_prompts(folder)] == ["greet@1", "greet@2", "greet@3", "plain@1"]


def test_unknown_version_lists_versions(folder: Path) -> None:
    with pytest.raises(PromptError) as info:
        load_prompt("greet", 7, folder=folder)
    assert str(info.value) == "prompt greet has no version 7; available: [1, 2, 3]"


def test_unknown_name(folder: Path) -> None:
    with pytest.raises(PromptError, match="no prompt named 'bye'"):
        load_prompt("bye", folder=folder)


def test_unclosed_front_matter(tmp_path: Path) -> None:
    write(tmp_path, "broken@1.md", "---\ndescription: never closed\nHello\n")
    with pytest.raises(PromptError, match="front matter is not closed"):
        load_prompt("broken", folder=tmp_path)


def test_badly_named_prompt_file(tmp_path: Path) -> None:
    write(tmp_path, "Bad-Name@1.md", "Hello\n")
    with pytest.raises(PromptError, match="is not named <name>@<version>.md"):
        list_prompts(tmp_path)


def test_only_default_false_versions_fall_back_to_newest(tmp_path: Path) -> None:
    write(tmp_path, "exp@1.md", "---\ndescription: a\ndefault: false\n---\nA\n")
    write(tmp_path, "exp@2.md", "---\ndescription: b\ndefault: false\n---\nB\n")
    assert load_prompt("exp", folder=tmp_path).version == 2
