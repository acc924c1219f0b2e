"""The one clinical vocabulary: the profile contract (revision 2) and every word it defines.

Django-free and app-free, at the bottom of the house: extraction, consolidation, guidance
rules, trial matching and eligibility, forms, summaries, serializers and FHIR import their
categories, thresholds and synonyms from here, so "HER2-negative" means one thing everywhere.

- ``contract``: the JSON Schema and ``procedures.json`` of ``shared/spec`` (copied; a test
  fails when they drift), and ``validate``.
- ``biomarkers``: names, statuses, the ER/PR thresholds and the ASCO/CAP HER2 category.
- ``staging``: stage prefixes, numerals and groups; metastatic sites.
- ``treatments``: treatment categories, settings, drug classes, procedure names.
- ``patient``: sex, menopausal status, performance scales, disease events.
- ``accessors``: small questions asked of a profile (a biomarker, triple negative, spread).
"""
