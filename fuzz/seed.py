#!/usr/bin/env python3
"""Seeds the fuzz corpora (fuzz/corpus/<target>/) from the shipped grids and examples,
the hostile inputs, and the corpus kept by earlier campaigns."""
import glob, json, os, tomllib, datetime

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
OUT = os.path.join(ROOT, "fuzz", "corpus")


def put(target, name, data):
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(os.path.join(d, name), mode) as f:
        f.write(data)


def default(o):
    if isinstance(o, (datetime.date, datetime.datetime)):
        return o.isoformat()
    raise TypeError(o)


grids = glob.glob(f"{ROOT}/grids/*.toml") + glob.glob(f"{ROOT}/engine/tests/bad-grids/*.toml") \
    + glob.glob(f"{ROOT}/engine/tests/data/*.toml") + glob.glob(f"{ROOT}/tests/hostile/grids/*.toml")
for g in grids:
    put("grid_toml", os.path.basename(g), open(g, encoding="utf-8", errors="replace").read())
    try:
        doc = tomllib.loads(open(g, encoding="utf-8").read())
    except Exception:
        continue
    conds = [r.get("when") for r in doc.get("rules", [])]
    conds += [c.get("relevant") for a in doc.get("axes", []) for c in a.get("criteria", [])]
    for i, c in enumerate(x for x in conds if isinstance(x, str)):
        put("condition", f"{os.path.basename(g)}-{i}", c)

for a in glob.glob(f"{ROOT}/grids/examples/**/*.toml", recursive=True) \
        + glob.glob(f"{ROOT}/tests/hostile/assessments/*"):
    text = open(a, encoding="utf-8", errors="replace").read()
    put("assessment", os.path.basename(a), text)
    try:
        put("assessment", os.path.basename(a) + ".json",
            json.dumps(tomllib.loads(text), default=default, ensure_ascii=False, indent=1))
    except Exception:
        pass

for c in glob.glob(f"{ROOT}/grids/examples/batch/*.csv") + glob.glob(f"{ROOT}/tests/hostile/csv/*"):
    data = open(c, "rb").read()
    put("batch_csv", os.path.basename(c), data)
    lines = data.split(b"\n")
    put("batch_csv", os.path.basename(c) + ".head", b"\n".join(lines[:3]) + b"\n")

# batch_input: the same CSV files, and the DOMINO samples as a JSON array and as NDJSON.
for c in glob.glob(f"{ROOT}/grids/examples/batch/*.csv") + glob.glob(f"{ROOT}/tests/hostile/csv/*"):
    data = open(c, "rb").read()
    put("batch_input", os.path.basename(c), data)
    put("batch_input", os.path.basename(c) + ".head", b"\n".join(data.split(b"\n")[:4]) + b"\n")
samples = []
for a in sorted(glob.glob(f"{ROOT}/grids/examples/*.toml")):
    doc = tomllib.loads(open(a, encoding="utf-8").read())
    if doc.get("grid", {}).get("id", doc.get("meta", {}).get("grid")) in (None, "domino"):
        samples.append(doc)
items = [json.dumps(s, default=default, ensure_ascii=False) for s in samples]
put("batch_input", "samples.json", "[\n" + ",\n".join(items) + "\n]\n")
put("batch_input", "samples-2.json", "[" + ",".join(items[:2]) + "]")
put("batch_input", "samples.ndjson", "\n".join(items) + "\n")
put("batch_input", "samples-2.ndjson", "\n".join(items[:2]))
for f in glob.glob(f"{ROOT}/tests/hostile/assessments/*.json"):
    text = open(f, encoding="utf-8", errors="replace").read()
    put("batch_input", os.path.basename(f) + ".array", "[" + text + "]")
    put("batch_input", os.path.basename(f) + ".ndjson", text.replace("\n", " ") + "\n")

# The kept corpus of the last campaigns (tests/fuzz-corpus/<target>/): a new
# campaign starts where the previous ones stopped.
for target in ("grid_toml", "assessment", "condition", "batch_csv", "batch_input"):
    for f in glob.glob(f"{ROOT}/tests/fuzz-corpus/{target}/*"):
        put(target, os.path.basename(f), open(f, "rb").read())
