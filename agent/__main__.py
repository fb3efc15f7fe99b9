"""``python -m agent`` runs the CLI."""

from agent.cli import app

app()
