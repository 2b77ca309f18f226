"""Writes the diff benchmark inputs: ~1 MB of seed-like English prose, a copy with 1% of words
changed, and an unrelated ~1 MB text; plus the JSON bodies for POST /api/diff. Deterministic."""
import json
import random
import sys

out = sys.argv[1]
seed_text = open(sys.argv[2], encoding="utf-8").read()
words = seed_text.split()
rng = random.Random(1962)


def prose(rng, vocabulary, size):
    paragraphs, length = [], 0
    while length < size:
        n = rng.randint(40, 160)
        p = " ".join(rng.choice(vocabulary) for _ in range(n))
        paragraphs.append(p)
        length += len(p) + 2
    return "\n\n".join(paragraphs) + "\n"


left = prose(rng, words, 1_000_000)
tokens = left.split(" ")
for i in rng.sample(range(len(tokens)), len(tokens) // 100):
    tokens[i] = tokens[i].replace(tokens[i].strip("\n"), rng.choice(words) + "x", 1)
right_1pct = " ".join(tokens)
other_vocabulary = ["".join(rng.choice("абвгдежзиклмнопрстуфхцчшщэюя") for _ in range(rng.randint(2, 10))) for _ in range(3000)]
right_different = prose(rng, other_vocabulary, 1_000_000)

for name, text in [("left.txt", left), ("right-1pct.txt", right_1pct), ("right-different.txt", right_different)]:
    open(f"{out}/{name}", "w", encoding="utf-8").write(text)
for name, right in [("body-1pct.json", right_1pct), ("body-different.json", right_different)]:
    json.dump({"left": left, "right": right}, open(f"{out}/{name}", "w", encoding="utf-8"), ensure_ascii=False)
print(f"left {len(left.encode())} bytes, {len(left.split())} words; 1% changed: {len(tokens) // 100} words")
