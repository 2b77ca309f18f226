"""Writes COUNT variants of the seed record (distinct publisher URL and title) into OUT_DIR, each in
REVISIONS versions whose body differs by one bracketed insertion, so importing them in order gives
COUNT documents with REVISIONS approved revisions each (names sort in import order). Deterministic.
Usage: make_records.py SEED.md OUT_DIR [COUNT=200] [REVISIONS=3]"""
import sys

seed, out = open(sys.argv[1], encoding="utf-8").read(), sys.argv[2]
count = int(sys.argv[3]) if len(sys.argv) > 3 else 200
revisions = int(sys.argv[4]) if len(sys.argv) > 4 else 3
anchor = "Late in the evening of October 23"
assert "111625" in seed and anchor in seed
for i in range(1, count + 1):
    record = seed.replace("111625", str(900000 + i)).replace("Dobrynin to the USSR MFA", f"Dobrynin to the USSR MFA ({i})")
    for r in range(revisions):
        text = record if r == 0 else record.replace(anchor, f"Late in the evening [revision {r + 1}] of October 23")
        open(f"{out}/record-{i:04d}-{r + 1:03d}.md", "w", encoding="utf-8").write(text)
