"""The DOMINO grid's scoring as one DuckDB query, checked against `domino batch`
and then timed beside it.

The SQL is generated from the grid file, not written by hand: every criterion's
value, the `relevant` skip logic, axis scores and coverages, the overall score,
critical vigilances, target gaps and each rule's `when` condition (translated
from the rule language). A construct of the rule language it cannot translate
stops the script with its name, so the peer never silently scores less than
the engine.

    python tests/bench/duckdb_peer.py DOMINO_BIN [ROWS] [--grid grids/domino.toml]
    python tests/bench/duckdb_peer.py --sql grids/domino.toml   # prints the query

ROWS = 0 runs the check alone (a few seconds).

1. CHECK: on 2,000 random rows, the query and `domino batch` must give the same
   axis scores, coverages and overall score (to 0.01) and the same findings
   (rule ids, `critical:`, `target:`); otherwise it exits 1 with the first
   differences, before anything is timed.
2. TIME, in one run over ROWS random rows (default 1,000,000): `domino batch
   --parse-only`, `domino batch -o out.csv` and the query writing its result
   with COPY … TO, each under /usr/bin/time -v (wall, user+sys CPU, peak RSS).
"""

import csv
import os
import random
import re
import subprocess
import sys
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
KINDS = ["pepite", "opportunite", "vigilance", "debat"]


# --------------------------------------------------------------------------
# The grid
# --------------------------------------------------------------------------


class Grid:
    """What the SQL needs from a grid file: axes, criteria, scales, profile, rules."""

    def __init__(self, path):
        with open(path, "rb") as f:
            doc = tomllib.load(f)
        self.scales = doc["scales"]
        self.profile = [p["id"] for p in doc.get("profile", [])]
        self.choices = {p["id"]: [c["code"] for c in p.get("choices", [])] for p in doc.get("profile", [])}
        self.axes = doc["axes"]
        self.criteria = []  # (full id, axis id, criterion table)
        for axis in self.axes:
            for c in axis["criteria"]:
                self.criteria.append((f"{axis['id']}.{c['id']}", axis["id"], c))
        self.by_id = {full: c for full, _, c in self.criteria}
        self.rules = doc.get("rules", [])
        self.overall = doc["grid"].get("overall", True)
        self.target_gap = doc["grid"].get("signals", {}).get("target_gap", 2)

    def scale(self, full):
        return self.scales[self.by_id[full]["scale"]]


def q(name):
    """A quoted SQL identifier (criterion ids hold dots)."""
    return '"' + name.replace('"', '""') + '"'


def lit(s):
    """A SQL string literal."""
    return "'" + s.replace("'", "''") + "'"


# --------------------------------------------------------------------------
# The rule language → SQL
# --------------------------------------------------------------------------

TOKEN = re.compile(
    r"\s*(?:(?P<num>\d+(?:\.\d+)?)|(?P<str>'[^']*')|(?P<name>[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*)"
    r"|(?P<op>==|!=|<=|>=|<|>|\+|-|\*|/|\(|\)|\[|\]|,))"
)
COMPARE = {"==": "=", "!=": "<>", "<": "<", "<=": "<=", ">": ">", ">=": ">="}


class Untranslatable(Exception):
    pass


class Translator:
    """Recursive descent over a condition, yielding (sql, type) with type in
    bool / num / str. Booleans are never NULL: a comparison with a missing
    value is false (the rule language's semantics), so each comparison is
    wrapped in coalesce(…, false); numbers and strings may be NULL (missing).
    `facts` maps a fact to its SQL column: ('level', c), ('target', c),
    ('state', c), ('score', axis or None), ('coverage', axis), ('profile', f)."""

    def __init__(self, text, grid, facts):
        self.tokens, pos = [], 0
        text = text.rstrip()
        while pos < len(text):
            m = TOKEN.match(text, pos)
            if not m or m.end() == pos:
                raise Untranslatable(f"cannot read {text[pos:]!r} in {text!r}")
            kind = m.lastgroup
            self.tokens.append((kind, m.group(kind)))
            pos = m.end()
        self.i, self.text, self.grid, self.facts = 0, text, grid, facts

    def translate(self):
        sql, ty = self.expr_or()
        if self.i != len(self.tokens):
            raise Untranslatable(f"unexpected {self.peek()[1]!r} in {self.text!r}")
        if ty != "bool":
            raise Untranslatable(f"a condition that is not true/false: {self.text!r}")
        return sql

    def peek(self):
        return self.tokens[self.i] if self.i < len(self.tokens) else (None, None)

    def take(self, value=None):
        tok = self.peek()
        if value is not None and tok[1] != value:
            raise Untranslatable(f"expected {value!r}, found {tok[1]!r} in {self.text!r}")
        self.i += 1
        return tok

    def expr_or(self):
        return self.logical("or", self.expr_and)

    def expr_and(self):
        return self.logical("and", self.expr_not)

    def logical(self, word, operand):
        """operand (word operand)*: booleans are never NULL, so SQL's AND/OR agree."""
        return self.left_assoc(lambda tok: tok == ("name", word), operand,
                               lambda a, op, b: (f"({a} {word.upper()} {b})", "bool"))

    def left_assoc(self, is_op, operand, build):
        """operand (op operand)*, folded left to right with build(left, op, right)."""
        left, ty = operand()
        while is_op(self.peek()):
            op = self.take()[1]
            right, _ = operand()
            left, ty = build(left, op, right)
        return left, ty

    def expr_not(self):
        if self.peek() == ("name", "not"):
            self.take()
            inner, ty = self.expr_not()
            self.need_bool(ty, "not")
            return f"(NOT {inner})", "bool"
        return self.comparison()

    def comparison(self):
        left, ty = self.additive()
        tok = self.peek()
        if tok[0] == "op" and tok[1] in COMPARE:
            self.take()
            right, _ = self.additive()
            return f"coalesce({left} {COMPARE[tok[1]]} {right}, false)", "bool"
        if tok == ("name", "in"):
            self.take()
            self.take("[")
            items = [self.additive()[0]]
            while self.peek()[1] == ",":
                self.take()
                items.append(self.additive()[0])
            self.take("]")
            return f"coalesce({left} IN ({', '.join(items)}), false)", "bool"
        return left, ty

    def additive(self):
        return self.arithmetic("+-", self.multiplicative)

    def multiplicative(self):
        return self.arithmetic("*/", self.unary)

    def arithmetic(self, ops, operand):
        """A result that is not finite (a division by zero) is missing in the
        engine: NULL here."""

        def build(a, op, b):
            return f"({a} {op} {f'nullif({b}, 0)' if op == '/' else b})", "num"

        return self.left_assoc(lambda tok: tok[0] == "op" and tok[1] in ops, operand, build)

    def unary(self):
        if self.peek() == ("op", "-"):
            self.take()
            inner, _ = self.unary()
            return f"(- {inner})", "num"
        return self.primary()

    def primary(self):
        kind, value = self.take()
        if kind == "num":
            return f"CAST({value} AS DOUBLE)", "num"
        if kind == "str":
            return lit(value[1:-1]), "str"
        if value == "(":
            inner = self.expr_or()
            self.take(")")
            return inner
        if kind != "name":
            raise Untranslatable(f"unexpected {value!r} in {self.text!r}")
        if value in ("true", "false"):
            return value, "bool"
        if self.peek()[1] == "(":
            return self.call(value)
        if value.startswith("profile."):
            field = value[len("profile."):]
            if field not in self.grid.profile:
                raise Untranslatable(f"unknown profile field {value!r}")
            return self.facts("profile", field), "str"
        if value in self.grid.by_id:
            return self.facts("level", value), "num"
        raise Untranslatable(f"unknown name {value!r} in {self.text!r}")

    def call(self, fn):
        self.take("(")
        if fn in ("score", "coverage", "target", "answered", "na", "unknown"):
            return self.fact_call(fn)
        args = [self.expr_or()] if self.peek()[1] != ")" else []
        while self.peek()[1] == ",":
            self.take()
            args.append(self.expr_or())
        self.take(")")
        if fn == "count":
            for _, ty in args:
                self.need_bool(ty, "count")
            return "(" + " + ".join(f"CAST({a} AS DOUBLE)" for a, _ in args) + ")", "num"
        if fn in ("min", "max"):
            # DuckDB's least/greatest skip NULLs, like the rule language.
            return f"{'least' if fn == 'min' else 'greatest'}({', '.join(a for a, _ in args)})", "num"
        # spread() needs several raters: a CSV row has one, so the engine reads
        # it as missing; rather than guess, refuse.
        raise Untranslatable(f"the function {fn}() (in {self.text!r})")

    def fact_call(self, fn):
        """A function whose argument is a bare axis or criterion id."""
        arg = None if self.peek()[1] == ")" else self.take()[1]
        self.take(")")
        if fn in ("score", "coverage"):
            axis_ids = [a["id"] for a in self.grid.axes]
            if (arg is None and fn == "coverage") or (arg is not None and arg not in axis_ids):
                raise Untranslatable(f"{fn}() takes one axis id (in {self.text!r})")
            return self.facts(fn, arg), "num"
        if arg not in self.grid.by_id:
            raise Untranslatable(f"{fn}() takes one criterion id (in {self.text!r})")
        if fn == "target":
            return self.facts("target", arg), "num"
        states = {"answered": "'answered'", "na": "'na', 'not_relevant'", "unknown": "'unknown'"}[fn]
        return f"({self.facts('state', arg)} IN ({states}))", "bool"

    def need_bool(self, ty, where):
        if ty != "bool":
            raise Untranslatable(f"{where} of a value that is not true/false in {self.text!r}")


def condition_sql(text, grid, facts):
    return Translator(text, grid, facts).translate()


def profile_fields(text):
    return sorted(set(re.findall(r"profile\.([A-Za-z_][A-Za-z0-9_-]*)", text)))


# --------------------------------------------------------------------------
# The scoring query
# --------------------------------------------------------------------------


def case_of(column, pairs):
    """CASE column WHEN code THEN value … END (NULL for anything else)."""
    whens = " ".join(f"WHEN {lit(code)} THEN {value}" for code, value in pairs)
    return f"CASE {column} {whens} END"


def stage_raw(grid, header):
    """Each criterion's level score, level position, answer state and target,
    and each profile field, read from the CSV's columns."""
    cols = ["id", "name"] if "name" in header else ["id", "CAST(NULL AS VARCHAR) AS name"]
    for f in grid.profile:
        cols.append(f"{q(f)} AS p_{f}" if f in header else f"CAST(NULL AS VARCHAR) AS p_{f}")
    for i, (full, _, _) in enumerate(grid.criteria):
        scale = grid.scale(full)
        opts = scale["options"]
        raw = q(full) if full in header else "CAST(NULL AS VARCHAR)"
        cols.append(f"{case_of(raw, [(o['code'], float(o['score'])) for o in opts])} AS l0_{i}")
        cols.append(f"{case_of(raw, [(o['code'], k) for k, o in enumerate(opts)])} AS x0_{i}")
        states = [f"WHEN {raw} IN ({', '.join(lit(o['code']) for o in opts)}) THEN 'answered'"]
        for key, state in (("not_applicable", "na"), ("unknown", "unknown")):
            if key in scale:
                states.append(f"WHEN {raw} = {lit(scale[key]['code'])} THEN '{state}'")
        cols.append(f"CASE {' '.join(states)} ELSE 'unanswered' END AS s0_{i}")
        tcol = q(full + ".target") if full + ".target" in header else "CAST(NULL AS VARCHAR)"
        cols.append(f"{case_of(tcol, [(o['code'], float(o['score'])) for o in opts])} AS t_{i}")
        cols.append(f"{case_of(tcol, [(o['code'], k) for k, o in enumerate(opts)])} AS tx_{i}")
    return cols


def facts_of(grid, level, state, score, coverage):
    index = {full: i for i, (full, _, _) in enumerate(grid.criteria)}

    def facts(kind, name):
        if kind == "profile":
            return f"p_{name}"
        if kind == "level":
            return f"{level}_{index[name]}"
        if kind == "state":
            return f"{state}_{index[name]}"
        if kind == "target":
            return f"t_{index[name]}"
        if kind == "score":
            return score(name)
        return coverage(name)

    return facts


def stage_relevant(grid):
    """Skip logic: a criterion whose `relevant` condition is false becomes
    not relevant (no level, state not_relevant); a condition reading a profile
    field the row does not give keeps the criterion in. Conditions read the
    answers before any skip, and no axis score (none is computed yet)."""
    facts = facts_of(grid, "l0", "s0", lambda a: "CAST(NULL AS DOUBLE)", lambda a: "CAST(NULL AS DOUBLE)")
    cols = ["*"]
    for i, (full, _, c) in enumerate(grid.criteria):
        cond = c.get("relevant")
        if cond is None:
            rel = "true"
        else:
            asks = [f"p_{f} IS NULL" for f in profile_fields(cond)]
            rel = " OR ".join(asks + [f"({condition_sql(cond, grid, facts)})"])
        cols.append(f"CASE WHEN {rel} THEN l0_{i} END AS l_{i}")
        cols.append(f"CASE WHEN {rel} THEN x0_{i} END AS x_{i}")
        cols.append(f"CASE WHEN {rel} THEN s0_{i} ELSE 'not_relevant' END AS s_{i}")
    return cols


def stage_axes(grid):
    """Axis score = 100 × Σ w·v / Σ w over answered criteria (NULL when none),
    coverage = answered / applicable (na and skipped criteria leave both)."""
    cols = ["*"]
    for axis in grid.axes:
        num, den, answered, applicable = [], [], [], []
        for i, (full, a, c) in enumerate(grid.criteria):
            if a != axis["id"]:
                continue
            scores = [o["score"] for o in grid.scale(full)["options"]]
            low, high = scores[0], max(scores)
            value = f"(l_{i} - {float(low)}) / {float(high - low)}" if high > low else "0.0"
            w = float(c.get("weight", 1))
            num.append(f"coalesce({w} * {value}, 0)")
            den.append(f"(CASE WHEN l_{i} IS NOT NULL THEN {w} ELSE 0 END)")
            answered.append(f"CAST(s_{i} = 'answered' AS INTEGER)")
            applicable.append(f"CAST(s_{i} IN ('answered', 'unanswered', 'unknown') AS INTEGER)")
        a = axis["id"]
        cols.append(f"{ratio(num, den, 100.0)} AS score_{a}")
        cols.append(f"{ratio(answered, applicable, 100.0)} AS coverage_{a}")
    return cols


def ratio(num, den, factor):
    """factor × Σ num / Σ den, NULL (absent, never 0) when Σ den is 0."""
    num, den = " + ".join(num), " + ".join(den)
    return f"CASE WHEN ({den}) > 0 THEN {factor} * ({num}) / ({den}) END"


def stage_overall(grid):
    """Overall = weighted mean of the axis scores present."""
    if not grid.overall:
        return ["*", "CAST(NULL AS DOUBLE) AS overall"]
    weights = [(float(a.get("weight", 1)), f"score_{a['id']}") for a in grid.axes]
    num = [f"coalesce({w} * {s}, 0)" for w, s in weights]
    den = [f"(CASE WHEN {s} IS NOT NULL THEN {w} ELSE 0 END)" for w, s in weights]
    return ["*", f"{ratio(num, den, 1.0)} AS overall"]


def findings(grid):
    """(finding id, kind, SQL condition) for every finding a row can raise:
    critical criteria low or unknown, target gaps, then the rules."""
    out = []
    for i, (full, _, c) in enumerate(grid.criteria):
        scale = grid.scale(full)
        codes = [o["code"] for o in scale["options"]]
        below = codes.index(scale["critical_below"]) if "critical_below" in scale else len(codes) // 2
        if c.get("critical", False):
            low = f"(s_{i} = 'unknown' OR coalesce(x_{i} < {below}, false))"
            out.append((f"critical:{full}", "vigilance", low))
        gap = f"coalesce(greatest(tx_{i} - x_{i}, 0) >= {grid.target_gap}, false)"
        out.append((f"target:{full}", "opportunite", gap))
    facts = facts_of(grid, "l", "s", lambda a: "overall" if a is None else f"score_{a}",
                     lambda a: f"coverage_{a}")
    for rule in grid.rules:
        try:
            out.append((rule["id"], rule["kind"], condition_sql(rule["when"], grid, facts)))
        except Untranslatable as e:
            raise Untranslatable(f"rule {rule['id']!r}: {e}") from None
    return out


def scoring_query(grid, csv_path, header):
    """One SELECT giving, per row, the columns `domino batch` writes (minus the
    grid stamp): id, name, overall, each axis' score and coverage rounded to
    0.01, finding counts by kind and the finding ids joined with `;`."""
    found = findings(grid)
    source = f"read_csv({lit(csv_path)}, header = true, all_varchar = true, delim = ',', quote = '\"')"
    stages = [("raw", stage_raw(grid, header), source), ("rel", stage_relevant(grid), "raw"),
              ("ax", stage_axes(grid), "rel"), ("tot", stage_overall(grid), "ax")]
    stages.append(("fnd", ["*"] + [f"{sql} AS f_{k}" for k, (_, _, sql) in enumerate(found)], "tot"))
    ctes = ",\n".join(f"{name} AS (SELECT {', '.join(cols)} FROM {src})" for name, cols, src in stages)
    out = ["id", "name", "round(overall, 2) AS overall"]
    for a in grid.axes:
        for m in ("score", "coverage"):
            out.append(f"round({m}_{a['id']}, 2) AS {q(a['id'] + '.' + m)}")
    for kind in KINDS:
        terms = [f"CAST(f_{k} AS INTEGER)" for k, (_, fk, _) in enumerate(found) if fk == kind] or ["0"]
        out.append(f"({' + '.join(terms)}) AS {kind}s")
    ids = ", ".join(f"CASE WHEN f_{k} THEN {lit(fid)} END" for k, (fid, _, _) in enumerate(found))
    out.append(f"concat_ws(';', {ids}) AS findings")
    return f"WITH {ctes}\nSELECT {', '.join(out)} FROM fnd"


# --------------------------------------------------------------------------
# Random rows, the check, the timing
# --------------------------------------------------------------------------


def generate(grid, rows, path, seed):
    """ROWS random rows: each level drawn from the scale's codes, `na`, `?` and
    empty; profile fields sometimes empty (skip logic then keeps the
    criterion); a target for about one criterion in five. One row in ten is
    sparse (two answers in three left empty), so that some axes have no score
    and coverage conditions fire."""
    rng = random.Random(seed)
    crits = [full for full, _, _ in grid.criteria]
    header = ["id", "name"] + grid.profile + crits + [c + ".target" for c in crits]
    levels, targets, profiles = [], [], []
    for full in crits:
        scale = grid.scale(full)
        codes = [o["code"] for o in scale["options"]]
        extra = [scale[k]["code"] for k in ("not_applicable", "unknown") if k in scale] + [""]
        levels.append(codes * 3 + extra)
        targets.append([""] * 4 * len(codes) + codes)
    for f in grid.profile:
        profiles.append(grid.choices[f] * 6 + [""] if grid.choices[f] else ["x", "y", ""])
    choose = rng.choice
    with open(path, "w", newline="", encoding="utf-8") as out:
        w = csv.writer(out, lineterminator="\n")
        w.writerow(header)
        for r in range(rows):
            if rng.random() < 0.1:
                answers = [choose(l) if rng.random() < 1 / 3 else "" for l in levels]
            else:
                answers = [choose(l) for l in levels]
            w.writerow([f"row-{r}", f"Initiative {r}"] + [choose(p) for p in profiles]
                       + answers + [choose(t) for t in targets])
    return header


def read_results(path):
    with open(path, newline="", encoding="utf-8") as f:
        return {row["id"]: row for row in csv.DictReader(f)}


def differences(grid, domino, duck):
    """Every disagreement between the two result files, as readable lines."""
    numbers = ["overall"] + [f"{a['id']}.{m}" for a in grid.axes for m in ("score", "coverage")]
    out = []
    if domino.keys() != duck.keys():
        out.append(f"rows differ: {len(domino)} from domino, {len(duck)} from DuckDB")
    for rid in domino.keys() & duck.keys():
        a, b = domino[rid], duck[rid]
        for col in numbers:
            x, y = a[col], b[col]
            if (x == "") != (y == "") or (x and abs(float(x) - float(y)) > 0.01 + 1e-9):
                out.append(f"{rid} {col}: domino {x!r}, DuckDB {y!r}")
        fa, fb = set(filter(None, a["findings"].split(";"))), set(filter(None, b["findings"].split(";")))
        if fa != fb:
            out.append(f"{rid} findings: only domino {sorted(fa - fb)}, only DuckDB {sorted(fb - fa)}")
        for kind in KINDS:
            if a[kind + "s"] != b[kind + "s"]:
                out.append(f"{rid} {kind}s: domino {a[kind + 's']}, DuckDB {b[kind + 's']}")
    return sorted(out)


def check(grid, domino_bin, grid_path, work, rows=2000):
    import duckdb

    sample = os.path.join(work, f"peer-sample-{rows}.csv")
    header = generate(grid, rows, sample, seed=18)
    dom_out, duck_out = sample + ".domino.csv", sample + ".duckdb.csv"
    subprocess.run([domino_bin, "batch", sample, "--grid", grid_path, "-o", dom_out], check=True)
    query = scoring_query(grid, sample, header)
    duckdb.sql(f"COPY ({query}) TO {lit(duck_out)} (HEADER, DELIMITER ',')")
    domino, duck = read_results(dom_out), read_results(duck_out)
    diffs = differences(grid, domino, duck)
    fired = {}
    for row in domino.values():
        for fid in filter(None, row["findings"].split(";")):
            fired[fid] = fired.get(fid, 0) + 1
    never = [r["id"] for r in grid.rules if r["id"] not in fired]
    print(f"check: {rows} random rows, {len(grid.criteria)} criteria, {len(grid.rules)} rules, "
          f"{sum(fired.values())} findings compared; rules that never fired in the sample: "
          f"{', '.join(never) or 'none'}", flush=True)
    if diffs:
        print(f"DuckDB and domino disagree ({len(diffs)} differences), first ones:", file=sys.stderr)
        for d in diffs[:20]:
            print("  " + d, file=sys.stderr)
        sys.exit(1)
    print("check: same axis scores, coverages, overall (to 0.01) and findings on every row", flush=True)


def measure(label, command, work):
    """Runs command under /usr/bin/time -v: (wall s, user+sys s, peak RSS MB)."""
    log = os.path.join(work, f"peer-time-{label}.txt")
    with open(log, "w") as err:
        subprocess.run(["/usr/bin/time", "-v"] + command, check=True, stdout=subprocess.DEVNULL, stderr=err)
    text = open(log).read()

    def field(name):
        return re.search(re.escape(name) + r".*?: (\S+)\s*$", text, re.M).group(1)

    parts = [float(p) for p in field("Elapsed (wall clock) time").split(":")]
    wall = sum(p * 60 ** k for k, p in enumerate(reversed(parts)))
    cpu = float(field("User time (seconds)")) + float(field("System time (seconds)"))
    return wall, cpu, float(field("Maximum resident set size (kbytes)")) / 1024


def run_query(csv_path, header_path, out_path, grid_path):
    """The timed DuckDB child: builds the query (from the grid) and COPYs it."""
    import duckdb

    grid = Grid(grid_path)
    with open(header_path, newline="", encoding="utf-8") as f:
        header = next(csv.reader(f))
    duckdb.sql(f"COPY ({scoring_query(grid, csv_path, header)}) TO {lit(out_path)} (HEADER, DELIMITER ',')")


def time_all(grid, domino_bin, grid_path, work, rows):
    big = os.path.join(work, f"peer-random-{rows}.csv")
    if not os.path.exists(big):
        print(f"generating {big} ({rows} random rows)…", file=sys.stderr, flush=True)
        generate(grid, rows, big, seed=2017)
    print(f"input: {big} ({rows} rows, {os.path.getsize(big) / 1e6:.0f} MB), {os.cpu_count()} cores, "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    runs = {
        "parse-only": [domino_bin, "batch", "--grid", grid_path, "--parse-only", big],
        "domino batch": [domino_bin, "batch", "--grid", grid_path, big, "-o", big + ".domino.out.csv"],
        "DuckDB query": [sys.executable, os.path.abspath(__file__), "--query", big,
                         big + ".duckdb.out.csv", grid_path],
    }
    results = {}
    for label, command in runs.items():
        wall, cpu, rss = measure(label.replace(" ", "-"), command, work)
        wall, cpu = max(wall, 0.01), max(cpu, 0.01)  # /usr/bin/time counts in 0.01 s
        results[label] = (wall, cpu)
        print(f"{label:<13} wall {wall:6.2f} s  CPU {cpu:6.2f} s  peak RSS {rss:7.1f} MB  "
              f"{rows / wall / 1e3:8.0f} k rows/s", flush=True)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    (dw, dc), (pw, pc), (qw, qc) = results["domino batch"], results["parse-only"], results["DuckDB query"]
    print(f"domino / parse-only: {dw / pw:.2f}x wall, {dc / pc:.2f}x CPU (goal: within 2x wall)")
    print(f"DuckDB / domino:     {qw / dw:.2f}x wall, {qc / dc:.2f}x CPU (goal: at least 3x)")
    for suffix in (".domino.out.csv", ".duckdb.out.csv"):
        os.remove(big + suffix)


def main(argv):
    if argv[:1] == ["--query"]:
        return run_query(argv[1], argv[1], argv[2], argv[3])
    if argv[:1] == ["--sql"]:
        grid = Grid(argv[1])
        header = ["id", "name"] + grid.profile + [f for f, _, _ in grid.criteria]
        return print(scoring_query(grid, "rows.csv", header + [f + ".target" for f in header[2:]]))
    grid_path = os.path.join(ROOT, "grids", "domino.toml")
    if "--grid" in argv:
        k = argv.index("--grid")
        grid_path = argv[k + 1]
        del argv[k:k + 2]
    domino_bin, rows = argv[0], int(argv[1]) if len(argv) > 1 else 1_000_000
    work = os.environ.get("BENCH_DIR", os.path.join(ROOT, "target", "bench"))
    os.makedirs(work, exist_ok=True)
    grid = Grid(grid_path)
    try:
        scoring_query(grid, "x.csv", [])
    except Untranslatable as e:
        sys.exit(f"cannot translate the grid into SQL: {e}")
    check(grid, domino_bin, grid_path, work)
    if rows > 0:
        time_all(grid, domino_bin, grid_path, work, rows)


if __name__ == "__main__":
    main(sys.argv[1:])
