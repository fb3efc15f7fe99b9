"""Plain-code text work the model should not do: sentences, quotes, spans, cues, language."""
