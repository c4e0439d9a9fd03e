#!/usr/bin/env python3
"""Validate the third blind evaluation set, test/eval/blind3: drafts of 250-600 words, claims that
do not overlap, a quotation mark in every misquoted/misattributed claim, and `covers` tags from the
vocabulary below (see README.md). The checks themselves are in ../blind_validate.py.

Usage: python3 validate.py [--seeds DIR]   (default: ../../../seeds)
"""
import os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from blind_validate import validate  # noqa: E402

TAGS = {
    # how a supported claim restates the seeds
    "paraphrase", "synonym", "nominalisation", "passive", "pronoun", "reordered",
    "title-for-name", "title-before-name", "title-after-name", "number-form",
    "number-words", "ordinal", "unit", "date-form", "date-relative", "local-deixis",
    "quote-exact", "quote-partial", "correction",
    # the slip in a contradicted claim
    "wrong-figure", "wrong-date", "wrong-weekday", "wrong-role", "wrong-place",
    "wrong-attribute",
    # the slip in a misquoted / misattributed claim
    "word-changed", "word-added", "word-dropped", "wrong-person", "wrong-organisation",
    # why a claim is unverified
    "off-corpus", "precision", "partial", "quote-extended",
}


if __name__ == "__main__":
    validate(HERE, 250, 600, TAGS)
