"""Makes a linear history of N small deterministic edits of a revision text, and writes it three ways:
history.csv (number, summary, text, sha256) and texts.csv (number, text) for PostgreSQL; deltas.csv (number, hex of a binary splice
delta against the parent) for the delta variant; history.fi, a `git fast-import` stream of the same
history (one file, one commit per revision, fixed dates). Then it rebuilds every revision from the
nearest snapshot plus deltas, checks its SHA-256, and times the worst case.
Usage: make_history.py REVISION1.txt OUT_DIR [N=1000] [SNAPSHOT_EVERY=50]"""
import csv
import difflib
import hashlib
import random
import sys
import time

src, out = sys.argv[1], sys.argv[2]
n_edits = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
every = int(sys.argv[4]) if len(sys.argv) > 4 else 50
base = open(src, encoding="utf-8").read()
rng = random.Random(7)
vocabulary = sorted({w.strip('.,;:()"[]') for w in base.split() if w.isalpha() and len(w) > 3})


def edit(text):
    """One small editorial change, as translators make them: a word, a typo, a bracketed insertion."""
    words = text.split(" ")
    i = rng.randrange(len(words))
    w = words[i]
    kind = rng.choice(["replace", "typo", "insert", "bracket", "delete", "punct"])
    if kind == "replace" and w.isalpha():
        words[i] = rng.choice(vocabulary)
    elif kind == "typo" and len(w) > 3 and w.isalpha():
        j = rng.randrange(len(w) - 1)
        words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2:]
    elif kind == "insert":
        words.insert(i, rng.choice(vocabulary))
    elif kind == "bracket" and w.isalpha():
        words[i] = w + rng.choice(["[?]", " [sic]", " [illegible]", "[s]"])
    elif kind == "delete" and w.isalpha() and len(words) > 100:
        del words[i]
    else:
        words[i] = w + rng.choice([",", ";", ""]) if not w.endswith((".", "\n")) else w
        kind = "punct"
    return " ".join(words), kind


def varint(n):
    b = bytearray()
    while True:
        b.append((n & 0x7F) | (0x80 if n > 0x7F else 0))
        n >>= 7
        if not n:
            return bytes(b)


def delta(parent, child):
    """Splices against the parent's UTF-8 bytes: (skip, delete, insert-length, inserted bytes) each as varints.
    Lines are matched first (as a line diff does); each changed region is trimmed to the bytes that differ."""
    p, c = parent.encode(), child.encode()
    pl, cl = p.splitlines(keepends=True), c.splitlines(keepends=True)
    pstart = [0]
    for line in pl:
        pstart.append(pstart[-1] + len(line))
    cstart = [0]
    for line in cl:
        cstart.append(cstart[-1] + len(line))
    outb, pos = bytearray(), 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, pl, cl, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        a, b = p[pstart[i1]:pstart[i2]], c[cstart[j1]:cstart[j2]]
        k = 0
        while k < min(len(a), len(b)) and a[k] == b[k]:
            k += 1
        m = 0
        while m < min(len(a), len(b)) - k and a[len(a) - 1 - m] == b[len(b) - 1 - m]:
            m += 1
        start = pstart[i1] + k
        ins = b[k:len(b) - m]
        outb += varint(start - pos) + varint(len(a) - k - m) + varint(len(ins)) + ins
        pos = start + len(a) - k - m
    return bytes(outb)


def apply(parent, d):
    outb, pos, i = bytearray(), 0, 0

    def read():
        nonlocal i
        n, shift = 0, 0
        while True:
            x = d[i]; i += 1
            n |= (x & 0x7F) << shift; shift += 7
            if x < 0x80:
                return n
    while i < len(d):
        skip, dele, ln = read(), read(), read()
        outb += parent[pos:pos + skip]
        pos += skip + dele
        outb += d[i:i + ln]; i += ln
    outb += parent[pos:]
    return bytes(outb)


texts, summaries = [base], ["Published by the Wilson Center Digital Archive"]
for n in range(n_edits):
    t, kind = edit(texts[-1])
    if t == texts[-1]:
        t, kind = t + "\n[Editor's note]", "note"
    texts.append(t)
    summaries.append(f"Edit {n + 2}: {kind}")
shas = [hashlib.sha256(t.encode()).hexdigest() for t in texts]
deltas = [b""] + [delta(texts[i - 1], texts[i]) for i in range(1, len(texts))]

with open(f"{out}/history.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    for i, t in enumerate(texts):
        w.writerow([i + 1, summaries[i], t, shas[i]])
with open(f"{out}/texts.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    for i, t in enumerate(texts):
        w.writerow([i + 1, t])
with open(f"{out}/deltas.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    for i, d in enumerate(deltas):
        w.writerow([i + 1, "\\x" + d.hex()])
with open(f"{out}/history.fi", "wb") as f:
    for i, t in enumerate(texts):
        data, msg = t.encode(), summaries[i].encode()
        f.write(b"commit refs/heads/main\n")
        f.write(f"committer Editor <editor@example.org> {1700000000 + i * 3600} +0000\n".encode())
        f.write(f"data {len(msg)}\n".encode() + msg + b"\n")
        f.write(f"M 100644 inline translation.txt\ndata {len(data)}\n".encode() + data + b"\n")

# Rebuild every revision from its snapshot and the deltas after it; verify its hash.
raw = [t.encode() for t in texts]
for i in range(len(texts)):
    s = i - i % every
    cur = raw[s]
    for k in range(s + 1, i + 1):
        cur = apply(cur, deltas[k])
    assert hashlib.sha256(cur).hexdigest() == shas[i], f"revision {i + 1} does not rebuild"
worst = every - 1 if every - 1 < len(texts) else len(texts) - 1
runs = []
for _ in range(200):
    t0 = time.perf_counter()
    cur = raw[0]
    for k in range(1, worst + 1):
        cur = apply(cur, deltas[k])
    hashlib.sha256(cur).hexdigest()
    runs.append(time.perf_counter() - t0)
runs.sort()
ds = sorted(len(d) for d in deltas[1:])
print(f"revisions: {len(texts)}; text {len(raw[0])} -> {len(raw[-1])} bytes; full texts total {sum(map(len, raw))} bytes")
print(f"delta bytes: total {sum(ds)}, median {ds[len(ds) // 2]}, max {ds[-1]}; all {len(texts)} revisions rebuild with matching SHA-256")
print(f"rebuild worst case (snapshot + {worst} deltas + SHA-256, Python): median {runs[len(runs) // 2] * 1e6:.0f} us")
