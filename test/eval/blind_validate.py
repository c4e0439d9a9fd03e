#!/usr/bin/env python3
"""Validator shared by the blind evaluation sets (stdlib only); each set's validate.py calls it
with its own limits. Checks, for every draft listed in the set's expected.json:
  * the draft file exists, has a '# ' headline and the set's word range;
  * every claim text occurs exactly once in its draft (exact, and also after
    folding curly quotes/apostrophes to straight and collapsing whitespace);
  * no two claim texts of one draft overlap, and misquoted / misattributed
    claims contain a quotation mark;
  * verdict is one of the five known verdicts;
  * supported / contradicted / misquoted / misattributed claims carry an
    `evidence` string (4-15 words) that occurs in the seed named by `source`
    (3-digit prefix), compared after the same folding;
  * unverified claims carry no evidence/source;
  * every `covers` tag is in the set's vocabulary, when it has one;
  * every entry in `names` occurs in at least one seed (folded) and, in full or
    by one of its words of 3+ letters (case-insensitive), in the draft.
Prints counts per verdict and per covers tag. Exit status 1 on any failure.
Each set's script takes [--seeds DIR] (default: ../../../seeds from the set).
"""
import json, os, re, sys
from collections import Counter

VERDICTS = {"supported", "contradicted", "misquoted", "misattributed", "unverified"}
FOLD = {"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00a0": " "}


def fold(s):
    s = "".join(FOLD.get(ch, ch) for ch in s)
    return re.sub(r"\s+", " ", s).strip()


def count(hay, needle):
    n, i = 0, hay.find(needle)
    while i != -1:
        n += 1
        i = hay.find(needle, i + 1)
    return n


def validate(here, min_words, max_words, tags_known=None):
    """Validates the set in `here`. `tags_known`: the allowed `covers` tags (None: any)."""
    seeds_dir = os.path.join(here, "..", "..", "..", "seeds")
    if "--seeds" in sys.argv:
        seeds_dir = sys.argv[sys.argv.index("--seeds") + 1]
    seeds = {}
    for fn in sorted(os.listdir(seeds_dir)):
        if fn.endswith(".txt") and re.match(r"^\d{3}_", fn):
            with open(os.path.join(seeds_dir, fn), encoding="utf-8") as f:
                seeds[fn[:3]] = fold(f.read())
    if not seeds:
        sys.exit(f"no seeds found in {seeds_dir}")
    all_seeds = " ".join(seeds.values())

    with open(os.path.join(here, "expected.json"), encoding="utf-8") as f:
        exp = json.load(f)
    errors = []
    if exp.get("corpus") != "seeds":
        errors.append('top-level "corpus" must be "seeds"')
    verdicts, tags = Counter(), Counter()
    drafts = exp.get("drafts", {})
    on_disk = {fn for fn in os.listdir(here) if fn.endswith(".md") and fn != "README.md"}
    for fn in sorted(on_disk - set(drafts)):
        errors.append(f"{fn}: draft on disk but not in expected.json")
    for name, entry in drafts.items():
        path = os.path.join(here, name)
        if not os.path.exists(path):
            errors.append(f"{name}: missing draft file")
            continue
        with open(path, encoding="utf-8") as f:
            raw = f.read()
        folded = fold(raw)
        first = raw.lstrip().splitlines()[0] if raw.strip() else ""
        if not first.startswith("# "):
            errors.append(f"{name}: first line is not a '# ' headline")
        words = len(raw.split())
        if not min_words <= words <= max_words:
            errors.append(f"{name}: {words} words (want {min_words}-{max_words})")
        for person in entry.get("names", []):
            if fold(person) not in all_seeds:
                errors.append(f"{name}: name {person!r} not found in any seed")
            # drafts may use a short form ("Shoigu", "Kim", "Vostochny") or a
            # capitalised dateline: accept, case-insensitively, the full name
            # or any of its words of 3+ letters
            parts = [w for w in fold(person).split() if len(w) >= 3]
            if fold(person).lower() not in folded.lower() and not any(
                    re.search(r"\b" + re.escape(w) + r"\b", folded, re.I) for w in parts):
                errors.append(f"{name}: name {person!r} not found in the draft")
        spans = []
        for i, c in enumerate(entry.get("claims", [])):
            where = f"{name} claim {i} ({c.get('text', '')[:50]!r})"
            text, verdict = c.get("text", ""), c.get("verdict")
            if verdict not in VERDICTS:
                errors.append(f"{where}: bad verdict {verdict!r}")
            verdicts[verdict] += 1
            for t in filter(None, (x.strip() for x in c.get("covers", "").split(","))):
                tags[t] += 1
                if tags_known is not None and t not in tags_known:
                    errors.append(f"{where}: unknown covers tag {t!r}")
            if verdict in ("misquoted", "misattributed") and not re.search(r'["\u201c\u201d]', text):
                errors.append(f"{where}: {verdict} claim text has no quotation mark")
            n_raw, n_fold = count(raw, text), count(folded, fold(text))
            if n_raw != 1:
                errors.append(f"{where}: text occurs {n_raw} times in draft (exact)")
            if n_fold != 1:
                errors.append(f"{where}: text occurs {n_fold} times in draft (folded)")
            if n_raw == 1:
                a = raw.find(text)
                for b, e, j in spans:
                    if a < e and b < a + len(text):
                        errors.append(f"{where}: overlaps claim {j}")
                spans.append((a, a + len(text), i))
            if verdict == "unverified":
                if c.get("evidence") or c.get("source"):
                    errors.append(f"{where}: unverified claim should have no evidence/source")
                continue
            ev, src = c.get("evidence", ""), c.get("source", "")
            if src not in seeds:
                errors.append(f"{where}: unknown source {src!r}")
                continue
            nw = len(fold(ev).split())
            if not 4 <= nw <= 15:
                errors.append(f"{where}: evidence has {nw} words (want 4-15)")
            if fold(ev) not in seeds[src]:
                others = [k for k, v in seeds.items() if fold(ev) in v]
                errors.append(f"{where}: evidence not in seed {src}"
                              + (f" (found in {others})" if others else ""))
    total = sum(verdicts.values())
    print(f"{len(drafts)} drafts, {total} claims")
    for v in sorted(VERDICTS, key=lambda v: -verdicts[v]):
        print(f"  {v:14s} {verdicts[v]:4d}  {100.0 * verdicts[v] / max(total, 1):5.1f}%")
    print("covers tags: " + ", ".join(f"{t} {n}" for t, n in tags.most_common()))
    if errors:
        print(f"\n{len(errors)} problem(s):")
        for e in errors:
            print("  " + e)
        sys.exit(1)
    print("OK")


