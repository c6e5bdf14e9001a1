#!/usr/bin/python3
"""tests/bench/profile.py: where revpack's time goes per scorecard.

Runs `revpack build --docs scorecard --jobs 1` under callgrind on two
organisations (SMALL and LARGE people, default 100 and 300) and divides the
difference of every function's inclusive instruction count by the
difference in documents: the per-document cost, free of start-up. What
stays in the small run is the fixed cost (fonts set up, process start).
Then, optionally (PERF=1), `perf record -e cpu-clock` on a 1,000-person
build shows the share of kernel time (file system) that callgrind cannot
see. Instruction counts do not depend on the machine's load, so they are
the numbers to compare before and after a change.

    O=DIR /usr/bin/python3 tests/bench/profile.py     (from the source tree)
    environment: SMALL, LARGE, PERF=1, REVPACK_BIN, BENCH_DIR, BENCH_SHARED

Function names are those of the source at the time of writing; a missing
name prints as 0 and the top list below the table shows what is there.
"""
import os
import re
import subprocess
import sys

TOP = os.path.realpath(os.path.join(os.path.dirname(__file__), "..", ".."))
O = os.environ.get("O", "build")
BIN = os.path.realpath(os.environ.get("REVPACK_BIN") or os.path.join(TOP, O, "revpack"))
GENORG = os.path.join(TOP, O, "tools", "genorg")
SHARED = os.environ.get("BENCH_SHARED", os.path.join(TOP, "..", "shared", "bench"))
if "BENCH_SHARED" not in os.environ and not os.path.isdir(SHARED):
    SHARED = "/work/shared/bench"
WORK = os.path.realpath(os.environ.get("BENCH_DIR", os.path.join(TOP, O, "bench"))) + "/profile"
SMALL = int(os.environ.get("SMALL", "100"))
LARGE = int(os.environ.get("LARGE", "300"))


def run(argv, **kw):
    r = subprocess.run(argv, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        sys.exit("profile: %s failed:\n%s" % (" ".join(argv), r.stderr[-2000:]))
    return r.stdout


def callgrind(n):
    org = os.path.join(WORK, "org-%d" % n)
    if not os.path.isdir(org):
        run([GENORG, str(n), org, "--rubric", os.path.join(SHARED, "bench-rubric.yaml"),
             "--seed", "7", "--template", os.path.join(TOP, "templates", "default.yaml")])
    out = os.path.join(WORK, "cg.%d.out" % n)
    run(["rm", "-rf", os.path.join(WORK, "out-%d" % n)])
    run(["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out, BIN, "build",
         os.path.join(org, "cycle.yaml"), "--out", os.path.join(WORK, "out-%d" % n),
         "--docs", "scorecard", "--jobs", "1", "--quiet"])
    docs = sum(len(f) for _, _, f in os.walk(os.path.join(WORK, "out-%d" % n, "people")))
    incl, callers = parse(out)
    return docs, incl, callers


def parse(path):
    """Inclusive instructions per function name and per (callee, caller),
    read from callgrind's own file: a function's self cost plus what its
    calls cost (names merged across the file contexts of inlined copies;
    a recursive call is not added twice)."""
    names, self_, calls = {}, {}, {}
    fn = cfn = None
    in_call = False
    total = 0
    with open(path) as f:
        for line in f:
            if line.startswith("fn="):
                m = re.match(r"fn=\((\d+)\)(?: (.*))?", line.strip())
                if m.group(2):
                    names[m.group(1)] = m.group(2)
                fn = names[m.group(1)]
                continue
            if line.startswith("cfn="):
                m = re.match(r"cfn=\((\d+)\)(?: (.*))?", line.strip())
                if m.group(2):
                    names[m.group(1)] = m.group(2)
                cfn = names[m.group(1)]
                continue
            if line.startswith("calls="):
                in_call = True
                continue
            if line.startswith("summary:") or line.startswith("totals:"):
                total = int(line.split()[1])
                continue
            if not line or not (line[0].isdigit() or line[0] in "+-*"):
                continue
            parts = line.split()
            if len(parts) < 2 or fn is None:
                continue
            cost = int(parts[1])
            if in_call:
                in_call = False
                if cfn != fn:
                    calls[(cfn, fn)] = calls.get((cfn, fn), 0) + cost
            else:
                self_[fn] = self_.get(fn, 0) + cost
    incl = dict(self_)
    callers = {}
    for (callee, caller), v in calls.items():
        incl[caller] = incl.get(caller, 0) + v
        callers.setdefault(callee, {})[caller] = v
    incl["TOTAL"] = total or sum(self_.values())
    return incl, callers


def main():
    for tool in ("valgrind",):
        if subprocess.run(["sh", "-c", "command -v " + tool], capture_output=True).returncode:
            sys.exit("profile: %s is missing (apt-get install %s)" % (tool, tool))
    os.makedirs(WORK, exist_ok=True)
    d1, a, ca = callgrind(SMALL)
    d2, b, cb = callgrind(LARGE)
    nd = float(d2 - d1)

    def per(name):
        return (b.get(name, 0) - a.get(name, 0)) / nd / 1e6

    def via(callee, caller):
        return (cb.get(callee, {}).get(caller, 0) - ca.get(callee, {}).get(caller, 0)) / nd / 1e6

    render = per("doc_scorecard_render")
    finish = per("doc_finish")
    rows = [
        ("everything, per scorecard", per("TOTAL")),
        ("  worker: render, hash, write", per("work")),
        ("    layout (template blocks, tables, wrapping, radar)", render - finish),
        ("      of which tables", per("lay_table")),
        ("      of which line wrapping (lt_wrap)", per("lt_wrap")),
        ("      of which text runs and widths (fontset_runs, fontset_width)",
         per("fontset_runs") + per("fontset_width")),
        ("    PDF device (pdfdev_render)", per("pdfdev_render")),
        ("      page content compression (zlib)", via("deflater_run", "pdfdev_render")),
        ("      font programs: trim + compress per document",
         per("fontprog_trimmed") + per("fontprog_mark")),
        ("        of which zlib", via("deflater_run", "fontprog_trimmed")),
        ("      page operators (ops_text, ops_shape)", per("ops_text") + per("ops_shape")),
        ("      libharu: save, free, objects", per("HPDF_SaveToStream") + per("HPDF_Free") +
         per("HPDF_NewEx") + per("HPDF_AddPage") + per("instantiate")),
        ("    sha256 of the PDF (manifest)", via("sha256_hex", "work")),
        ("    file write, user part (outdir_write)", per("outdir_write")),
        ("  main thread, per person (load, score, aggregates, their sha256)",
         per("main")),
        ("    load", per("cycle_load")),
        ("    aggregates.json + .csv", per("emit_json") + per("emit_csv")),
        ("    sha256 of the aggregates", via("sha256_hex", "build_run")),
    ]
    fixed = [
        ("whole run at %d people" % SMALL, a["TOTAL"] / 1e6),
        ("  fixed part (run minus %d x per-document)" % d1, a["TOTAL"] / 1e6 - per("TOTAL") * d1),
        ("  fonts found and subset once (doc_setup)", a.get("doc_setup", 0) / 1e6),
        ("  per worker: font objects built (build_fonts)", a.get("build_fonts", 0) / 1e6),
        ("    of which HPDF_GetFont's code-point walk", a.get("HPDF_GetFont", 0) / 1e6),
        ("  dynamic linking (_dl_start)", a.get("_dl_start", 0) / 1e6),
    ]
    print("revpack %s: scorecards --jobs 1, callgrind, %d and %d people (%d and %d documents)"
          % (BIN, SMALL, LARGE, d1, d2))
    print("\nper document, instructions (difference of the two runs / %d):" % (d2 - d1))
    for k, v in rows:
        print("  %-70s %8.3f M" % (k, v))
    print("\nfixed, instructions (small run):")
    for k, v in fixed:
        print("  %-70s %8.1f M" % (k, v))
    print("\ntop inclusive functions per document:")
    top = sorted(((per(k), k) for k in b if k != "TOTAL"), reverse=True)[:25]
    for v, k in top:
        print("  %8.3f M  %s" % (v, k))
    if os.environ.get("PERF", "") not in ("", "0"):
        perf(1000)


def perf(n):
    org = os.path.join(WORK, "org-%d" % n)
    if not os.path.isdir(org):
        run([GENORG, str(n), org, "--rubric", os.path.join(SHARED, "bench-rubric.yaml"),
             "--seed", "7", "--template", os.path.join(TOP, "templates", "default.yaml")])
    data, out = os.path.join(WORK, "perf.data"), os.path.join(WORK, "perf-out")
    run(["rm", "-rf", out])
    os.sync()
    run(["perf", "record", "-q", "-e", "cpu-clock", "-F", "2000", "-g", "-o", data, "--", BIN,
         "build", os.path.join(org, "cycle.yaml"), "--out", out, "--docs", "scorecard",
         "--jobs", "1", "--quiet"])
    print("\nperf (cpu-clock samples, %d people, --jobs 1): share by library" % n)
    text = run(["perf", "report", "-i", data, "--no-children", "--sort", "dso", "--stdio",
                "-g", "none"])
    for line in text.splitlines():
        if re.match(r"\s+[\d.]+%", line):
            print("  " + line.strip())
    print("kernel entry points (children):")
    text = run(["perf", "report", "-i", data, "--children", "--sort", "sym", "--stdio",
                "-g", "none"])
    for line in text.splitlines():
        m = re.match(r"\s+([\d.]+)%\s+[\d.]+%\s+\[k\] (__x64_sys_\w+)", line)
        if m and float(m.group(1)) >= 0.5:
            print("  %6s%%  %s" % (m.group(1), m.group(2)))


if __name__ == "__main__":
    main()
