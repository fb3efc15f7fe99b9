"""ask(): one structured call with validation, one re-ask, strict schemas and the reply cache."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fakes import invalid_then_valid
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from openai import LengthFinishReasonError
from openai.types.chat import ChatCompletion
from pydantic import BaseModel, Field

from agent.errors import ModelError
from agent.llm.fake import FakeChatModel
from agent.llm.response_cache import ResponseCache
from agent.llm.structured import RepairFailed, ask, strict_schema
from agent.pipeline.replies import AttributionReply, FramingReply, SummaryReply

SOURCE = "Die Stadt Lindau hat am Montag 120 neue Bäume gepflanzt. Der Bürgermeister sagte, das sei erst der Anfang."
MESSAGES: list[BaseMessage] = [
    SystemMessage(content="You are a careful news analyst."),
    HumanMessage(content=f"<article-0123456789>\n{SOURCE}\n</article-0123456789>"),
    HumanMessage(content="TASK: summarise the article above in German."),
]
CONTEXT = {"source": SOURCE, "language": "de"}
VALID = json.dumps({"summary": "Die Stadt Lindau hat am Montag 120 neue Bäume gepflanzt."}, ensure_ascii=False)


class RecordingFake(FakeChatModel):
    """FakeChatModel that also records the call options (response_format, max_tokens)."""

    options: list[dict[str, Any]] = Field(default_factory=list)

    def _generate(self, messages, stop=None, run_manager=None, **kwargs):  # noqa: ANN001, ANN202
        self.options.append(kwargs)
        return super()._generate(messages, stop, run_manager, **kwargs)


def fake(responder) -> FakeChatModel:  # noqa: ANN001
    return FakeChatModel(responder=responder)


def fake_usage(messages: list[BaseMessage], answer: str) -> tuple[int, int]:
    """Token counts FakeChatModel reports for one call."""
    return sum(len(str(m.content)) for m in messages) // 4, max(1, len(answer) // 4)


def test_valid_answer_is_parsed_and_recorded() -> None:
    llm = fake(lambda messages: VALID)
    parsed, record = ask(llm, MESSAGES, SummaryReply, step="summary", prompt_id="summary@1", context=CONTEXT)
    assert parsed.summary == "Die Stadt Lindau hat am Montag 120 neue Bäume gepflanzt."
    assert (record.step, record.prompt, record.repairs) == ("summary", "summary@1", 0)
    assert (record.input_tokens, record.output_tokens) == fake_usage(MESSAGES, VALID)
    assert record.cached_tokens == 0
    assert record.seconds >= 0
    assert len(llm.calls) == 1 and llm.calls[0] == MESSAGES


def test_response_format_is_the_strict_schema() -> None:
    llm = RecordingFake(responder=lambda messages: VALID)
    ask(llm, MESSAGES, SummaryReply, step="summary", prompt_id="summary@1", context=CONTEXT, max_tokens=123)
    (options,) = llm.options
    assert options["max_tokens"] == 123
    fmt = options["response_format"]
    assert fmt["type"] == "json_schema"
    assert fmt["json_schema"]["name"] == "SummaryReply"
    assert fmt["json_schema"]["strict"] is True
    assert fmt["json_schema"]["schema"] == strict_schema(SummaryReply)


def test_invalid_then_valid_is_repaired_once() -> None:
    llm = fake(invalid_then_valid(VALID, invalid="Hier ist die Zusammenfassung: Lindau pflanzt Bäume."))
    parsed, record = ask(llm, MESSAGES, SummaryReply, step="summary", prompt_id="summary@1", context=CONTEXT)
    assert parsed.summary.startswith("Die Stadt Lindau")
    assert record.repairs == 1
    assert len(llm.calls) == 2
    second = llm.calls[1]
    assert second[:3] == MESSAGES
    assert isinstance(second[3], AIMessage)
    assert second[3].content == "Hier ist die Zusammenfassung: Lindau pflanzt Bäume."
    assert isinstance(second[4], HumanMessage)
    assert second[4].content.startswith("Your answer was not valid: ")
    assert "Invalid JSON" in second[4].content
    first_in, first_out = fake_usage(MESSAGES, "Hier ist die Zusammenfassung: Lindau pflanzt Bäume.")
    second_in, second_out = fake_usage(second, VALID)
    assert (record.input_tokens, record.output_tokens) == (first_in + second_in, first_out + second_out)


@pytest.mark.parametrize(
    ("invalid", "error_text"),
    [
        ('{"summary": "   "}', "summary: Value error, the summary is empty"),
        ('{"summary": "Lindau hat 999 Bäume gepflanzt."}', "the numbers 999 do not occur in the article"),
        ('{"text": "Lindau"}', "summary: Field required"),
        (
            '{"summary": "The city of Lindau planted new trees on Monday, the mayor said."}',
            "the summary is in English, it must be in German",
        ),
    ],
)
def test_validation_error_text_is_shown_to_the_model(invalid: str, error_text: str) -> None:
    llm = fake(invalid_then_valid(VALID, invalid=invalid))
    _, record = ask(llm, MESSAGES, SummaryReply, step="summary", prompt_id="summary@1", context=CONTEXT)
    assert record.repairs == 1
    assert error_text in llm.calls[1][-1].content


def test_always_invalid_raises_repair_failed_after_one_reask() -> None:
    llm = fake(lambda messages: "no json, sorry")
    with pytest.raises(RepairFailed, match="step summary: the model's answer stayed invalid after a re-ask"):
        ask(llm, MESSAGES, SummaryReply, step="summary", prompt_id="summary@1", context=CONTEXT)
    assert len(llm.calls) == 2
    assert issubclass(RepairFailed, ModelError)


def attribution_json(speaker: str, form: str = "indirect", claim_en: str = "It is only the beginning.") -> str:
    return json.dumps(
        {
            "form": form,
            "source_phrase": f"sagte {speaker}",
            "speaker": speaker,
            "speaker_role": "",
            "claim_en": claim_en,
        }
    )


PASSAGE_CONTEXT = {
    "source": SOURCE,
    "language": "de",
    "passage": "Der Bürgermeister Hans Kogler sagte, das sei erst der Anfang.",
    "previous": "Die Stadt Lindau hat am Montag 120 neue Bäume gepflanzt.",
}


@pytest.mark.parametrize(
    ("first_speaker", "error_text"),
    [
        ("Angela Merkel", "speaker 'Angela Merkel' is not named in the passage or the previous passage"),
        ("er", "speaker 'er' is a pronoun"),
        ("", "speaker is empty although form is not 'none'"),
    ],
)
def test_attribution_validator_uses_the_passage_context(first_speaker: str, error_text: str) -> None:
    llm = fake(invalid_then_valid(attribution_json("Hans Kogler"), invalid=attribution_json(first_speaker)))
    parsed, record = ask(
        llm, MESSAGES, AttributionReply, step="attribution", prompt_id="attribution@1", context=PASSAGE_CONTEXT
    )
    assert parsed.speaker == "Hans Kogler"
    assert record.repairs == 1
    assert error_text in llm.calls[1][-1].content


@pytest.mark.parametrize(
    ("claim_en", "error_text"),
    [
        ("Das sei erst der Anfang, sagte der Bürgermeister am Montag.", "claim_en is in German, it must be in English"),
        ("", "claim_en is empty"),
    ],
)
def test_attribution_claim_en_must_be_a_whole_english_sentence(claim_en: str, error_text: str) -> None:
    invalid = attribution_json("Hans Kogler", claim_en=claim_en)
    llm = fake(invalid_then_valid(attribution_json("Hans Kogler"), invalid=invalid))
    parsed, record = ask(
        llm, MESSAGES, AttributionReply, step="attribution", prompt_id="attribution@1", context=PASSAGE_CONTEXT
    )
    assert (parsed.claim_en, record.repairs) == ("It is only the beginning.", 1)
    assert error_text in llm.calls[1][-1].content


def test_attribution_cut_off_claim_en_is_marked_not_re_asked() -> None:
    llm = fake(lambda m: attribution_json("Hans Kogler", claim_en="Hans Kogler said that this was"))
    parsed, record = ask(
        llm, MESSAGES, AttributionReply, step="attribution", prompt_id="attribution@1", context=PASSAGE_CONTEXT
    )
    assert (parsed.claim_en, record.repairs) == ("Hans Kogler said that this was …", 0)


def test_attribution_role_not_next_to_the_name_is_dropped() -> None:
    answer = json.dumps(
        {
            "form": "indirect",
            "source_phrase": "sagte Hans Kogler",
            "speaker": "„Hans Kogler“",
            "speaker_role": "Bundeskanzler",
            "claim_en": "It is only the beginning.",
        }
    )
    parsed, record = ask(
        fake(lambda m: answer),
        MESSAGES,
        AttributionReply,
        step="attribution",
        prompt_id="attribution@1",
        context=PASSAGE_CONTEXT,
    )
    assert (parsed.speaker, parsed.speaker_role, record.repairs) == ("Hans Kogler", "", 0)


def test_attribution_form_none_clears_the_speaker() -> None:
    answer = json.dumps(
        {"form": "none", "source_phrase": "", "speaker": "Niemand", "speaker_role": "x", "claim_en": "Narration."}
    )
    parsed, _ = ask(
        fake(lambda m: answer),
        MESSAGES,
        AttributionReply,
        step="attribution",
        prompt_id="attribution@1",
        context=PASSAGE_CONTEXT,
    )
    assert (parsed.form, parsed.speaker, parsed.speaker_role) == ("none", "", "")


def test_model_failure_becomes_model_error() -> None:
    def broken(messages: list[BaseMessage]) -> str:
        raise ConnectionError("connection refused")

    with pytest.raises(ModelError, match="model call failed in step summary: connection refused"):
        ask(fake(broken), MESSAGES, SummaryReply, step="summary", prompt_id="summary@1", context=CONTEXT)


def test_cut_off_answer_counts_as_invalid_and_is_reasked() -> None:
    completion = ChatCompletion.model_validate(
        {
            "id": "x",
            "object": "chat.completion",
            "created": 0,
            "model": "m",
            "choices": [{"index": 0, "finish_reason": "length", "message": {"role": "assistant", "content": '{"su'}}],
            "usage": {"prompt_tokens": 50, "completion_tokens": 400, "total_tokens": 450},
        }
    )
    state = {"n": 0}

    def responder(messages: list[BaseMessage]) -> str:
        state["n"] += 1
        if state["n"] == 1:
            raise LengthFinishReasonError(completion=completion)
        return VALID

    llm = fake(responder)
    parsed, record = ask(llm, MESSAGES, SummaryReply, step="summary", prompt_id="summary@1", context=CONTEXT)
    assert parsed.summary.startswith("Die Stadt Lindau")
    assert record.repairs == 1
    assert "too long and was cut off" in llm.calls[1][-1].content
    second_in, second_out = fake_usage(llm.calls[1], VALID)
    assert (record.input_tokens, record.output_tokens) == (50 + second_in, 400 + second_out)


# --- strict schemas ---------------------------------------------------------------------------


def walk(node: Any):  # noqa: ANN201
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from walk(value)


@pytest.mark.parametrize("reply", [SummaryReply, AttributionReply, FramingReply])
def test_strict_schema_closes_every_object(reply: type[BaseModel]) -> None:
    schema = strict_schema(reply)
    objects = [n for n in walk(schema) if n.get("type") == "object" and "properties" in n]
    assert objects
    for node in objects:
        assert node["additionalProperties"] is False
        assert node["required"] == list(node["properties"])
    assert not any("default" in n or "title" in n for n in walk(schema) if "type" in n)


def test_strict_schema_nested_object() -> None:
    schema = strict_schema(FramingReply)
    side = schema["$defs"]["SourceSide"]
    assert side["additionalProperties"] is False
    assert side["required"] == ["speaker", "side", "official"]
    assert schema["properties"]["sources"]["items"] == {"$ref": "#/$defs/SourceSide"}
    assert schema["required"] == ["targets", "loaded_terms", "sources"]


def test_strict_schema_does_not_change_the_model_schema() -> None:
    before = json.dumps(FramingReply.model_json_schema(), sort_keys=True)
    strict_schema(FramingReply)
    assert json.dumps(FramingReply.model_json_schema(), sort_keys=True) == before


class Headline(BaseModel):
    title: str
    default: bool = False


def test_strict_schema_keeps_fields_named_title_and_default() -> None:
    schema = strict_schema(Headline)
    assert set(schema["properties"]) == {"title", "default"}
    assert schema["required"] == ["title", "default"]


# --- reply cache ------------------------------------------------------------------------------


def test_cache_second_identical_ask_makes_no_model_call(tmp_path: Path) -> None:
    cache = ResponseCache(tmp_path / "responses")
    llm = fake(lambda messages: VALID)
    first, _ = ask(
        llm,
        MESSAGES,
        SummaryReply,
        step="summary",
        prompt_id="summary@1",
        context=CONTEXT,
        cache=cache,
        model_id="fake:m",
    )
    second, record = ask(
        llm,
        MESSAGES,
        SummaryReply,
        step="summary",
        prompt_id="summary@1",
        context=CONTEXT,
        cache=cache,
        model_id="fake:m",
    )
    assert len(llm.calls) == 1
    assert cache.hits == 1
    assert second == first
    assert (record.input_tokens, record.output_tokens, record.repairs) == (0, 0, 0)
    assert len(list((tmp_path / "responses").rglob("*.json"))) == 1


@pytest.mark.parametrize(
    "change",
    ["model", "messages", "schema"],
)
def test_cache_key_covers_model_messages_and_schema(tmp_path: Path, change: str) -> None:
    cache = ResponseCache(tmp_path)
    llm = fake(lambda messages: VALID)
    ask(llm, MESSAGES, SummaryReply, step="s", prompt_id="summary@1", context=CONTEXT, cache=cache, model_id="a")
    model_id = "b" if change == "model" else "a"
    messages = [*MESSAGES[:2], HumanMessage(content="TASK: summarise again.")] if change == "messages" else MESSAGES

    class OtherSummary(SummaryReply):
        extra: str = ""

    reply = OtherSummary if change == "schema" else SummaryReply
    ask(llm, messages, reply, step="s", prompt_id="summary@1", context=CONTEXT, cache=cache, model_id=model_id)
    assert len(llm.calls) == 2
    assert cache.hits == 0


def test_repaired_answer_is_not_cached(tmp_path: Path) -> None:
    cache = ResponseCache(tmp_path)
    llm = fake(invalid_then_valid(VALID))
    for _ in range(2):
        ask(llm, MESSAGES, SummaryReply, step="s", prompt_id="summary@1", context=CONTEXT, cache=cache)
    assert len(llm.calls) == 3  # invalid + valid, then a fresh call: the repair was not stored
    assert cache.hits == 0


def test_corrupt_cache_entry_is_ignored_and_overwritten(tmp_path: Path) -> None:
    cache = ResponseCache(tmp_path)
    key = cache.key("m", MESSAGES, strict_schema(SummaryReply))
    path = tmp_path / key[:2] / f"{key}.json"
    path.parent.mkdir(parents=True)
    path.write_text("{not json", encoding="utf-8")
    llm = fake(lambda messages: VALID)
    ask(llm, MESSAGES, SummaryReply, step="s", prompt_id="summary@1", context=CONTEXT, cache=cache, model_id="m")
    assert len(llm.calls) == 1
    assert json.loads(path.read_text(encoding="utf-8")) == {"content": VALID}


def test_cache_defaults_to_agent_cache_dir(_isolated_cache: Path) -> None:
    assert ResponseCache().folder == _isolated_cache / "responses"


@pytest.mark.parametrize(
    ("passage", "previous", "speaker", "error_text"),
    [
        # The only mention of the name is inside the quote: the quote is not its own speaker.
        ("„Die Bank kann sich das nicht leisten.“", "", "Bank", "outside the quoted words"),
        # A passage that opens with a subject pronoun speaks for someone named before it.
        ("Sie warf der Regierung vor, die Lage auszunutzen.", "", "Regierung", "begins with the pronoun 'Sie'"),
        ("Sie warf der Regierung vor, zu zögern.", "Petra Pau sprach im Bundestag.", "Regierung", "'Sie'"),
    ],
)
def test_attribution_speaker_is_not_taken_from_a_quote_or_after_a_pronoun(
    passage: str, previous: str, speaker: str, error_text: str
) -> None:
    context = {"source": passage + " " + previous, "language": "de", "passage": passage, "previous": previous}
    llm = fake(lambda m: attribution_json(speaker))
    with pytest.raises(RepairFailed):
        ask(llm, MESSAGES, AttributionReply, step="attribution", prompt_id="attribution@1", context=context)
    assert error_text in llm.calls[1][-1].content


def test_attribution_pronoun_opening_accepts_the_name_before_it() -> None:
    passage, previous = "Sie warf der Regierung vor, zu zögern.", "Petra Pau sprach im Bundestag."
    context = {"source": previous + " " + passage, "language": "de", "passage": passage, "previous": previous}
    parsed, record = ask(
        fake(lambda m: attribution_json("Petra Pau")),
        MESSAGES,
        AttributionReply,
        step="attribution",
        prompt_id="attribution@1",
        context=context,
    )
    assert (parsed.speaker, record.repairs) == ("Petra Pau", 0)
