"""The eval suite's pure-code parts: cases, dataset readers, metrics, reports.

- ``cases``: the data model of one eval case and its gold labels.
- ``datasets``: readers for our own rows and the external formats (SpkAtt, MLSUM, FNC-1, HTML pages).
- ``names``: speaker-name matching a person would accept, and speaker precision/recall.
- ``rouge``: ROUGE-1/2/L without external packages, and the lead-n baseline.
- ``scorers``: per-case metrics (a dict of named floats) from a case and the model's output.
- ``report``: case results, aggregation, the baseline regression gate, JSON files.
- ``html_report``: one self-contained HTML page for a report.
"""
