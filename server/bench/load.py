#!/usr/bin/env python3
"""Load benchmark of the workshop server: prints figures, asserts nothing.

Starts `domino-serve` (or `domino serve`) on 127.0.0.1 with a fresh SQLite file
(or --db URL), creates a session on the DOMINO grid, and simulates N
participants (default 200), each answering C criteria (default 30) spread
over D seconds (default 120), while one board subscriber reads the live event
stream. Reports p50/p99 save latency, time from an answer's write to its
event at the subscriber, answers lost (acknowledged but not stored), and the
server's peak resident memory (VmHWM). Loopback only; every loop is bounded
and the run stops by itself.

    python3 server/bench/load.py [--participants 200] [--criteria 30]
        [--duration 120] [--server target/release/domino-serve] [--db URL]

Standard library only (threads and http.client).
"""

import argparse
import http.client
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
import tomllib


def request(port, method, path, token=None, body=None, timeout=30):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    conn.request(method, path, body=None if body is None else json.dumps(body), headers=headers)
    res = conn.getresponse()
    data = res.read()
    conn.close()
    try:
        return res.status, json.loads(data) if data else None
    except ValueError:
        return res.status, data.decode("utf-8", "replace")


def start_server(binary, db):
    proc = subprocess.Popen(
        [binary, "--db", db, "--listen", "127.0.0.1:0"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        env={**os.environ, "DOMINO_LOG": "warn"},
    )
    port = token = None
    for _ in range(10):
        line = proc.stdout.readline()
        m = re.search(r"listening on http://127\.0\.0\.1:(\d+)", line)
        if m:
            port = int(m.group(1))
        m = re.search(r"#/t/([A-Za-z0-9_-]+)", line)
        if m:
            token = m.group(1)
            break
    if not (port and token):
        proc.kill()
        sys.exit("the server did not print its address and link")
    return proc, port, token


def peak_rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


class Board(threading.Thread):
    """The board: reads the event stream, notes when each answer event arrived."""

    def __init__(self, port, session, token, deadline):
        super().__init__(daemon=True)
        self.port, self.session, self.token, self.deadline = port, session, token, deadline
        self.seen = {}

    def run(self):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
        conn.request("GET", f"/api/sessions/{self.session}/events",
                     headers={"Authorization": "Bearer " + self.token})
        res = conn.getresponse()
        while time.monotonic() < self.deadline:
            try:
                line = res.fp.readline()
            except OSError:
                continue
            if not line:
                break
            if line.startswith(b"data:"):
                event = json.loads(line[5:])
                if event["kind"] == "answer":
                    p = event["payload"]
                    self.seen[(p["participant"], p["criterion"])] = time.monotonic()


def participant(port, session, token, pid, criteria, duration, results, lock):
    rng = random.Random(pid)
    start = time.monotonic()
    for i, criterion in enumerate(criteria):
        # Answers spread evenly over the duration, with jitter.
        due = start + duration * (i + rng.random()) / len(criteria)
        time.sleep(max(0.0, due - time.monotonic()))
        level = rng.choice(["0", "1", "2", "3", "4"])
        body = {"criterion": criterion, "level": level, "base_version": 0,
                "idempotency_key": f"{pid}-{criterion}"}
        sent = time.monotonic()
        try:
            status, _ = request(port, "PUT", f"/api/sessions/{session}/answers", token, body)
        except OSError:
            status = 0
        done = time.monotonic()
        with lock:
            results.append((pid, criterion, level, status, sent, done))


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] if values else float("nan")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--participants", type=int, default=200)
    ap.add_argument("--criteria", type=int, default=30)
    ap.add_argument("--duration", type=float, default=120.0, help="seconds over which each participant answers")
    ap.add_argument("--server", default=None, help="the server binary (default: target/release/domino-serve, else debug)")
    ap.add_argument("--db", default=None, help="database URL (default: a fresh SQLite file)")
    args = ap.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    binary = args.server or next(
        (p for p in (f"{root}/target/release/domino-serve", f"{root}/target/debug/domino-serve") if os.path.exists(p)), None)
    if not binary:
        sys.exit("build the server first: cargo build --release -p domino-server")
    tmp = tempfile.TemporaryDirectory()
    db = args.db or os.path.join(tmp.name, "load.db")
    proc, port, admin = start_server(binary, db)
    try:
        run(args, port, admin, proc, binary, db)
    finally:
        proc.kill()
        proc.wait()
        tmp.cleanup()


def setup(args, port, admin):
    _, init = request(port, "POST", "/api/initiatives", admin, {"name": "Banc d’essai"})
    _, session = request(port, "POST", f"/api/initiatives/{init['id']}/sessions", admin, {"grid": "domino"})
    sid = session["id"]
    status, source = request(port, "GET", f"/api/sessions/{sid}/grid", admin)
    grid = tomllib.loads(source)
    criteria = [f"{axis['id']}.{c['id']}" for axis in grid["axes"] for c in axis["criteria"]]
    if len(criteria) < args.criteria:
        sys.exit(f"the grid has {len(criteria)} criteria, fewer than --criteria {args.criteria}")
    tokens = []
    for i in range(args.participants):
        status, p = request(port, "POST", f"/api/sessions/{sid}/join", session["join_token"],
                            {"name": f"Participant {i + 1}", "role": "habitant"})
        if status != 201:
            sys.exit(f"join failed: {status} {p}")
        tokens.append((p["participant"], p["token"]))
    request(port, "POST", f"/api/sessions/{sid}/phase", admin, {"phase": "rating"})
    return sid, criteria[: args.criteria], tokens


def run(args, port, admin, proc, binary, db):
    sid, criteria, tokens = setup(args, port, admin)
    deadline = time.monotonic() + args.duration + 60
    board = Board(port, sid, admin, deadline)
    board.start()
    time.sleep(0.5)
    results, lock, threads = [], threading.Lock(), []
    t0 = time.monotonic()
    for pid, token in tokens:
        t = threading.Thread(target=participant, daemon=True,
                             args=(port, sid, token, pid, criteria, args.duration, results, lock))
        t.start()
        threads.append(t)
    for t in threads:
        t.join(timeout=max(1.0, deadline - time.monotonic()))
    elapsed = time.monotonic() - t0
    time.sleep(2)  # let the last events arrive
    acked = [r for r in results if r[3] == 200]
    request(port, "POST", f"/api/sessions/{sid}/phase", admin, {"phase": "reveal"})
    _, stored = request(port, "GET", f"/api/sessions/{sid}/answers", admin)
    stored = {(a["participant"], a["criterion"]): a["level"] for a in stored["answers"]}
    lost = sum(1 for (pid, c, level, *_rest) in acked if stored.get((pid, c)) != level)
    save_ms = [(r[5] - r[4]) * 1000 for r in acked]
    live_ms = [(board.seen[(r[0], r[1])] - r[4]) * 1000 for r in acked if (r[0], r[1]) in board.seen]
    print(f"server: {os.path.relpath(binary)}, database: {'SQLite file' if args.db is None else args.db}")
    print(f"participants: {args.participants}, criteria each: {len(criteria)}, duration: {args.duration:.0f} s (ran {elapsed:.1f} s)")
    print(f"answers sent: {len(results)}, acknowledged: {len(acked)}, refused or failed: {len(results) - len(acked)}")
    print(f"save latency: p50 {percentile(save_ms, 50):.1f} ms, p99 {percentile(save_ms, 99):.1f} ms, max {max(save_ms, default=0):.1f} ms")
    print(f"answer to board (SSE): p50 {percentile(live_ms, 50):.1f} ms, p99 {percentile(live_ms, 99):.1f} ms, "
          f"max {max(live_ms, default=0):.1f} ms, events received {len(live_ms)}/{len(acked)}")
    print(f"answers lost (acknowledged, not stored): {lost}")
    print(f"server peak RSS: {peak_rss_kib(proc.pid) / 1024:.1f} MiB")


if __name__ == "__main__":
    main()
