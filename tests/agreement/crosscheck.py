#!/usr/bin/env python3
"""Cross-checks `domino agreement` against an independent implementation of
Krippendorff's alpha, the PyPI package `krippendorff` (Castro, 2017), on random
reliability data with missing values.

Each case draws raters, initiatives and levels at random on a grid written for
the check (a six-level scale with uneven scores, so that the interval metric
reads the scores and not the positions; three criteria on two axes), writes a
long CSV table with empty cells, `na` and `?` for missing values, runs
`domino agreement --format json` and compares alpha per criterion, per axis
and overall, for the ordinal, interval and nominal metrics, to 1e-9.

    python3 -m venv /tmp/venv-agreement
    /tmp/venv-agreement/bin/pip install krippendorff numpy
    /tmp/venv-agreement/bin/python tests/agreement/crosscheck.py [--domino target/debug/domino] [--cases 200]

When scikit-learn is installed (`pip install scikit-learn`), Cohen's kappa of
the two-rater cases is compared too, with `sklearn.metrics.cohen_kappa_score`:
quadratic weights for the ordinal metric, unweighted for the nominal one.

Exits 0 when every figure agrees, 1 otherwise.
"""

import argparse
import json
import pathlib
import subprocess
import sys
import tempfile
import warnings

import krippendorff
import numpy as np

try:  # Cohen's kappa is checked against scikit-learn when it is installed.
    from sklearn.metrics import cohen_kappa_score
except ImportError:
    cohen_kappa_score = None

SCORES = [0, 1, 3, 4, 7, 10]
CRITERIA = [("a", "x"), ("a", "y"), ("b", "z")]
TOLERANCE = 1e-9

GRID = """[grid]
id = "crosscheck"
version = "1.0.0"
languages = ["en"]
title = "Cross-check"

[scales.level]
options = [
{options}
]
not_applicable = {{ code = "na", label = "Not applicable" }}
unknown = {{ code = "?", label = "Unknown" }}
"""


def grid_toml():
    """The grid: the scale, then each axis followed by its criteria."""
    options = ",\n".join(
        f'  {{ code = "{i}", score = {s}, label = "L{i}" }}' for i, s in enumerate(SCORES)
    )
    text = GRID.format(options=options)
    axes = []
    for axis, criterion in CRITERIA:
        if axis not in axes:
            axes.append(axis)
            text += f'\n[[axes]]\nid = "{axis}"\ntitle = "{axis}"\nquestion = "{axis}?"\n'
        text += (
            f'\n[[axes.criteria]]\nid = "{criterion}"\nscale = "level"\n'
            f'title = "{criterion}"\nquestion = "{criterion}?"\n'
        )
    return text


def random_case(rng):
    """One reliability matrix per criterion: raters × units, NaN for missing."""
    raters = 2 if rng.random() < 0.3 else int(rng.integers(3, 7))
    units = int(rng.integers(4, 60))
    missing = float(rng.uniform(0.0, 0.45))
    levels = int(rng.integers(2, len(SCORES) + 1))
    matrices = []
    for _ in CRITERIA:
        truth = rng.integers(0, levels, size=units)
        noise = rng.integers(-1, 2, size=(raters, units)) * (rng.random((raters, units)) < 0.4)
        m = np.clip(truth + noise, 0, levels - 1).astype(float)
        m[rng.random((raters, units)) < missing] = np.nan
        matrices.append(m)
    return raters, units, matrices


def long_csv(rng, raters, units, matrices):
    lines = ["id,rater," + ",".join(f"{a}.{c}" for a, c in CRITERIA)]
    for u in range(units):
        for r in range(raters):
            cells = []
            for m in matrices:
                v = m[r, u]
                cells.append(str(int(v)) if not np.isnan(v) else str(rng.choice(["", "na", "?"])))
            lines.append(f"u{u},r{r}," + ",".join(cells))
    return "\n".join(lines) + "\n"


def reference(matrix, metric):
    """Alpha of the PyPI package on positions (ordinal, nominal) or scores (interval)."""
    data = matrix.copy()
    if metric == "interval":
        scores = np.array(SCORES, dtype=float)
        present = ~np.isnan(data)
        data[present] = scores[data[present].astype(int)]
    try:
        value = krippendorff.alpha(reliability_data=data, level_of_measurement=metric)
    except ValueError:
        return None
    return None if np.isnan(value) else float(value)


def reference_kappa(matrix, metric):
    """Kappa of scikit-learn over the units both raters rated, levels as labels."""
    both = ~np.isnan(matrix).any(axis=0)
    first, second = matrix[0, both].astype(int), matrix[1, both].astype(int)
    weights = {"ordinal": "quadratic", "nominal": None}[metric]
    if len(first) == 0 or len(set(first) | set(second)) < 2:
        return None
    value = cohen_kappa_score(first, second, labels=list(range(len(SCORES))), weights=weights)
    return None if np.isnan(value) else float(value)


def scopes(report):
    """(name, alpha, pairable units) of every row of a domino report."""
    rows = [("overall", report["overall"])]
    rows += [(a["id"], a) for a in report["axes"]]
    rows += [(c["id"], c) for c in report["criteria"]]
    return rows


def pooled(matrices, names):
    chosen = [m for (a, c), m in zip(CRITERIA, matrices) if a in names or f"{a}.{c}" in names]
    return np.concatenate(chosen, axis=1)


def expected(matrices, name, metric, statistic=reference):
    if name == "overall":
        return statistic(np.concatenate(matrices, axis=1), metric)
    return statistic(pooled(matrices, {name}), metric)


def check_kappa(matrices, name, row, metric):
    """Disagreements of kappa, when it can be checked (two raters, scikit-learn)."""
    if cohen_kappa_score is None or metric == "interval" or "kappa" not in row:
        return [], 0
    ours, theirs = row["kappa"], expected(matrices, name, metric, reference_kappa)
    if ours is None and theirs is None:
        return [], 0
    if ours is None or theirs is None or abs(ours - theirs) > TOLERANCE:
        return [f"{metric} {name}: kappa {ours!r}, scikit-learn {theirs!r}"], 1
    return [], 1


def check_case(domino, workdir, rng, case):
    raters, units, matrices = random_case(rng)
    data = workdir / f"case{case}.csv"
    data.write_text(long_csv(rng, raters, units, matrices))
    failures, compared, kappas = [], 0, [0]
    for metric in ("ordinal", "interval", "nominal"):
        out = subprocess.run(
            [domino, "--grid", str(workdir / "grid.toml"), "agreement", str(data),
             "--format", "json", "--metric", metric, "--bootstrap", "0"],
            capture_output=True, text=True, check=False,
        )
        if out.returncode != 0:
            failures.append(f"case {case} {metric}: exit {out.returncode}: {out.stderr}")
            continue
        report = json.loads(out.stdout)
        for name, row in scopes(report):
            if report["kappa_weights"] is not None:
                f, c = check_kappa(matrices, name, row, metric)
                failures += [f"case {case} {m}" for m in f]
                kappas[0] += c
            ours, theirs = row["alpha"], expected(matrices, name, metric)
            if ours is None:
                # Undefined here: too little data, said in words; the package
                # then either refuses, gives NaN, or (a single unit) 0.
                if not row["note"] or (theirs is not None and row["units"] > 1):
                    failures.append(f"case {case} {metric} {name}: undefined ({row['undefined']}) but {theirs}")
                continue
            if theirs is None or abs(ours - theirs) > TOLERANCE:
                failures.append(f"case {case} {metric} {name}: domino {ours!r}, krippendorff {theirs!r}")
            compared += 1
    return failures, compared, kappas[0]


def main():
    # The package divides 0 by 0 when values do not vary; that case is checked as undefined.
    warnings.filterwarnings("ignore", category=RuntimeWarning)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    root = pathlib.Path(__file__).resolve().parents[2]
    parser.add_argument("--domino", default=str(root / "target" / "debug" / "domino"))
    parser.add_argument("--cases", type=int, default=200)
    parser.add_argument("--seed", type=int, default=2017)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    failures, compared, kappas = [], 0, 0
    with tempfile.TemporaryDirectory() as tmp:
        workdir = pathlib.Path(tmp)
        (workdir / "grid.toml").write_text(grid_toml())
        for case in range(args.cases):
            f, c, k = check_case(args.domino, workdir, rng, case)
            failures += f
            compared += c
            kappas += k
    for f in failures[:20]:
        print(f, file=sys.stderr)
    kappa = f", {kappas} kappas" if cohen_kappa_score else " (kappa not checked: no scikit-learn)"
    print(f"{args.cases} random cases, {compared} alphas{kappa} compared to 1e-9, {len(failures)} disagreement(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
