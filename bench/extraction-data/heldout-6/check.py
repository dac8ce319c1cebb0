"""Check heldout-6 gold files: strict loader, read_gold's logic copied, quotes, enums, words."""
import sys
from pathlib import Path
from builders.yamlsource import load_yaml
from builders.records import Relation, Modality

folder = Path(sys.argv[1])
rels = {r.value for r in Relation}
mods = {m.value for m in Modality}
QUANT = {"some", "most", "all", "not always", "automatically", "few", "many"}
QKEYS = {"population", "jurisdiction", "quantifier", "timeframe", "degree", "comparedWith", "comparisonExtent"}
FIELDS = {"quote", "subject", "relation", "object", "negated", "modality", "attributed_to", "qualifiers", "note"}
ok = True
total = 0
for gold_path in sorted(folder.glob("*.gold.yaml")):
    name = gold_path.name.removesuffix(".gold.yaml")
    meta = load_yaml(folder / f"{name}.yaml")
    gold = load_yaml(gold_path)
    assert set(meta) == {"title", "published", "genre"}, meta.keys()
    text = (folder / f"{name}.txt").read_text(encoding="utf-8")
    raw = (folder / f"{name}.txt").read_bytes()
    assert b"\r" not in raw
    lines = text.split("\n")
    assert lines[0] == str(meta["title"]), (lines[0], meta["title"])
    assert lines[1] == "" and lines[2].strip(), name
    assert gold["article"] == name
    # read_gold's logic, copied
    statements = tuple(
        (str(s["subject"]), str(s["relation"]), str(s["object"]), bool(s.get("negated", False)),
         str(s.get("modality", "asserted")), frozenset(str(a) for a in s.get("attributed_to") or ()))
        for s in gold["statements"]
    )
    keys = {st[:4] for st in statements}
    for i, s in enumerate(gold["statements"]):
        extra = set(s) - FIELDS
        if extra: print(name, i, "unknown fields", extra); ok = False
        for f in ("quote", "subject", "relation", "object", "negated", "modality"):
            if f not in s: print(name, i, "missing", f); ok = False
        n = text.count(s["quote"])
        if n != 1: print(name, i, f"quote occurs {n} times:", s["quote"]); ok = False
        if s["relation"] not in rels: print(name, i, "bad relation", s["relation"]); ok = False
        if s["modality"] not in mods: print(name, i, "bad modality", s["modality"]); ok = False
        if not isinstance(s["negated"], bool): print(name, i, "negated not bool"); ok = False
        q = s.get("qualifiers") or {}
        if set(q) - QKEYS: print(name, i, "bad qualifier keys", set(q) - QKEYS); ok = False
        if "quantifier" in q and q["quantifier"] not in QUANT: print(name, i, "quantifier", q["quantifier"]); ok = False
        a = s.get("attributed_to")
        if a is not None and not (isinstance(a, list) and all(isinstance(x, str) for x in a)): print(name, i, "attr"); ok = False
    words = len(text.split())
    if not 350 <= words <= 750: print(name, "word count", words); ok = False
    total += len(statements)
    print(f"{name}: {words} words, {len(statements)} statements, {len(keys)} distinct keys")
print("total", total, "OK" if ok else "PROBLEMS")
