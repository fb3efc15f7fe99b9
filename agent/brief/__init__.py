"""Briefings: analyse many articles (resumably) and write one English briefing that cites its sources."""
