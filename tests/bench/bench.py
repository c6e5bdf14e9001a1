#!/usr/bin/python3
"""tests/bench/bench.py: the harness behind `make bench` (tests/bench/bench.sh).

Generates organisations with tests/tools/genorg on the shared bench rubric,
then measures revpack and the peers (BENCH_SHARED) side by side, in
alternated repetitions (A B C ..., A B C ..., ...), and prints one table of
medians: documents and pages per second, mean file size, peak memory, and
revpack's ratios to each peer; then the checks of issue 8's targets, each
met, missed or not available, and issue 14's: scorecards of the small
organisation with one third of its names in non-Latin scripts (and some
comments) within 1.5x the all-Latin time and size. It never fails on timing: the exit status is
0 unless the harness itself cannot run (2) or a measured program fails (1).

Environment (all optional):
  O=DIR          build folder holding revpack and tools/genorg (default build)
  BENCH_DIR=DIR  work folder (default $O/bench); outputs, logs, results.*
  QUICK=1        smoke run: 100 and 400 people, one repetition
  REPS=N         repetitions (default 3; QUICK 1)
  SAMPLES=N      runs per repetition of each scorecard case of the small
                 organisation (default 3): about half a second each, they
                 move by more than the margins the standing ratios read,
                 so their medians are over REPS x SAMPLES runs (the peers'
                 over REPS runs of 8 s or more)
  SMALL=N LARGE=N  organisation sizes (default 1000 and 10000)
  HUGE=N         also a full build of N people at --jobs 2, once (opt-in:
                 HUGE=100000 takes about 5 minutes and 10 GB of disk)
  PEERS="reportlab typst floor"  which peers to run (empty: none)
  BENCH_SHARED=DIR  the peers (default ../shared/bench beside the checkout)
  TIMEOUT=S      per-run limit in seconds (default 900)
  BENCH_REV=TEXT what to call the revpack measured (default: git HEAD)
  KEEP=1         keep the outputs in $BENCH_DIR/out
  REVPACK_BIN=F  the revpack to measure (default $O/revpack)

Times are whole processes (start-up included), wall clock from fork to
exit; CPU and peak RSS are the child's own, from /usr/bin/time. Each run writes a new folder (out/CASE/REP) after a sync outside
the timing, so no run pays for an earlier one's write-back; outputs are
removed only at the end (KEEP=1 keeps them), because ext4 makes file
creation slow for about 30 s after mass deletions (see the notes). The
"rerun" row rebuilds the 10,000-person organisation over the full build's
folder of the same repetition, as a user does after a correction.
"""
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import time

TOP = os.path.realpath(os.path.join(os.path.dirname(__file__), "..", ".."))
O = os.environ.get("O", "build")
BIN = os.path.realpath(os.environ.get("REVPACK_BIN") or os.path.join(TOP, O, "revpack"))
GENORG = os.path.realpath(os.path.join(TOP, O, "tools", "genorg"))
SHARED = os.environ.get("BENCH_SHARED", os.path.join(TOP, "..", "shared", "bench"))
if "BENCH_SHARED" not in os.environ and not os.path.isdir(SHARED):
    SHARED = "/work/shared/bench"   # a copy of the tree elsewhere (git archive)
SHARED = os.path.realpath(SHARED)
RUBRIC = os.path.join(SHARED, "bench-rubric.yaml")
TEMPLATE = os.path.join(TOP, "templates", "default.yaml")
WORK = os.path.realpath(os.environ.get("BENCH_DIR", os.path.join(TOP, O, "bench")))
QUICK = os.environ.get("QUICK", "") not in ("", "0")
REPS = int(os.environ.get("REPS", "1" if QUICK else "3"))
SAMPLES = max(1, int(os.environ.get("SAMPLES", "1" if QUICK else "3")))
SMALL = int(os.environ.get("SMALL", "100" if QUICK else "1000"))
LARGE = int(os.environ.get("LARGE", "400" if QUICK else "10000"))
HUGE = int(os.environ.get("HUGE", "0"))
PEERS = os.environ.get("PEERS", "reportlab typst floor").split()
TIMEOUT = float(os.environ.get("TIMEOUT", "900"))
KB = 1024.0
MB = 1024.0 * 1024.0

# Every file type of a full build, by the manifest path's shape.
KINDS = ["handout", "deck", "blank-form", "org", "department", "scorecard",
         "coaching", "form", "packet", "team", "manager-packet"]


def say(msg):
    print(msg, file=sys.stderr, flush=True)


def die(msg):
    say("bench: " + msg)
    sys.exit(2)


def sh(argv, **kw):
    """Run a helper command, return its stdout (stripped), '' on failure."""
    try:
        return subprocess.run(argv, capture_output=True, text=True, **kw).stdout.strip()
    except OSError:
        return ""


def kind_of(path):
    """The file type of a manifest path (KINDS), or None for the aggregates."""
    parts = path.split("/")
    if parts[0] == "people" and len(parts) == 3:
        return parts[2][:-4]
    if parts[0] == "managers" and len(parts) == 3:
        return "team" if parts[2] == "team.pdf" else "manager-packet"
    if parts[0] == "departments":
        return "department"
    if path.endswith(".pdf"):
        return path[:-4]
    return None


def count_pages(path):
    out = sh(["qpdf", "--show-npages", path])
    if out.isdigit():
        return int(out)
    for line in sh(["pdfinfo", path]).splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return None


# --- the machine -----------------------------------------------------------

def machine():
    cpu = "unknown CPU"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    fstype, mnt, best = "unknown", "", -1
    with open("/proc/mounts") as f:
        for line in f:
            dev, mp, typ = line.split()[:3]
            mp = mp.replace("\\040", " ")
            if (WORK == mp or WORK.startswith(mp.rstrip("/") + "/")) and len(mp) > best:
                fstype, mnt, best = typ, mp, len(mp)
    mem = 0
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                mem = int(line.split()[1]) // 1024
    return {"nproc": os.cpu_count(), "online": len(os.sched_getaffinity(0)),
            "cpu": cpu, "kernel": os.uname().release, "fs": fstype, "mount": mnt,
            "mem_mb": mem, "load_start": open("/proc/loadavg").read().split()[:3]}


def versions():
    v = {"revpack": os.environ.get("BENCH_REV") or
         sh(["git", "-C", TOP, "rev-parse", "--short", "HEAD"]) or
         "(not a git checkout; set BENCH_REV)"}
    if "BENCH_REV" not in os.environ and sh(["git", "-C", TOP, "status", "--porcelain",
                                             "--untracked-files=no", "--", "src"]):
        v["revpack"] += " (+ uncommitted changes in src/)"
    v["reportlab"] = sh(["/usr/bin/python3", "-c", "import reportlab; print(reportlab.Version)"]) or "?"
    v["node"] = sh(["node", "--version"]) or "?"
    pj = os.path.join(WORK, "peer_typst", "node_modules", "@myriaddreamin",
                      "typst-ts-node-compiler", "package.json")
    try:
        v["typst"] = json.load(open(pj))["version"]
    except (OSError, ValueError, KeyError):
        v["typst"] = "?"
    v["libharu"] = sh(["dpkg-query", "-W", "-f", "${Version}", "libhpdf-2.3.0"]) or "2.3.0"
    return v


# --- set-up: organisations and peers --------------------------------------

def make_org(n):
    d = os.path.join(WORK, "org-%d" % n)
    shutil.rmtree(d, ignore_errors=True)
    r = subprocess.run([GENORG, str(n), d, "--rubric", RUBRIC, "--seed", "7",
                        "--template", TEMPLATE], capture_output=True, text=True)
    if r.returncode != 0:
        die("genorg %d failed:\n%s" % (n, r.stderr))
    with open(os.path.join(d, "ratings.csv"), "rb") as f:
        rows = sum(1 for _ in f) - 1
    return {"n": n, "dir": d, "cycle": os.path.join(d, "cycle.yaml"), "rows": rows}


def make_wide_org(n):
    """The org as a survey tool exports it: one row per response, one
    column per question (genorg --wide: forms-export.csv, cycle-wide.yaml;
    the same people and ratings as make_org's)."""
    d = os.path.join(WORK, "org-wide-%d" % n)
    shutil.rmtree(d, ignore_errors=True)
    r = subprocess.run([GENORG, str(n), d, "--rubric", RUBRIC, "--seed", "7",
                        "--template", TEMPLATE, "--wide"], capture_output=True,
                       text=True)
    if r.returncode != 0:
        die("genorg %d --wide failed:\n%s" % (n, r.stderr))
    return {"n": n, "dir": d, "cycle": os.path.join(d, "cycle-wide.yaml"),
            "csv": "forms-export.csv"}


# Names and comments for make_nonlatin_org, per script: given names,
# family names, the order they are written in (a space between them or
# not), and a manager's comment. All in the shipped template's font chain.
SCRIPTS = [
    ("Arabic", ["محمد", "فاطمة", "ليلى", "عمر", "خالد", "نور", "يوسف", "أحمد"],
     ["العلي", "الحسن", "منصور", "حداد", "الخطيب", "سليمان", "ناصر", "عثمان"],
     " ", "عمل ممتاز مع العملاء هذا العام"),
    ("Hebrew", ["נועה", "דוד", "מיכל", "יונתן", "שירה", "אורי", "תמר", "איתי"],
     ["כהן", "לוי", "מזרחי", "פרץ", "ביטון", "אברהם", "פרידמן", "שפירא"],
     " ", "המוצר Salesforce עובד מצוין 100%"),
    ("Devanagari", ["प्रिया", "अनिल", "राहुल", "सुनीता", "विक्रम", "अंजलि", "क्षितिज", "दीपिका"],
     ["शर्मा", "वर्मा", "गुप्ता", "सिंह", "कुमार", "त्रिपाठी", "मिश्रा", "पटेल"],
     " ", "ग्राहकों के साथ बहुत अच्छा काम"),
    ("Thai", ["สมชาย", "ณัฐพล", "สุดารัตน์", "วิไลวรรณ", "ธนากร", "พิมพ์ชนก", "กิตติ", "อรุณี"],
     ["ใจดี", "ศรีสุข", "วงศ์สวัสดิ์", "บุญมา", "แสงทอง", "ทองดี", "รัตนพันธ์", "สุขสวัสดิ์"],
     " ", "ทำงานร่วมกับทีมได้ดีเยี่ยม"),
    ("Chinese", ["王", "李", "张", "刘", "陈", "杨", "赵", "黄"],
     ["芳", "伟", "静怡", "磊", "晓明", "秀英", "俊杰", "丽娟"],
     "", "与客户沟通非常出色，继续保持"),
    ("Cyrillic", ["Ольга", "Дмитрий", "Екатерина", "Сергей", "Анна", "Иван", "Наталья", "Алексей"],
     ["Ковальчук", "Шевченко", "Бондаренко", "Ткаченко", "Кравченко", "Мельник", "Лысенко", "Ким"],
     " ", "Отличная работа с клиентами"),
    ("Greek", ["Γιώργος", "Μαρία", "Νίκος", "Ελένη", "Δημήτρης", "Κατερίνα", "Γιάννης", "Σοφία"],
     ["Νικολάου", "Γεωργίου", "Οικονόμου", "Βασιλείου", "Ιωάννου", "Αθανασίου", "Χριστοδούλου", "Παππάς"],
     " ", "Εξαιρετική συνεργασία με τους πελάτες"),
    ("Japanese", ["佐藤", "鈴木", "高橋", "田中", "渡辺", "伊藤", "山本", "中村"],
     ["健太", "さくら", "翔", "美咲", "大輝", "陽菜", "蓮", "結衣"],
     " ", "チームへの貢献が素晴らしい"),
    ("Korean", ["김", "이", "박", "최", "정", "강", "조", "윤"],
     ["민준", "서연", "지훈", "하은", "도윤", "지민", "예준", "수아"],
     "", "고객 응대가 훌륭합니다"),
    ("Bengali", ["অর্পিতা", "সুমন", "রাজীব", "তানিয়া"], ["চক্রবর্তী", "দাস", "রায়", "সেন"],
     " ", "দলের সাথে চমৎকার কাজ"),
    ("Tamil", ["செல்வி", "கார்த்திக்", "பிரியா", "அருண்"], ["முருகன்", "ராஜா", "சுப்பிரமணியம்", "கண்ணன்"],
     " ", "மிகச் சிறந்த பணி"),
]


def make_nonlatin_org(org):
    """org (made by make_org) with one third of its people's names, chosen
    with a fixed seed, replaced by names in the scripts of SCRIPTS, and a
    manager's comment in that script on every other one of them (genorg
    writes no comments: these are the only ones, so the variant does a
    little more work than the all-Latin org besides its scripts). The
    same ids, ratings and structure otherwise."""
    import csv
    import random
    d = org["dir"] + "-nonlatin"
    shutil.rmtree(d, ignore_errors=True)
    shutil.copytree(org["dir"], d)
    rng = random.Random(7)
    with open(os.path.join(d, "roster.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    people = rows[1:]
    picked = sorted(rng.sample(range(len(people)), len(people) // 3))
    comment = {}
    for k, i in enumerate(picked):
        name, given, family, sep, said = SCRIPTS[k % len(SCRIPTS)]
        people[i][1] = rng.choice(given) + sep + rng.choice(family)
        if k % 2 == 0:
            comment[people[i][0]] = said
    with open(os.path.join(d, "roster.csv"), "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    with open(os.path.join(d, "ratings.csv"), encoding="utf-8", newline="") as f:
        rat = list(csv.reader(f))
    for r in rat[1:]:
        if r[2] == "manager" and r[0] in comment:
            r[5] = comment.pop(r[0])
    with open(os.path.join(d, "ratings.csv"), "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rat)
    return {"n": org["n"], "dir": d, "cycle": os.path.join(d, "cycle.yaml"),
            "rows": org["rows"], "nonlatin": len(picked)}


def xlsx_cycle(org):
    """The org's ratings file (org["csv"], default ratings.csv) written as
    an .xlsx workbook (python3-openpyxl, a real spreadsheet writer), and a
    cycle reading it: the same ratings, to time the .xlsx reader against
    the CSV one. None (and a reason) when openpyxl is missing."""
    d = org["dir"]
    name = org.get("csv", "ratings.csv")
    xname = name.replace(".csv", ".xlsx")
    code = (
        "import csv, sys, openpyxl\n"
        "wb = openpyxl.Workbook(write_only=True)\n"
        "ws = wb.create_sheet('Ratings')\n"
        "for row in csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline='')):\n"
        "    ws.append([int(c) if c.isdigit() else c for c in row])\n"
        "wb.save(sys.argv[2])\n")
    r = subprocess.run(["/usr/bin/python3", "-c", code, os.path.join(d, name),
                        os.path.join(d, xname)], capture_output=True, text=True)
    if r.returncode != 0:
        return None, "python3-openpyxl could not write the workbook: " + r.stderr[-200:]
    with open(org["cycle"]) as f:
        text = f.read().replace(name, xname)
    path = os.path.join(d, "cycle-xlsx.yaml")
    with open(path, "w") as f:
        f.write(text)
    return path, None


def check_roster(org):
    """The peers read roster.csv by column name (ReportLab, Typst) and by
    position (floor: id, name, -, title, level, -, manager_id)."""
    with open(os.path.join(org["dir"], "roster.csv"), encoding="utf-8") as f:
        head = f.readline().strip().split(",")
    want = ["id", "name", "email", "title", "level", "department", "manager_id"]
    if head[:7] != want:
        die("genorg's roster.csv starts %s; the peers expect %s" % (head[:7], want))
    with open(os.path.join(org["dir"], "ratings.csv"), encoding="utf-8") as f:
        head = f.readline().strip().split(",")
    want = ["subject_id", "rater_id", "rater_role", "competency_id", "score", "comment"]
    if head != want:
        die("genorg's ratings.csv header is %s; the peers expect %s" % (head, want))


def setup_typst(log):
    """A private copy of peer_typst with its packages (npm install once)."""
    src, dst = os.path.join(SHARED, "peer_typst"), os.path.join(WORK, "peer_typst")
    os.makedirs(dst, exist_ok=True)
    fresh = False
    for name in ("package.json", ".npmrc", "peer.mjs", "scorecard.typ"):
        s, t = os.path.join(src, name), os.path.join(dst, name)
        if not os.path.exists(s):
            continue
        new = open(s, "rb").read()
        old = open(t, "rb").read() if os.path.exists(t) else None
        if new != old:
            if os.path.exists(t):
                os.chmod(t, 0o644)
            with open(t, "wb") as f:
                f.write(new)
            fresh = fresh or name == "package.json"
    if fresh or not os.path.isdir(os.path.join(dst, "node_modules", "@myriaddreamin")):
        say("bench: npm install in %s" % dst)
        r = subprocess.run(["npm", "install", "--no-audit", "--no-fund"], cwd=dst,
                           stdout=log, stderr=log)
        if r.returncode != 0:
            return None, "npm install failed (see %s)" % log.name
    return os.path.join(dst, "peer.mjs"), None


def setup_floor(log):
    exe = os.path.join(WORK, "floor_hpdf")
    r = subprocess.run(["cc", "-O2", "-o", exe, os.path.join(SHARED, "floor_hpdf.c"),
                        "-lhpdf", "-lcsv"], stdout=log, stderr=log)
    if r.returncode != 0:
        return None, "cc floor_hpdf.c failed (see %s)" % log.name
    return exe, None


def setup_reportlab(log):
    r = subprocess.run(["/usr/bin/python3", "-c", "import reportlab, yaml"],
                       stdout=log, stderr=log)
    if r.returncode != 0:
        return None, "python3-reportlab or python3-yaml missing"
    return os.path.join(SHARED, "peer_reportlab.py"), None


# --- cases -------------------------------------------------------------------

class Case:
    def __init__(self, key, label, tool, org, argv, what):
        self.key, self.label, self.tool, self.org = key, label, tool, org
        self.argv, self.what = argv, what        # what: agg, sc, full, peer
        self.runs = []          # (wall, user, sys, maxrss KB)
        self.docs = self.pages = self.bytes = None
        self.kinds = {}
        self.state = "ok"       # ok | unavailable | failed
        self.note = ""
        self.rerun_of = None    # key of the case whose output it rewrites

    def median(self, i):
        return statistics.median(r[i] for r in self.runs) if self.runs else None


def revpack_cases(orgs):
    cases = []
    for o in orgs:
        n = o["n"]
        cases.append(Case("agg-%d" % n, "revpack aggregate", "revpack", o,
                          [BIN, "aggregate", o["cycle"], "-o", None], "agg"))
    o = orgs[-1]
    c = Case("aggx-%d" % o["n"], "revpack aggregate, ratings as .xlsx", "revpack", o,
             [BIN, "aggregate", o.get("xlsx_cycle"), "-o", None], "agg")
    if o.get("xlsx_cycle") is None:
        c.state, c.note = "unavailable", o.get("xlsx_why", "")
    cases.append(c)
    w = o["wide"]
    cases.append(Case("aggw-%d" % o["n"], "revpack aggregate, wide export (CSV)",
                      "revpack", w, [BIN, "aggregate", w["cycle"], "-o", None], "agg"))
    c = Case("aggwx-%d" % o["n"], "revpack aggregate, wide export as .xlsx", "revpack",
             w, [BIN, "aggregate", w.get("xlsx_cycle"), "-o", None], "agg")
    if w.get("xlsx_cycle") is None:
        c.state, c.note = "unavailable", w.get("xlsx_why", "")
    cases.append(c)
    for o in orgs:
        n = o["n"]
        for j in (1, 2):
            cases.append(Case("sc%d-%d" % (j, n), "revpack scorecards --jobs %d" % j,
                              "revpack", o,
                              [BIN, "build", o["cycle"], "--out", None, "--docs",
                               "scorecard", "--jobs", str(j), "--quiet"], "sc"))
    nl = orgs[0].get("nonlatin")
    if nl is not None:
        for j in (1, 2):
            cases.append(Case("sc%dnl-%d" % (j, nl["n"]), "revpack scorecards --jobs %d, "
                              "1/3 non-Latin names" % j, "revpack", nl,
                              [BIN, "build", nl["cycle"], "--out", None, "--docs",
                               "scorecard", "--jobs", str(j), "--quiet"], "sc"))
    for o in orgs:
        cases.append(Case("full2-%d" % o["n"], "revpack full build --jobs 2", "revpack", o,
                          [BIN, "build", o["cycle"], "--out", None, "--jobs", "2",
                           "--quiet"], "full"))
    o = orgs[-1]
    if HUGE > 0:
        h = o["huge"]
        cases.append(Case("huge2-%d" % h["n"], "revpack full build --jobs 2 (HUGE, once)",
                          "revpack", h, [BIN, "build", h["cycle"], "--out", None,
                                         "--jobs", "2", "--quiet"], "full"))
    c = Case("rerun2-%d" % o["n"], "same, rerun over its output", "revpack", o,
             [BIN, "build", o["cycle"], "--out", None, "--jobs", "2", "--quiet"], "full")
    c.rerun_of = "full2-%d" % o["n"]
    cases.append(c)
    return cases


def peer_cases(org, exes):
    o, cases = org, []
    ros, rat = os.path.join(o["dir"], "roster.csv"), os.path.join(o["dir"], "ratings.csv")
    argvs = {"reportlab": ["/usr/bin/python3", exes.get("reportlab"), RUBRIC, ros, rat, None],
             "typst": ["node", exes.get("typst"), RUBRIC, ros, rat, None],
             "floor": [exes.get("floor"), ros, rat, None]}
    labels = {"reportlab": "peer ReportLab", "typst": "peer Typst (in-process)",
              "floor": "floor (bare libharu)"}
    for p in PEERS:
        if p not in argvs:
            die("unknown peer %r in PEERS (reportlab, typst, floor)" % p)
        c = Case("%s-%d" % (p, o["n"]), labels[p], p, o, argvs[p], "peer")
        if exes.get(p) is None:
            c.state, c.note = "unavailable", exes.get(p + "-why", "")
        cases.append(c)
    return cases


def samples(case):
    """Runs per repetition: SAMPLES for the short scorecard cases (the
    small organisation's), else 1."""
    return SAMPLES if case.what == "sc" and case.org["n"] == SMALL else 1


def run_one(case, rep, logdir, sub=0):
    """One timed run of a case into a new output folder (a rerun case: into
    the folder its fresh twin wrote in this repetition); sub numbers the
    extra runs of a repetition (samples())."""
    out = os.path.join(WORK, "out", case.rerun_of or case.key,
                       str(rep) + (".%d" % sub if sub else ""))
    if case.rerun_of is None and os.path.exists(out):
        die("%s exists already" % out)
    if case.what == "agg":
        os.makedirs(out)
        target = os.path.join(out, "aggregates.json")
    else:
        target = out
    if case.tool == "floor":
        os.makedirs(out)
    if case.rerun_of is not None and not os.path.isdir(out):
        case.state, case.note = "unavailable", "its fresh build did not run"
        return None
    argv = [target if a is None else a for a in case.argv]
    os.sync()
    logp = os.path.join(logdir, "%s.%d%s.log" % (case.key, rep,
                                                 ".%d" % sub if sub else ""))
    tfile = logp[:-4] + ".time"
    # Through /usr/bin/time, a small C program: a child forked from this
    # Python process would report Python's own RSS as its peak (Linux keeps
    # the high-water mark across exec).
    argv = ["/usr/bin/time", "-f", "%M %U %S", "-o", tfile] + argv
    with open(logp, "wb") as log:
        t0 = time.perf_counter()
        p = subprocess.Popen(argv, stdout=log, stderr=log, cwd=WORK,
                             start_new_session=True)
        deadline = t0 + TIMEOUT
        while True:
            pid, status, _ = os.wait4(p.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                os.killpg(p.pid, signal.SIGKILL)
                pid, status, _ = os.wait4(p.pid, 0)
                break
            time.sleep(0.002)
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        case.state = "failed"
        tail = open(logp, errors="replace").read().strip().splitlines()[-3:]
        case.note = "exit %d after %.1f s: %s (log %s)" % (p.returncode, wall,
                                                         " | ".join(tail), logp)
        return None
    rss, user, sys_ = open(tfile).read().split()[-3:]
    case.runs.append((wall, float(user), float(sys_), int(rss)))
    return out


def collect(case, out):
    """Documents, pages and bytes of a run's output (once per case)."""
    if case.what == "agg":
        case.bytes = os.path.getsize(os.path.join(out, "aggregates.json"))
        return
    if case.tool == "revpack":
        man = json.load(open(os.path.join(out, "manifest.json")))
        docs = pages = size = 0
        kinds = {}
        for f in man["files"]:
            k = kind_of(f["path"])
            if k is None or (case.what == "sc" and k != "scorecard"):
                continue
            docs += 1
            pages += f["pages"] or 0
            size += f["bytes"]
            kc = kinds.setdefault(k, [0, 0, 0])
            kc[0] += 1
            kc[1] += f["pages"] or 0
            kc[2] += f["bytes"]
        case.docs, case.pages, case.bytes, case.kinds = docs, pages, size, kinds
        if docs == 0:
            case.state = "unavailable"
            case.note = "this build renders no %sdocuments yet" % (
                "scorecard " if case.what == "sc" else "")
        return
    files = sorted(e.path for e in os.scandir(out) if e.name.endswith(".pdf"))
    case.docs = len(files)
    case.bytes = sum(os.path.getsize(f) for f in files)
    step = max(1, len(files) // 25)
    sample = [count_pages(f) for f in files[::step]]
    sample = [s for s in sample if s]
    case.pages = round(case.docs * sum(sample) / len(sample)) if sample else None
    case.note = "pages from %d sampled files" % len(sample)


# --- the report --------------------------------------------------------------

def fmt(x, nd=0):
    if x is None:
        return "-"
    return "{:,.{nd}f}".format(x, nd=nd)


def rate(case, attr):
    v, w = getattr(case, attr), case.median(0)
    return v / w if v is not None and w else None


def table(cases, peers):
    hdr = ["case", "people", "docs", "pages", "wall s (median)", "runs", "docs/s",
           "pages/s", "KB/doc", "peak MB", "CPU s", "CPU ms/doc"]
    names = [p.tool for p in peers]
    hdr += ["x " + {"reportlab": "ReportLab", "typst": "Typst", "floor": "floor"}[n]
            for n in names]
    rows = [hdr]
    for c in cases:
        r = [c.label, fmt(c.org["n"])]
        if c.state != "ok":
            r += ["not available" if c.state == "unavailable" else "FAILED"]
            r += [""] * (len(hdr) - len(r))
            rows.append(r)
            continue
        wall = c.median(0)
        cpu = c.median(1) + c.median(2)
        dps = rate(c, "docs")
        r += [fmt(c.docs), fmt(c.pages), fmt(wall, 3),
              " ".join("%.2f" % x[0] for x in c.runs),
              fmt(dps, 1), fmt(rate(c, "pages"), 1),
              fmt(c.bytes / c.docs / KB, 1) if c.docs else "-",
              fmt(c.median(3) / 1024.0, 1), fmt(cpu, 2),
              fmt(cpu / c.docs * 1000, 2) if c.docs else "-"]
        for p in peers:
            pd = rate(p, "docs") if p.state == "ok" else None
            if c.what in ("sc", "peer") and dps and pd:
                r.append("%.2fx" % (dps / pd))
            else:
                r.append("")
        rows.append(r)
    w = [max(len(r[i]) for r in rows) for i in range(len(hdr))]
    lines = ["| " + " | ".join(r[i].ljust(w[i]) for i in range(len(hdr))) + " |"
             for r in rows]
    lines.insert(1, "|" + "|".join("-" * (x + 2) for x in w) + "|")
    return "\n".join(lines)


def checks(by, small, large):
    """issue 8's targets: (verdict, text) pairs."""
    res = []
    rl = by.get("reportlab-%d" % small)
    rl_dps = rate(rl, "docs") if rl and rl.state == "ok" else None

    def verdict(ok):
        return "met" if ok else "missed"

    for j, want in ((1, 15), (2, 25)):
        c = by["sc%d-%d" % (j, small)]
        what = "scorecards --jobs %d, %s people: at least %dx ReportLab's docs/s" % (
            j, fmt(small), want)
        if c.state != "ok":
            res.append(("n/a", what + ": scorecards not available"))
        elif not rl_dps:
            res.append(("n/a", what + ": ReportLab peer not available"))
        else:
            x = rate(c, "docs") / rl_dps
            cpu = (rl.median(1) + rl.median(2)) / rl.docs / \
                ((c.median(1) + c.median(2)) / c.docs)
            res.append((verdict(x >= want), "%s: %.1fx (%.0f vs %.1f docs/s; per CPU "
                        "second %.1fx)" % (what, x, rate(c, "docs"), rl_dps, cpu)))
    for n in (small, large):
        c = by["sc1-%d" % n]
        what = "mean scorecard <= 20 KB (%s people)" % fmt(n)
        if c.state != "ok":
            res.append(("n/a", what + ": scorecards not available"))
        else:
            kb = c.bytes / c.docs / KB
            res.append((verdict(kb <= 20), "%s: %.1f KB" % (what, kb)))
    # issue 14: the same ratios within 1.5x on names one third non-Latin
    for j in (1, 2):
        c, nl = by["sc%d-%d" % (j, small)], by.get("sc%dnl-%d" % (j, small))
        if nl is None:
            continue
        what = ("scorecards --jobs %d, %s people, one third of names non-Latin: within "
                "1.5x the all-Latin time and size" % (j, fmt(small)))
        if c.state != "ok" or nl.state != "ok":
            res.append(("n/a", what + ": " + (nl.note or c.note or "not available")))
            continue
        x = nl.median(0) / c.median(0)
        kb, kb0 = nl.bytes / nl.docs / KB, c.bytes / c.docs / KB
        rl_x = " (%.1fx ReportLab's docs/s)" % (rate(nl, "docs") / rl_dps) if rl_dps else ""
        cpu = (nl.median(1) + nl.median(2)) / (c.median(1) + c.median(2))
        res.append((verdict(x <= 1.5 and kb <= 1.5 * kb0),
                    "%s: %.2fx (%.3f s vs %.3f s; CPU %.2fx)%s; %.1f KB vs %.1f KB per "
                    "scorecard" % (what, x, nl.median(0), c.median(0), cpu, rl_x, kb, kb0)))
    fl, fs = by["full2-%d" % large], by["full2-%d" % small]
    missing = [k for k in KINDS if k not in fl.kinds] if fl.state == "ok" else KINDS
    partial = " (partial build: no %s)" % ", ".join(missing) if missing else ""
    if fl.state != "ok":
        res.append(("n/a", "full build --jobs 2, %s people: %s" % (fmt(large), fl.note)))
    else:
        v = fl.median(0)
        res.append(("n/a" if missing else verdict(v < 60),
                    "full build --jobs 2, %s people, under 60 s: %.1f s%s" % (
                        fmt(large), v, partial)))
        mb = fl.median(3) / 1024.0
        res.append(("n/a" if missing else verdict(mb < 300),
                    "full build --jobs 2, %s people, peak under 300 MB: %.0f MB%s" % (
                        fmt(large), mb, partial)))
        if fs.state == "ok":
            x = v / fs.median(0)
            lim = 11.0 * large / small / 10.0
            res.append(("n/a" if missing else verdict(x <= lim),
                        "full build %s/%s people at most %.0fx the time: %.2fx%s" % (
                            fmt(large), fmt(small), lim, x, partial)))
    h = by.get("huge2-%d" % HUGE)
    if h is not None and h.state == "ok" and fl.state == "ok":
        v, mb = h.median(0), h.median(3) / 1024.0
        lim = 11.0 * HUGE / large / 10.0
        res.append((verdict(v < 600), "full build --jobs 2, %s people (HUGE), under 10 "
                    "minutes: %.1f s" % (fmt(HUGE), v)))
        res.append((verdict(mb < 1024), "full build --jobs 2, %s people (HUGE), peak "
                    "under 1 GB: %.0f MB" % (fmt(HUGE), mb)))
        res.append((verdict(v / fl.median(0) <= lim), "full build %s/%s people at most "
                    "%.0fx the time: %.2fx" % (fmt(HUGE), fmt(large), lim,
                                               v / fl.median(0))))
    elif h is not None:
        res.append(("n/a", "full build of %s people (HUGE): %s" % (fmt(HUGE), h.note)))
    a = by["agg-%d" % large]
    if a.state == "ok":
        res.append((verdict(a.median(0) < 1.5), "revpack aggregate, %s people, under 1.5 s: "
                    "%.3f s" % (fmt(large), a.median(0))))
    else:
        res.append(("n/a", "revpack aggregate: " + a.note))
    # issue 12: a survey tool's export (a row per response) as .xlsx
    w, wx = by.get("aggw-%d" % large), by.get("aggwx-%d" % large)
    if w is not None and wx is not None and w.state == wx.state == "ok":
        r = wx.median(0) / w.median(0)
        res.append((verdict(r <= 2), "revpack aggregate, %s people's export (520,000 "
                    "ratings, a row per response) as .xlsx within 2x the CSV's time: "
                    "%.2fx (%.3f s vs %.3f s)" % (fmt(large), r, wx.median(0),
                                                  w.median(0))))
    elif wx is not None:
        res.append(("n/a", "revpack aggregate from an .xlsx export: " + wx.note))
    return res


def extras(by, small, large):
    """Derived figures that help read the table."""
    out = []
    for j in (1, 2):
        a, b = by["sc%d-%d" % (j, small)], by["sc%d-%d" % (j, large)]
        if a.state == b.state == "ok" and b.docs > a.docs:
            ms = (b.median(0) - a.median(0)) / (b.docs - a.docs) * 1000
            cpu = ((b.median(1) + b.median(2)) - (a.median(1) + a.median(2))) / \
                (b.docs - a.docs) * 1000
            fixed = a.median(0) - ms / 1000 * a.docs
            out.append("scorecards --jobs %d: %.3f ms wall and %.3f ms CPU per extra "
                       "scorecard (%s -> %s people); fixed cost about %.2f s" % (
                           j, ms, cpu, fmt(small), fmt(large), fixed))
    for n in (small, large):
        a, b = by["sc1-%d" % n], by["sc2-%d" % n]
        if a.state == b.state == "ok":
            out.append("scorecards, %s people: --jobs 2 is %.2fx --jobs 1" % (
                fmt(n), a.median(0) / b.median(0)))
    x, a = by.get("aggx-%d" % large), by.get("agg-%d" % large)
    if x is not None and a is not None and x.state == a.state == "ok":
        out.append("revpack aggregate, %s people, the long ratings file as .xlsx (3.1 M "
                   "cells, 160 MB of sheet XML): %.2fx the CSV's time (%.3f s vs %.3f s); "
                   "expat alone takes about 1.2 s on that XML" % (
                       fmt(large), x.median(0) / a.median(0), x.median(0), a.median(0)))
    ty = by.get("typst-%d" % small)
    if ty is not None and ty.state == "ok":
        per = []
        for rep in range(1, len(ty.runs) + 1):
            try:
                text = open(os.path.join(WORK, "logs", "typst-%d.%d.log" % (small, rep))).read()
                per.append(float(text.rsplit("then ", 1)[1].split(" ms/doc")[0]))
            except (OSError, IndexError, ValueError):
                pass
        if per:
            out.append("Typst peer in-process, once started: %.2f ms per document (its own "
                       "timing, median), i.e. %.0f docs/s" % (statistics.median(per),
                                                              1000 / statistics.median(per)))
    fl, rr = by["full2-%d" % large], by["rerun2-%d" % large]
    if fl.state == rr.state == "ok":
        out.append("full build, %s people: a rerun over the previous output takes %.2fx "
                   "the time of a build into a new folder (%.1f s: sys %.1f s vs %.1f s)" % (
                       fmt(large), rr.median(0) / fl.median(0), rr.median(0),
                       rr.median(2), fl.median(2)))
    if fl.state == "ok" and fl.kinds:
        out.append("full build, %s people, per file type (count, pages, mean KB):" % fmt(large))
        for k in KINDS:
            if k in fl.kinds:
                c, p, s = fl.kinds[k]
                out.append("    %-15s %7s %8s %8.1f" % (k, fmt(c), fmt(p), s / c / KB))
    return out


def main():
    for path, what in ((BIN, "revpack"), (GENORG, "tools/genorg")):
        if not os.access(path, os.X_OK):
            die("no %s at %s (make O=%s first)" % (what, path, O))
    if not os.access("/usr/bin/time", os.X_OK):
        die("/usr/bin/time is missing (make bench-deps: Debian package time)")
    if not os.path.isfile(RUBRIC):
        die("no bench rubric at %s (set BENCH_SHARED)" % RUBRIC)
    os.makedirs(WORK, exist_ok=True)
    logdir = os.path.join(WORK, "logs")
    shutil.rmtree(logdir, ignore_errors=True)
    os.makedirs(logdir)
    old = os.path.join(WORK, "out")
    if os.path.exists(old):
        # An interrupted bench left outputs. ext4 does not reuse an inode
        # within dirty_expire_centisecs of its deletion and scans past every
        # such inode on each file creation, so wait that long after removing
        # them, or the first runs would pay for it.
        subprocess.run(["rm", "-rf", old])
        os.sync()
        wait = int(open("/proc/sys/vm/dirty_expire_centisecs").read()) / 100.0 + 1
        say("bench: removed an earlier run's outputs; waiting %.0f s for ext4" % wait)
        time.sleep(wait)
    mach = machine()
    t_start = time.perf_counter()

    orgs = [make_org(SMALL), make_org(LARGE)]
    orgs[0]["nonlatin"] = make_nonlatin_org(orgs[0])
    orgs[-1]["xlsx_cycle"], orgs[-1]["xlsx_why"] = xlsx_cycle(orgs[-1])
    orgs[-1]["wide"] = make_wide_org(LARGE)
    if HUGE > 0:
        orgs[-1]["huge"] = make_org(HUGE)
    w = orgs[-1]["wide"]
    w["xlsx_cycle"], w["xlsx_why"] = xlsx_cycle(w)
    check_roster(orgs[0])
    exes = {}
    with open(os.path.join(logdir, "setup.log"), "w") as log:
        for p, fn in (("reportlab", setup_reportlab), ("typst", setup_typst),
                      ("floor", setup_floor)):
            if p in PEERS:
                exes[p], why = fn(log)
                if why:
                    exes[p + "-why"] = why
                    say("bench: peer %s not available: %s" % (p, why))
    vers = versions()
    rcases = revpack_cases(orgs)
    pcases = peer_cases(orgs[0], exes)
    cases = rcases + pcases
    by = {c.key: c for c in cases}

    for rep in range(1, REPS + 1):
        for c in cases:
            if c.state != "ok" or (c.key.startswith("huge") and rep > 1):
                continue
            for sub in range(samples(c)):
                out = run_one(c, rep, logdir, sub)
                if out is None:
                    say("bench: %s failed: %s" % (c.key, c.note))
                    break
                if c.docs is None:
                    collect(c, out)
                say("bench: rep %d/%d %-14s %8.3f s%s" % (rep, REPS, c.key, c.runs[-1][0],
                    "  (%s)" % c.note if c.state != "ok" else ""))
        if rep == 1:
            spent = time.perf_counter() - t_start
            say("bench: repetition 1 took %.0f s; about %.0f s to go" % (
                spent, spent * (REPS - 1)))
    if os.environ.get("KEEP", "") in ("", "0"):
        subprocess.run(["rm", "-rf", os.path.join(WORK, "out")])

    mach["load_end"] = open("/proc/loadavg").read().split()[:3]
    peers_ok = [c for c in pcases if c.state == "ok"]
    lines = []
    lines.append("revpack benchmark (make bench%s): %d alternated repetition%s, medians%s" % (
        ", QUICK=1" if QUICK else "", REPS, "" if REPS == 1 else "s",
        "" if SAMPLES == 1 else " (the small organisation's scorecard cases: %d runs "
        "per repetition)" % SAMPLES))
    lines.append("machine: %d CPUs (nproc %d), %s, %d MB RAM, Linux %s; output folder on %s "
                 "(%s)" % (mach["nproc"], mach["online"], mach["cpu"], mach["mem_mb"],
                           mach["kernel"], mach["fs"], WORK))
    lines.append("load average: %s at start, %s at end" % (
        " ".join(mach["load_start"]), " ".join(mach["load_end"])))
    lines.append("software: revpack %s; ReportLab %s (/usr/bin/python3); typst-ts-node-compiler "
                 "%s on Node %s; libharu %s" % (vers["revpack"], vers["reportlab"],
                                                 vers["typst"], vers["node"], vers["libharu"]))
    lines.append("data: genorg --seed 7 on bench-rubric.yaml (13 competencies): %s" % "; ".join(
        "%s people, %s rating rows" % (fmt(o["n"]), fmt(o["rows"])) for o in orgs))
    nl = orgs[0]["nonlatin"]
    lines.append("non-Latin variant: the %s-person organisation with "
                 "%s names (seed 7) in %s, and a comment in the same script on every other"
                 % (fmt(nl["n"]), fmt(nl["nonlatin"]), ", ".join(x[0] for x in SCRIPTS)))
    lines.append("peers run on the %s-person organisation only; revpack on both. "
                 "x PEER = revpack's (or a peer's) docs/s over that peer's."
                 % fmt(SMALL))
    lines.append("")
    lines.append(table(cases, peers_ok))
    notes = ["%s: %s" % (c.key, c.note) for c in cases if c.note and c.state != "ok"]
    if notes:
        lines.append("")
        lines += notes
    lines.append("")
    lines += extras(by, SMALL, LARGE)
    lines.append("")
    lines.append("targets (issue 8)%s:" % (
        "; QUICK=1 runs other sizes, so these are no verdict" if QUICK else ""))
    for v, text in checks(by, SMALL, LARGE):
        lines.append("  [%s] %s" % (v, text))
    lines.append("")
    lines.append("bench took %.0f s; logs in %s" % (time.perf_counter() - t_start, logdir))
    report = "\n".join(lines)
    print(report)
    with open(os.path.join(WORK, "results.txt"), "w") as f:
        f.write(report + "\n")
    with open(os.path.join(WORK, "results.json"), "w") as f:
        json.dump({"machine": mach, "versions": vers, "quick": QUICK, "reps": REPS, "samples": SAMPLES,
                   "cases": [{"key": c.key, "label": c.label, "people": c.org["n"],
                              "state": c.state, "note": c.note, "docs": c.docs,
                              "pages": c.pages, "bytes": c.bytes, "kinds": c.kinds,
                              "runs": c.runs} for c in cases]}, f, indent=1)
    return 1 if any(c.state == "failed" for c in cases) else 0


if __name__ == "__main__":
    sys.exit(main())
