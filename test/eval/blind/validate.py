#!/usr/bin/env python3
"""Validate the blind evaluation set, test/eval/blind: drafts of 150-400 words. The checks
themselves are in ../blind_validate.py.

Usage: python3 validate.py [--seeds DIR]   (default: ../../../seeds)
"""
import os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from blind_validate import validate  # noqa: E402

if __name__ == "__main__":
    validate(HERE, 150, 400)
