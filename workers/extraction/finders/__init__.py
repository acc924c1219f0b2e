"""Finders: plain functions that read one page's text and return findings with char spans.

Each finder takes a ``PageView`` (the text, its sentences and sections) and returns
``Finding``s. They know the words records use; the ``navis_context`` component later decides
whether a finding is the patient's (not negated, hypothetical, a relative's or only planned).
"""
