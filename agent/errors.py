"""Typed errors of the agent: one base class, caught once at the CLI edge.

Every message names the fix, so the CLI can print it as one line and exit
non-zero without a traceback.
"""

from __future__ import annotations


class AgentError(Exception):
    """Base class of every error the agent reports to a user."""

    exit_code = 1


class InputError(AgentError):
    """The article could not be read: missing, empty, binary, too large, unreachable."""

    exit_code = 2


class ModelError(AgentError):
    """The language model could not be set up or did not give a valid answer."""

    exit_code = 3


class PromptError(AgentError):
    """A prompt file is missing, malformed or lacks a template variable."""

    exit_code = 4


class EvalError(AgentError):
    """An eval dataset or report could not be read, or a regression gate failed."""

    exit_code = 5
