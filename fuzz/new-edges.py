#!/usr/bin/env python3
"""Where did a campaign still find new code? Symbolizes the `NEW_PC` lines of a
campaign log (run with `-print_pcs=1`) and sorts each new edge into:

- `our code`: a line of our crates (engine, CLI, tests);
- `inlined`: standard-library or dependency code inlined into one of our
  functions (hash-table probing, buffer growth, UTF-8 decoding…), named by
  the innermost of our lines it was inlined into;
- `dependency`: code of a dependency or the standard library, not inlined.

It ends with when the last new edge of each kind was found: a campaign whose
last new edge in our code is long before its end has stopped finding new
behaviour of our crates, whatever still trickles in from the parsers below.

    fuzz/campaign.sh grid_toml 600 3000 -max_len=8192 -dict=grid.dict -print_pcs=1
    python3 fuzz/new-edges.py grid_toml

The addresses in the log are where the binary was loaded; the script finds
the load address from the log's `Loaded 1 PC tables` line and the binary's
`__sancov_pcs` section, then asks `llvm-symbolizer`.
"""
import collections
import json
import re
import subprocess
import sys
from pathlib import Path

FUZZ = Path(__file__).resolve().parent
OURS = tuple(str(FUZZ.parent / crate) + "/" for crate in ("engine", "cli", "tests", "web"))


def load_address(log: str, binary: Path) -> int:
    """The runtime address of the binary's start, from the PC table's place."""
    runtime = re.search(r"Loaded 1 PC tables \(\d+ PCs\): \d+ \[(0x[0-9a-f]+),", log)
    if not runtime:
        sys.exit("no `Loaded 1 PC tables` line in the log")
    sections = subprocess.run(["readelf", "-SW", str(binary)], capture_output=True, text=True).stdout
    static = re.search(r"__sancov_pcs\s+PROGBITS\s+([0-9a-f]+)", sections)
    if not static:
        sys.exit(f"no __sancov_pcs section in {binary}")
    return int(runtime.group(1), 16) - int(static.group(1), 16)


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(f"usage: {sys.argv[0]} TARGET   (reads fuzz/logs/TARGET.log)")
    target = sys.argv[1]
    log = (FUZZ / "logs" / f"{target}.log").read_text(errors="replace")
    binary = FUZZ / "target" / "x86_64-unknown-linux-gnu" / "release" / target
    base = load_address(log, binary)
    found = re.findall(r"^(\d+)\s+NEW_PC: (0x[0-9a-f]+)", log, re.M)
    if not found:
        sys.exit("no NEW_PC line: run the campaign with -print_pcs=1")
    offsets = "\n".join(hex(int(pc, 16) - base) for _, pc in found) + "\n"
    out = subprocess.run(
        ["llvm-symbolizer", f"--obj={binary}", "--output-style=JSON", "--functions=short", "--demangle"],
        input=offsets, capture_output=True, text=True, check=True,
    ).stdout.splitlines()
    kinds = collections.Counter()
    last = {}
    for (second, _), line in zip(found, out):
        frames = json.loads(line).get("Symbol", [])
        inner = frames[0].get("FileName", "") if frames else ""
        own = next((f for f in frames if f.get("FileName", "").startswith(OURS)), None)
        kind = "our code" if inner.startswith(OURS) else "inlined" if own else "dependency"
        kinds[kind] += 1
        last[kind] = int(second)
        if own:
            where = f'{own["FileName"][len(str(FUZZ.parent)) + 1:]}:{own["Line"]} ({own["FunctionName"][:40]})'
        else:
            where = f'{inner.split("/src/")[-1]}:{frames[0].get("Line") if frames else "?"}'
        print(f"{int(second):>6}s  {kind:<10}  {where}")
    end = int(re.findall(r"^(\d+) ", log, re.M)[-1])
    print(f"campaign: {end}s; new edges: " + ", ".join(f"{n} {kind}" for kind, n in kinds.most_common()))
    for kind in ("our code", "inlined", "dependency"):
        if kind in last:
            print(f"last new edge in {kind}: {last[kind]}s ({end - last[kind]}s before the end)")


if __name__ == "__main__":
    main()
