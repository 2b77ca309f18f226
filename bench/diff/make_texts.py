"""Writes the diff benchmark inputs (deterministic) as left/right text pairs plus the JSON bodies of
POST /api/diff, one pair per case:
  seed-12k       the seed and a revision of it (2% of words changed, one sentence added)
  prose-100k-1   ~100 KB of seed-like prose, 1% of words changed
  prose-100k-rw  the same 100 KB rewritten: each paragraph's words in a new order (a retranslation)
  prose-1m-1     ~1 MB, 1% of words changed
  lines-collide  40,000 distinct 8-character lines crafted to collide in the old interner's fixed hash
  lines-random   40,000 random 8-character lines of the same shape (the control for lines-collide)
  lines-1e6      1e6 lines of a few identical values against the same lines shuffled
Usage: make_texts.py OUT_DIR SEED_FILE"""
import json
import random
import sys
import unicodedata

out = sys.argv[1]
seed_text = open(sys.argv[2], encoding="utf-8").read()
words = seed_text.split()
rng = random.Random(1962)


def prose(size):
    paragraphs, length = [], 0
    while length < size:
        p = " ".join(rng.choice(words) for _ in range(rng.randint(40, 160)))
        paragraphs.append(p)
        length += len(p) + 2
    return "\n\n".join(paragraphs) + "\n"


def change_words(text, fraction):
    tokens = text.split(" ")
    for i in rng.sample(range(len(tokens)), max(1, int(len(tokens) * fraction))):
        tokens[i] = tokens[i].replace(tokens[i].strip("\n"), rng.choice(words) + "x", 1)
    return " ".join(tokens)


def rewrite(text):
    paragraphs = text.rstrip("\n").split("\n\n")
    shuffled = []
    for p in paragraphs:
        w = p.split(" ")
        rng.shuffle(w)
        shuffled.append(" ".join(w))
    return "\n\n".join(shuffled) + "\n"


# The old interner's hash (FxHash over 64-bit words, splitmix finalizer): a line of 8 chars plus its line feed
# hashes its two 64-bit words into one lane, so choosing the second word to cancel the first collides them all.
MASK = (1 << 64) - 1
SEED = 0x517CC1B727220A95


def rotl(x, r):
    return ((x << r) | (x >> (64 - r))) & MASK


def word(chars):
    return sum(ord(c) << (16 * k) for k, c in enumerate(chars))


def old_hash(line):
    h = [len(line), 1, 2, 3]
    n = len(line) // 4
    for i in range(n):
        h[0] = ((rotl(h[0], 5) ^ word(line[4 * i:4 * i + 4])) * SEED) & MASK
    for c in line[4 * n:]:
        h[0] = ((rotl(h[0], 5) ^ ord(c)) * SEED) & MASK
    x = h[0] ^ rotl(h[1], 16) ^ rotl(h[2], 32) ^ rotl(h[3], 48)
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & MASK
    return (x ^ (x >> 31)) & 0xFFFFFFFF


# Letters a crafted word may land on: CJK ideographs and Hangul syllables (NFC-stable, no line feeds, no surrogates).
def letter(code):
    return 0x3400 <= code <= 0x9FFF or 0xAC00 <= code <= 0xD7A3


def safe(chars):
    line = "".join(chars)
    return all(letter(ord(c)) for c in chars) and unicodedata.normalize("NFC", line) == line


def random_letters(n):
    letters = []
    while len(letters) < n:
        code = rng.randint(0x3400, 0xD7A3)
        if letter(code):
            letters.append(chr(code))
    return "".join(letters)


def colliding_lines(count):
    target = rng.getrandbits(64)
    lines, seen = [], set()
    while len(lines) < count:
        first = random_letters(4)
        h = ((rotl(9, 5) ^ word(first)) * SEED) & MASK
        w = rotl(h, 5) ^ target
        second = [chr((w >> (16 * k)) & 0xFFFF) for k in range(4)]
        if safe(second) and first not in seen:
            seen.add(first)
            lines.append(first + "".join(second) + "\n")
    return lines


def random_lines(count):
    return [random_letters(8) + "\n" for _ in range(count)]




seed_revision = change_words(seed_text, 0.02).replace("\n\n", "\n\nThe ambassador added a note to this paragraph.\n\n", 1)
p100 = prose(100_000)
p1m = prose(1_000_000)
collide = colliding_lines(80_000)
assert len({old_hash(line) for line in collide}) == 1, "crafted lines must collide"
control = random_lines(80_000)
values = [f"{v}\n" for v in "abcd"]
ordered = [values[i * len(values) // 1_000_000] for i in range(1_000_000)]
shuffled = ordered[:]
rng.shuffle(shuffled)

cases = {
    "seed-12k": (seed_text, seed_revision),
    "prose-100k-1": (p100, change_words(p100, 0.01)),
    "prose-100k-rw": (p100, rewrite(p100)),
    "prose-1m-1": (p1m, change_words(p1m, 0.01)),
    "lines-collide": ("".join(collide[:40_000]), "".join(collide[40_000:])),
    "lines-random": ("".join(control[:40_000]), "".join(control[40_000:])),
    "lines-1e6": ("".join(ordered), "".join(shuffled)),
}
for name, (left, right) in cases.items():
    open(f"{out}/{name}.left", "w", encoding="utf-8").write(left)
    open(f"{out}/{name}.right", "w", encoding="utf-8").write(right)
    json.dump({"left": left, "right": right}, open(f"{out}/{name}.json", "w", encoding="utf-8"), ensure_ascii=False)
    print(f"{name}: left {len(left.encode())} bytes, right {len(right.encode())} bytes")
