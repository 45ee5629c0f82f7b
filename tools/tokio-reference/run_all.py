#!/usr/bin/env python3
"""Build the Tokio reference programs offline and run each one N times.

Usage:  python3 run_all.py [--runs N] [--only NAME ...] [--no-build]

* builds with `cargo build --release --offline`, target dir
  /tmp/tokio-ref/target (override with TOKIO_REF_TARGET)
* writes results/<name>.txt (summary) and results/raw/<name>/run<i>.txt
  (verbatim output of every run)

Each program line looks like
    `   123.456ms tokio-runtime-worker ThreadId(3) | text`
Book time scale: 1 book second = 50 ms.
"""
import argparse
import collections
import os
import re
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TARGET = os.environ.get("TOKIO_REF_TARGET", "/tmp/tokio-ref/target")
MS_PER_BOOK_SEC = 50.0

# name -> (binary, args, description)
CONFIGS = [
    ("coffee-toast", "coffee-toast", [],
     "#[tokio::main(flavor=\"multi_thread\", worker_threads=4)]; join!(mug, coffee, toast) in main future; original prep_coffee_mug"),
    ("coffee-toast-yield", "coffee-toast-yield", [],
     "as coffee-toast but prep_coffee_mug starts with sleep(100ms book = 5 ms).await"),
    ("coffee-toast-ct", "coffee-toast-ct", [],
     "as coffee-toast with #[tokio::main(flavor=\"current_thread\")]"),
    ("coffee-toast-yield-ct", "coffee-toast-yield-ct", [],
     "as coffee-toast-yield with #[tokio::main(flavor=\"current_thread\")]"),
    ("persons-sequential", "persons-sequential", [],
     "worker_threads=1; spawn(person 1).await; then spawn(person 2).await; yield version of prep_coffee_mug"),
    ("persons-joined-2", "persons-joined-2", [],
     "worker_threads=1; p1=spawn(person 1); p2=spawn(person 2); join!(p1, p2); yield version"),
    ("persons-joined-3", "persons-joined-3", [],
     "worker_threads=1; 3 persons spawned then join!(p1, p2, p3); yield version"),
    ("persons-sequential-noyield", "persons-sequential", ["noyield"],
     "EXTRA: persons-sequential with the original (no-yield) prep_coffee_mug"),
    ("persons-joined-2-noyield", "persons-joined-2", ["noyield"],
     "EXTRA: persons-joined-2 with the original (no-yield) prep_coffee_mug"),
    ("persons-joined-3-noyield", "persons-joined-3", ["noyield"],
     "EXTRA: persons-joined-3 with the original (no-yield) prep_coffee_mug"),
    ("probe-spawn4", "probe-spawn4", ["workers=4"],
     "probe (a): 4 workers; main (block_on thread) spawns A..D; each: start, thread::sleep(100 ms real), end"),
    ("probe-spawn4-w1", "probe-spawn4", ["workers=1"],
     "probe (a) with worker_threads=1"),
    ("probe-timer-blocked-w4-t1first", "probe-timer-blocked", ["workers=4", "order=t1first"],
     "probe (b): 4 workers; main spawns T1 (thread::sleep 500 ms) then T2 (tokio sleep 100 ms, print)"),
    ("probe-timer-blocked-w4-t2first", "probe-timer-blocked", ["workers=4", "order=t2first"],
     "probe (b): 4 workers; main spawns T2, waits until T2 is inside its sleep, then spawns T1"),
    ("probe-timer-blocked-w1-t1first", "probe-timer-blocked", ["workers=1", "order=t1first"],
     "probe (b): 1 worker; T1 then T2"),
    ("probe-timer-blocked-w1-t2first", "probe-timer-blocked", ["workers=1", "order=t2first"],
     "probe (b): 1 worker; T2 registered its timer first, then T1 blocks the only worker"),
    ("probe-lifo", "probe-lifo", ["workers=4", "children=3"],
     "probe (c): 4 workers; task P spawns C1,C2,C3 (each prints immediately), then P thread::sleep(100 ms real)"),
    ("probe-lifo-1child", "probe-lifo", ["workers=4", "children=1"],
     "probe (c) variant: P spawns only C1 then blocks 100 ms"),
    ("probe-lifo-2children", "probe-lifo", ["workers=4", "children=2"],
     "probe (c) variant: P spawns C1,C2 then blocks 100 ms"),
    ("probe-lifo-w1", "probe-lifo", ["workers=1", "children=3"],
     "probe (c) variant: worker_threads=1"),
]

LINE_RE = re.compile(r"^\s*([0-9.]+)ms (\S+) ThreadId\((\d+)\) \| (.*)$")


def parse(out):
    lines = []
    for raw in out.splitlines():
        m = LINE_RE.match(raw)
        if not m:
            raise ValueError("unparsable line: %r" % raw)
        lines.append((float(m.group(1)), m.group(2), int(m.group(3)), m.group(4)))
    return lines


def norm_threads(run):
    """Label threads by order of first appearance: main stays 'main',
    workers become W1, W2, ... (ThreadIds themselves are also reported)."""
    labels = {}
    n = 0
    out = []
    for (_, name, tid, _) in run:
        if tid not in labels:
            if name == "main":
                labels[tid] = "main"
            else:
                n += 1
                labels[tid] = "W%d" % n
        out.append(labels[tid])
    return out


def bs(ms):
    return ms / MS_PER_BOOK_SEC


def summarise(name, binary, args, desc, runs):
    out = []
    out.append("# %s" % name)
    out.append("")
    out.append("command : %s %s" % (binary, " ".join(args)))
    out.append("scenario: %s" % desc)
    out.append("tokio   : 1.24.2 (Debian librust-tokio-dev), release build")
    out.append("scale   : 1 book second = 50 ms real; 'book_s' = median ms / 50")
    out.append("columns : book_s | median ms [min..max over runs of this order] | thread "
               "(normalised: main / W1.. by first appearance; raw ThreadIds) | text")
    out.append("")

    orders = collections.Counter(tuple(l[3] for l in r) for r in runs)
    placements = collections.Counter(
        tuple(zip((l[3] for l in r), norm_threads(r))) for r in runs)
    rawplace = collections.Counter(tuple((l[3], l[2]) for l in r) for r in runs)
    n = len(runs)
    best_order, best_count = orders.most_common(1)[0]
    same = [r for r in runs if tuple(l[3] for l in r) == best_order]

    # timestamp monotonicity (print order vs clock order)
    nonmono = sum(1 for r in runs
                  if any(r[i + 1][0] < r[i][0] for i in range(len(r) - 1)))

    out.append("== Most common line order (%d/%d runs) ==" % (best_count, n))
    out.append("")
    out.append("%7s  %10s %-22s %-10s %-20s %s" %
               ("book_s", "median_ms", "[min..max ms]", "thread", "ThreadIds", "text"))
    spreads = []
    for i, text in enumerate(best_order):
        ms = [r[i][0] for r in same]
        med = statistics.median(ms)
        spreads.append(max(ms) - min(ms))
        labels = collections.Counter(norm_threads(r)[i] for r in same)
        tids = sorted(set(r[i][2] for r in same))
        lab = "/".join("%s" % k for k, _ in labels.most_common())
        if len(labels) > 1:
            lab = "/".join("%s(%d)" % (k, c) for k, c in labels.most_common())
        out.append("%7.1f  %10.1f %-22s %-10s %-20s %s" % (
            bs(med), med, "[%.1f..%.1f]" % (min(ms), max(ms)), lab,
            ",".join(str(t) for t in tids), text))
    out.append("")

    out.append("== Stability ==")
    out.append("")
    out.append("runs                          : %d" % n)
    out.append("line order agreed             : %d/%d runs (%d distinct orders)" %
               (best_count, n, len(orders)))
    pb, pc = placements.most_common(1)[0]
    out.append("thread placement agreed       : %d/%d runs (normalised labels; %d distinct)" %
               (pc, n, len(placements)))
    rb, rc = rawplace.most_common(1)[0]
    out.append("raw ThreadId placement agreed : %d/%d runs (%d distinct)" % (rc, n, len(rawplace)))
    out.append("max timestamp spread per line : %.2f ms (= %.3f book s) over the %d agreeing runs" %
               (max(spreads), bs(max(spreads)), len(same)))
    rounded = collections.Counter(
        tuple(round(bs(l[0]), 1) for l in r) for r in same)
    out.append("book-second times (1 decimal) identical in %d/%d agreeing runs" %
               (rounded.most_common(1)[0][1], len(same)))
    out.append("runs whose printed order is not timestamp-monotonic: %d/%d "
               "(cross-thread printing race; timestamps taken before stdout lock)" % (nonmono, n))
    totals = [l[3] for r in runs for l in r if l[3].startswith("It took")]
    if totals:
        out.append("total line(s)                 : %s" % dict(collections.Counter(totals)))
        tt = [r[-1][0] for r in runs]
        out.append("end time                      : median %.1f ms = %.2f book s (min %.1f, max %.1f ms)"
                   % (statistics.median(tt), bs(statistics.median(tt)), min(tt), max(tt)))
    out.append("")

    if len(orders) > 1 or len(placements) > 1:
        out.append("== Variation observed ==")
        out.append("")
        out.append("-- per line, order-insensitive, over ALL %d runs:" % n)
        out.append("%7s  %10s %-22s %s  %s" % ("book_s", "median_ms", "[min..max ms]",
                                               "threads(normalised:count)", "text"))
        texts = []
        for r in runs:
            for l in r:
                if l[3] not in texts:
                    texts.append(l[3])
        for t in texts:
            ms = [l[0] for r in runs for l in r if l[3] == t]
            labs = collections.Counter(lab for r in runs
                                       for l, lab in zip(r, norm_threads(r)) if l[3] == t)
            out.append("%7.1f  %10.1f %-22s %s  %s" % (
                bs(statistics.median(ms)), statistics.median(ms),
                "[%.1f..%.1f]" % (min(ms), max(ms)),
                ",".join("%s:%d" % kv for kv in sorted(labs.items())), t))
        out.append("")
        for k, (order, cnt) in enumerate(orders.most_common()):
            if k == 0:
                continue
            ex = next(r for r in runs if tuple(l[3] for l in r) == order)
            labs = norm_threads(ex)
            out.append("-- alternative order #%d (%d/%d runs), example run:" % (k, cnt, n))
            for (l, lab) in zip(ex, labs):
                out.append("%7.1f  %10.1f %-10s %-6s %s" % (bs(l[0]), l[0], lab, l[2], l[3]))
            out.append("")
        if len(placements) > 1:
            out.append("-- thread placements (normalised) and counts:")
            for k, (pl, cnt) in enumerate(placements.most_common()):
                out.append("   placement #%d (%d/%d runs): %s" % (
                    k + 1, cnt, n, "; ".join("%s@%s" % (t, lab) for t, lab in pl)))
            out.append("")
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--only", nargs="*")
    ap.add_argument("--no-build", action="store_true")
    a = ap.parse_args()
    if not a.no_build:
        subprocess.run(["cargo", "build", "--release", "--offline", "--target-dir", TARGET],
                       cwd=HERE, check=True)
    resdir = os.path.join(HERE, "results")
    os.makedirs(resdir, exist_ok=True)
    for name, binary, args, desc in CONFIGS:
        if a.only and name not in a.only:
            continue
        exe = os.path.join(TARGET, "release", binary)
        rawdir = os.path.join(resdir, "raw", name)
        os.makedirs(rawdir, exist_ok=True)
        runs = []
        for i in range(a.runs):
            p = subprocess.run([exe] + args, capture_output=True, text=True, check=True)
            with open(os.path.join(rawdir, "run%02d.txt" % (i + 1)), "w") as f:
                f.write(p.stdout)
            runs.append(parse(p.stdout))
        text = summarise(name, binary, args, desc, runs)
        with open(os.path.join(resdir, name + ".txt"), "w") as f:
            f.write(text)
        print("wrote results/%s.txt" % name, file=sys.stderr)


if __name__ == "__main__":
    main()
