#!/usr/bin/env python3
"""Checks Provenance audit-log receipts, checkpoints and proofs without trusting the server.

Needs only Python 3 and the `cryptography` package (Debian/Ubuntu: python3-cryptography). Written
from RFC 9162 §2.1 (Merkle tree, inclusion and consistency verification), C2SP tlog-checkpoint and
C2SP signed-note, independently of the service's own tree code.

  verify-receipt.py receipt KEY RECEIPT.json [--text TEXT_FILE]
      KEY is the log's verifier key (name+hexid+base64), or a file holding it. Checks the checkpoint's
      signature, that the event hashes to its leaf and that the inclusion proof leads to the signed
      root; with --text, that the file's SHA-256 is the one the event recorded. Exit 0 when it holds.
  verify-receipt.py checkpoint KEY CHECKPOINT_FILE     prints {"origin", "size", "root"} of a valid one
  verify-receipt.py roots < chain hashes (hex, one a line)   prints the base64 root of each prefix, one a line
  verify-receipt.py inclusion < {"chainHash", "leafIndex", "treeSize", "hashes", "root"} (or a list of them)
  verify-receipt.py consistency < {"from", "to", "fromRoot", "toRoot", "hashes"} (or a list of them)
      (base64 hashes and roots; print "ok" and exit 0, or say which is not valid and exit 1)
"""
import base64
import hashlib
import json
import os
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey


class Invalid(Exception):
    pass


def sha256(data):
    return hashlib.sha256(data).digest()


def leaf_hash(chain_hash_hex):
    return sha256(b"\x00" + bytes.fromhex(chain_hash_hex))


def node_hash(left, right):
    return sha256(b"\x01" + left + right)


def root_of(leaves):
    """MTH(D[n]) of RFC 9162 §2.1.1, straight from the definition."""
    if not leaves:
        return sha256(b"")
    if len(leaves) == 1:
        return leaves[0]
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    return node_hash(root_of(leaves[:k]), root_of(leaves[k:]))


def verify_inclusion(leaf, index, size, path, root):
    """RFC 9162 §2.1.3.2."""
    if index >= size:
        raise Invalid("the leaf index is not below the tree size")
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            raise Invalid("the inclusion proof is too long")
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise Invalid("the inclusion proof is too short")
    if r != root:
        raise Invalid("the inclusion proof does not lead to the root")


def verify_consistency(first, second, first_root, second_root, path):
    """RFC 9162 §2.1.4.2."""
    if first == second:
        if path or first_root != second_root:
            raise Invalid("equal sizes need an empty proof and equal roots")
        return
    if first < 1 or first > second:
        raise Invalid("sizes must be 0 < first < second")
    if first & (first - 1) == 0:
        path = [first_root] + list(path)
    if not path:
        raise Invalid("the consistency proof is empty")
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            raise Invalid("the consistency proof is too long")
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise Invalid("the consistency proof is too short")
    if fr != first_root or sr != second_root:
        raise Invalid("the consistency proof does not lead to the two roots")


def read_key(arg):
    text = open(arg).read() if os.path.isfile(arg) else arg
    name, key_id, blob = text.strip().split("+", 2)
    raw = base64.b64decode(blob, validate=True)
    if len(raw) != 33 or raw[0] != 1:
        raise Invalid("the verifier key is not an Ed25519 key")
    expected = sha256(name.encode() + b"\n" + raw)[:4].hex()
    if key_id != expected:
        raise Invalid("the verifier key's id does not match its name and key")
    return name, bytes.fromhex(key_id), Ed25519PublicKey.from_public_bytes(raw[1:])


def open_checkpoint(key, note):
    """C2SP signed-note and tlog-checkpoint: answers (origin, size, root) when a signature by key verifies."""
    name, key_id, public = key
    split = note.rfind("\n\n")
    if split < 0 or not note.endswith("\n"):
        raise Invalid("not a signed note")
    text, signatures = note[: split + 1], note[split + 2 :].splitlines()
    signed = False
    for line in signatures:
        dash, signer, blob = line.split(" ", 2)
        raw = base64.b64decode(blob, validate=True)
        if dash != "\u2014" or signer != name or raw[:4] != key_id:
            continue
        try:
            public.verify(raw[4:], text.encode())
            signed = True
        except InvalidSignature:
            raise Invalid("the checkpoint's signature does not verify")
    if not signed:
        raise Invalid(f"the checkpoint carries no signature by {name}")
    lines = text.split("\n")
    origin, size, root = lines[0], int(lines[1]), base64.b64decode(lines[2], validate=True)
    if origin != name:
        raise Invalid(f"the checkpoint is of log {origin}, the key of {name}")
    return origin, size, root


def check_receipt(key, receipt, text_file=None):
    origin, size, root = open_checkpoint(key, receipt["checkpoint"])
    event = receipt["event"]
    if hashlib.sha256(event["canonical"].encode()).hexdigest() != event["hash"]:
        raise Invalid("the event's text does not hash to its chain hash")
    if receipt["treeSize"] != size or receipt["leafIndex"] != event["sequence"] - 1:
        raise Invalid("the receipt's tree size or leaf index do not match its checkpoint and event")
    hashes = [base64.b64decode(h, validate=True) for h in receipt["hashes"]]
    verify_inclusion(leaf_hash(event["hash"]), receipt["leafIndex"], size, hashes, root)
    fields = event["canonical"].split("\n")
    details = json.loads("\n".join(fields[8:-1]))
    if text_file is not None:
        digest = hashlib.sha256(open(text_file, "rb").read()).hexdigest()
        if details.get("sha256") != digest:
            raise Invalid(f"{text_file} has SHA-256 {digest}, the event recorded {details.get('sha256')}")
    print(f"event {event['sequence']} ({fields[4]} {fields[5]} {fields[6]}, {fields[1]}, by {fields[3]}) "
          f"is in log {origin} of {size} events, signed by its key")
    if receipt.get("revision"):
        check_receipt(key, receipt["revision"], text_file)


def main(argv):
    command = argv[1] if len(argv) > 1 else ""
    try:
        if command == "receipt" and len(argv) in (4, 6):
            text = argv[5] if len(argv) == 6 and argv[4] == "--text" else None
            check_receipt(read_key(argv[2]), json.load(open(argv[3])), text)
        elif command == "checkpoint" and len(argv) == 4:
            origin, size, root = open_checkpoint(read_key(argv[2]), open(argv[3]).read())
            print(json.dumps({"origin": origin, "size": size, "root": base64.b64encode(root).decode()}))
        elif command == "roots":
            leaves = [leaf_hash(line.strip()) for line in sys.stdin if line.strip()]
            for n in range(1, len(leaves) + 1):
                print(base64.b64encode(root_of(leaves[:n])).decode())
        elif command in ("inclusion", "consistency"):
            proofs = json.load(sys.stdin)
            for i, p in enumerate(proofs if isinstance(proofs, list) else [proofs]):
                try:
                    if command == "inclusion":
                        verify_inclusion(leaf_hash(p["chainHash"]), p["leafIndex"], p["treeSize"],
                                         [base64.b64decode(h) for h in p["hashes"]], base64.b64decode(p["root"]))
                    else:
                        verify_consistency(p["from"], p["to"], base64.b64decode(p["fromRoot"]),
                                           base64.b64decode(p["toRoot"]), [base64.b64decode(h) for h in p["hashes"]])
                except Invalid as e:
                    raise Invalid(f"proof {i}: {e}")
            print("ok")
        else:
            print(__doc__, file=sys.stderr)
            return 2
    except (Invalid, ValueError, KeyError) as e:
        print(f"NOT VALID: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
