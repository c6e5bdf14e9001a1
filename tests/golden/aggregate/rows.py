#!/usr/bin/env python3
"""rows.py: lists the raw ratings of the sample cycles, for re-doing the
hand computations of HAND.md. It reads the CSV files with Python's csv
module (not revpack's reader), turns level labels into their values and
N/A / empty into "-", and does no scoring at all.

usage: rows.py CYCLE_DIR SUBJECT_ID       every rating of one person,
                                          per competency and role
       rows.py CYCLE_DIR --comp ID        every person's ratings on one
                                          competency
       rows.py CYCLE_DIR --manager ID     every score a manager rater gave
       rows.py CYCLE_DIR --managers       count and sum of all manager
                                          scores
"""
import csv, os, sys

COMPS = ["complaint-handling", "follow-up", "process-milestones",
         "software-setup", "upselling", "proactiveness", "teamwork",
         "willingness-to-learn", "stakeholder-management", "communication",
         "openness-to-feedback", "project-time-management",
         "management-leadership"]
LABELS = {"basic understanding": 1, "applied understanding": 2,
          "intermediate proficiency": 3, "advanced proficiency": 4,
          "expertise": 5, "mastery": 6}
# samples/2026-H1/cycle.yaml's mapping of forms-export.csv
QUESTIONS = ["Complaint handling [1-6]", "Following up with customers [1-6]",
             "Process milestones [1-6]", "Software setup support [1-6]",
             "Upselling [1-6]", "Proactiveness [1-6]", "Teamwork [1-6]",
             "Willingness to learn [1-6]", "Stakeholder management [1-6]",
             "Communication [1-6]", "Openness to feedback [1-6]",
             "Project & time management [1-6]", "Management & leadership [1-6]"]
ROLES = {"Manager": "manager", "Self review": "self", "Peer": "peer",
         "Direct report": "direct_report"}


def score(s):
    s = s.strip()
    if s == "" or s.lower() == "n/a":
        return None
    if s.lower() in LABELS:
        return LABELS[s.lower()]
    return float(s)


def ratings(d):
    """(subject, rater, role, competency, score or None), input order."""
    out = []
    with open(os.path.join(d, "ratings.csv"), encoding="utf-8-sig", newline="") as f:
        for r in csv.DictReader(f):
            out.append((r["subject_id"], r["rater_id"], r["rater_role"],
                        r["competency_id"], score(r["score"])))
    wide = os.path.join(d, "forms-export.csv")
    if os.path.exists(wide):
        with open(wide, encoding="utf-8-sig", newline="") as f:
            for r in csv.DictReader(f):
                for q, c in zip(QUESTIONS, COMPS):
                    out.append((r["Employee ID"], r["Reviewer ID"],
                                ROLES[r["Relationship"]], c, score(r[q])))
    return out


def fmt(x):
    return "-" if x is None else ("%g" % x)


def main():
    d, what = sys.argv[1], sys.argv[2]
    rs = ratings(d)
    if what == "--comp":
        c = sys.argv[3]
        subjects = []
        for s, _, _, cc, _ in rs:
            if cc == c and s not in subjects:
                subjects.append(s)
        for s in subjects:
            by = {}
            for s2, _, role, cc, x in rs:
                if s2 == s and cc == c:
                    by.setdefault(role, []).append(fmt(x))
            print(s, " ".join("%s=[%s]" % (k, ",".join(v)) for k, v in by.items()))
    elif what == "--manager":
        xs = [x for s, r, role, c, x in rs if r == sys.argv[3] and role == "manager"]
        got = [x for x in xs if x is not None]
        print("scored:", len(got), "sum:", "%g" % sum(got), "N/A:", len(xs) - len(got))
        print(" ".join(fmt(x) for x in got))
    elif what == "--managers":
        got = [x for s, r, role, c, x in rs if role == "manager" and x is not None]
        print("scored:", len(got), "sum:", "%g" % sum(got))
    else:
        for c in COMPS:
            by = {}
            for s, rater, role, cc, x in rs:
                if s == what and cc == c:
                    by.setdefault(role, []).append(fmt(x))
            print(c, " ".join("%s=[%s]" % (k, ",".join(v)) for k, v in by.items()))


main()
