#!/usr/bin/env python3
"""Validate the Brown-corpus blind evaluation set (stdlib only).

Checks that
  * expected.json parses and every listed draft file exists;
  * every claim text is an exact substring of its draft;
  * every verdict is one of the five allowed values;
  * every non-unverified claim carries evidence that is an exact substring of
    the text of its source article; unverified claims carry no evidence;
  * every source is one of the articles named in "corpus";
  * names listed for a draft occur in that draft.
Prints per-draft and total verdict counts. Exit status 1 on any failure.

Article texts are read from /tmp/brown-texts/<id>.txt (or --texts DIR). If the
directory is missing they are regenerated with the repository's own
bench/corpus.mjs (brownArticles()), exactly as described in README.md.
"""
import argparse
import json
import os
import subprocess
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
VERDICTS = ("supported", "contradicted", "misquoted", "misattributed", "unverified")
NODE_SNIPPET = (
    "import('./bench/corpus.mjs').then(m=>{const fs=require('fs');"
    "fs.mkdirSync(process.argv[1],{recursive:true});"
    "for(const a of m.brownArticles())fs.writeFileSync(process.argv[1]+'/'+a.id+'.txt',a.text)})"
)


def regenerate(texts_dir):
    print(f"[validate] {texts_dir} missing; regenerating with bench/corpus.mjs", file=sys.stderr)
    subprocess.run(["node", "-e", NODE_SNIPPET, texts_dir], cwd=REPO, check=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--texts", default="/tmp/brown-texts", help="directory holding <id>.txt article texts")
    ap.add_argument("--expected", default=os.path.join(HERE, "expected.json"))
    args = ap.parse_args()

    texts_dir = os.path.abspath(args.texts)
    with open(args.expected, encoding="utf-8") as f:
        exp = json.load(f)

    corpus = exp.get("corpus", "")
    if not corpus.startswith("brown:"):
        print("FAIL corpus must look like 'brown:ca10,ca15,...'")
        return 1
    ids = [x.strip() for x in corpus[len("brown:"):].split(",") if x.strip()]

    if not all(os.path.exists(os.path.join(texts_dir, i + ".txt")) for i in ids):
        regenerate(texts_dir)
    articles = {}
    for i in ids:
        with open(os.path.join(texts_dir, i + ".txt"), encoding="utf-8") as f:
            articles[i] = f.read()

    errors = []
    total = Counter()
    used_sources = Counter()
    rows = []
    for name, d in exp.get("drafts", {}).items():
        path = os.path.join(HERE, name)
        if not os.path.exists(path):
            errors.append(f"{name}: draft file missing")
            continue
        with open(path, encoding="utf-8") as f:
            draft = f.read()
        for n in d.get("names", []):
            if n not in draft:
                errors.append(f"{name}: name not in draft: {n!r}")
        counts = Counter()
        seen = set()
        for k, c in enumerate(d.get("claims", [])):
            tag = f"{name} claim {k + 1}"
            text, verdict = c.get("text", ""), c.get("verdict")
            src, ev = c.get("source"), c.get("evidence")
            if not text or text not in draft:
                errors.append(f"{tag}: text not a substring of draft: {text!r}")
            elif draft.count(text) > 1:
                errors.append(f"{tag}: text occurs more than once in draft: {text!r}")
            if text in seen:
                errors.append(f"{tag}: duplicate claim text")
            seen.add(text)
            if verdict not in VERDICTS:
                errors.append(f"{tag}: invalid verdict {verdict!r}")
            if src not in articles:
                errors.append(f"{tag}: source {src!r} not in corpus list")
            else:
                used_sources[src] += 1
            if verdict == "unverified":
                if ev:
                    errors.append(f"{tag}: unverified claim should not carry evidence")
            else:
                if not ev:
                    errors.append(f"{tag}: evidence missing for {verdict} claim")
                elif src in articles and ev not in articles[src]:
                    errors.append(f"{tag}: evidence not found in {src}: {ev!r}")
            if not c.get("covers"):
                errors.append(f"{tag}: 'covers' missing")
            counts[verdict] += 1
        total += counts
        rows.append((name, sum(counts.values()), counts))

    hdr = f"{'draft':34} {'n':>3} " + " ".join(f"{v[:6]:>6}" for v in VERDICTS)
    print(hdr)
    print("-" * len(hdr))
    for name, n, counts in rows:
        print(f"{name:34} {n:>3} " + " ".join(f"{counts[v]:>6}" for v in VERDICTS))
    n = sum(total.values())
    print("-" * len(hdr))
    print(f"{'TOTAL':34} {n:>3} " + " ".join(f"{total[v]:>6}" for v in VERDICTS))
    if n:
        print(f"{'share':34} {'':>3} " + " ".join(f"{100 * total[v] / n:>5.0f}%" for v in VERDICTS))
    print("claims per source: " + ", ".join(f"{s}={used_sources[s]}" for s in ids))
    unused = [s for s in ids if not used_sources[s]]
    if unused:
        errors.append(f"articles listed in corpus but never used: {unused}")

    if errors:
        print(f"\nFAIL: {len(errors)} problem(s)")
        for e in errors:
            print("  - " + e)
        return 1
    print(f"\nOK: {len(rows)} drafts, {n} claims, {len(ids)} articles ({texts_dir})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
