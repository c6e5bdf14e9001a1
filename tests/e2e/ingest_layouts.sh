#!/bin/sh
# ingest_layouts.sh: the 2025-H2 sample's ratings (every role, long
# format) rewritten in the layouts review tools export, each read through
# a cycle.yaml mapping without editing the file, give figures identical to
# the original's (people, teams, departments, organisation, calibration):
#   lattice   long, its own column names, people by e-mail and by name,
#             competencies by title, role words mapped (roles:),
#             "4 - Advanced proficiency" answers, several comment columns;
#   15five    one row per person and competency with a column per role
#             (role_columns), no rater column (the role implies the
#             rater: the subject, the roster's manager), plus a peer
#             file with no rater identity and a constant role (role:);
#   survey    wide, Likert words mapped (values:), "Not observed" as N/A
#             (na:), unfinished responses left out (where:), a response
#             submitted twice (repeated: latest).
# Needs python3 and jq (make deps).
: "${O:=build}" "${TOP:=$(pwd)}" "${TMPDIR:=/tmp}"
. "$TOP/tests/e2e/report.inc"
W=$TMPDIR/ingest_layouts
S=$TOP/samples/2025-H2
rm -rf "$W"
mkdir -p "$W"
for t in python3 jq; do
	command -v $t > /dev/null || { fail ingest_layouts "$t is missing (make deps)"; exit 0; }
done

python3 - "$S" "$W" "$TOP/rubrics/csm-scorecard.yaml" <<'PY'
import csv, sys, yaml
src, out, rubric = sys.argv[1:4]
R = list(csv.DictReader(open(f"{src}/ratings.csv", encoding="utf-8")))
P = {r["id"]: r for r in csv.DictReader(open(f"{src}/roster.csv", encoding="utf-8"))}
rb = yaml.safe_load(open(rubric))
title = {c["id"]: c["title"] for cat in rb["categories"] for c in cat["competencies"]}
label = {l["value"]: l["label"] for l in rb["scale"]["levels"]}
comps = list(title)

def w(name, header, rows):
    with open(f"{out}/{name}", "w", encoding="utf-8", newline="") as f:
        cw = csv.writer(f, lineterminator="\r\n")
        cw.writerow(header)
        cw.writerows(rows)

# lattice: e-mails for subjects, names for roster raters, tokens stay
words = {"manager": "Manager", "self": "Self", "peer": "Peer", "direct_report": "Upward"}
rows = []
for r in R:
    s = r["score"]
    if s not in ("", "N/A"):
        s = f"{s} - {label[int(s)]}"
    rater = P[r["rater_id"]]["name"] if r["rater_id"] in P else r["rater_id"]
    c1, c2 = r["comment"], ""
    if len(c1) > 40:        # split long comments over two columns
        c1, c2 = c1[:20].rstrip(), c1[20:].lstrip()
    rows.append([P[r["subject_id"]]["email"].upper(), "  " + rater, words[r["rater_role"]],
                 title[r["competency_id"]], s, c1, c2])
w("lattice.csv", ["Reviewee email", "Reviewer", "Review type", "Question", "Rating", "Response", "Follow-up"], rows)

# 15five: self and manager per (subject, competency); peers and direct
# reports in a file without rater identity
by = {}
for r in R:
    if r["rater_role"] in ("self", "manager"):
        by.setdefault((r["subject_id"], r["competency_id"]), {})[r["rater_role"]] = r
rows = []
for (s, c), d in by.items():
    row = [P[s]["email"], title[c]]
    for role in ("self", "manager"):
        x = d.get(role)
        row += [x["score"], x["comment"]] if x else ["", ""]
    rows.append(row)
w("15five.csv", ["Employee Email", "Competency", "Self Evaluation - Rating", "Self Evaluation - Comment",
                 "Manager Evaluation - Rating", "Manager Evaluation - Comment"], rows)
for role in ("peer", "direct_report"):
    w(f"15five-{role}.csv", ["Employee", "Competency", "Rating", "Comment"],
      [[P[r["subject_id"]]["name"], r["competency_id"], r["score"], r["comment"]]
       for r in R if r["rater_role"] == role])

# survey: wide, Likert words, unfinished and repeated responses
likert = {1: "Strongly disagree", 2: "Disagree", 3: "Somewhat disagree", 4: "Somewhat agree",
          5: "Agree", 6: "Strongly agree"}
resp = {}
for r in R:
    resp.setdefault((r["subject_id"], r["rater_id"], r["rater_role"]), {})[r["competency_id"]] = r
rows = []
n = 0
for (s, rater, role), d in resp.items():
    n += 1
    cells = []
    for c in comps:
        x = d.get(c)
        if x is None:
            cells.append("")
        elif x["score"] in ("", "N/A"):
            cells.append("Not observed")
        else:
            cells.append(likert[int(x["score"])])
    comment = "\n".join(x["comment"] for x in d.values() if x["comment"])
    stamp = f"{1 + n % 12}/{1 + n % 28}/2025 {n % 24}:{n % 60:02d}:00"
    if n % 17 == 0:         # submitted twice: an earlier, other answer
        early = f"{1 + n % 12}/{1 + n % 28}/2025 {n % 24}:{n % 60:02d}:00"
        rows.append(["True", early.replace("2025", "2024"), s, rater, role] + ["Disagree"] * len(comps) + ["first try"])
    if n % 13 == 0:         # an unfinished response, left out
        rows.append(["False", stamp, s, rater, role] + ["Agree"] * len(comps) + [""])
    rows.append(["True", stamp, s, rater, role] + cells + [comment])
w("survey.csv", ["Finished", "Submitted", "Employee", "Reviewer", "Relationship"] +
  [f"Q{i + 1}. {title[c]}" for i, c in enumerate(comps)] + ["Anything else?"], rows)
with open(f"{out}/survey-questions.yaml", "w") as f:
    for i, c in enumerate(comps):
        f.write(f'      "Q{i + 1}. {title[c]}": {c}\n')
PY
[ -s "$W/survey.csv" ] || { fail ingest_layouts "the conversion failed"; exit 0; }
cp "$S/roster.csv" "$W/roster.csv"

# cycle NAME RATINGS-YAML: a cycle.yaml like 2025-H2's with these ratings.
cycle() {
	{
		sed -n '/^cycle:/,/^roster:/p' "$S/cycle.yaml" |
		    sed "s|\.\./\.\./|$TOP/|"
		echo "ratings:"
		cat
		echo "rater_weights: { manager: 1, peer: 0.5, direct_report: 0.5 }"
		echo "anonymity: { min_raters: 3 }"
	} > "$W/$1.yaml"
}

cycle lattice <<'EOT'
  - file: lattice.csv
    columns: { subject: Reviewee email, rater: Reviewer, role: Review type,
               competency: Question, score: Rating, comment: [Response, Follow-up] }
    roles: { Manager: manager, Self: self, Peer: peer, Upward: direct_report }
EOT
cycle 15five <<'EOT'
  - file: 15five.csv
    columns: { subject: Employee Email, competency: Competency }
    role_columns:
      self: { score: Self Evaluation - Rating, comment: Self Evaluation - Comment }
      manager: { score: Manager Evaluation - Rating, comment: Manager Evaluation - Comment }
  - file: 15five-peer.csv
    columns: { subject: Employee, competency: Competency, score: Rating, comment: Comment }
    role: peer
  - file: 15five-direct_report.csv
    columns: { subject: Employee, competency: Competency, score: Rating, comment: Comment }
    role: direct_report
EOT
{
	cat <<'EOT'
  - file: survey.csv
    format: wide
    columns: { subject: Employee, rater: Reviewer, role: Relationship,
               comment: Anything else?, timestamp: Submitted }
    where: { Finished: "True" }
    repeated: latest
    values: { Strongly disagree: 1, Disagree: 2, Somewhat disagree: 3,
              Somewhat agree: 4, Agree: 5, Strongly agree: 6 }
    na: [Not observed]
    competencies:
EOT
	cat "$W/survey-questions.yaml"
} | cycle survey

figures() {
	"$REVPACK" aggregate "$1" > "$W/agg.json" 2> "$2.err" || return 1
	jq '{people, teams, departments, org, calibration}' "$W/agg.json" > "$2"
}
figures "$S/cycle.yaml" "$W/ref.json" || { fail ingest_layouts "the reference failed"; exit 0; }
for name in lattice 15five survey; do
	if figures "$W/$name.yaml" "$W/$name.json"; then
		d=$(diff "$W/ref.json" "$W/$name.json" | head -10)
		check "ingest_layouts_$name" "$([ -z "$d" ]; echo $?)" "figures differ: $d"
	else
		fail "ingest_layouts_$name" "aggregate failed: $(head -5 "$W/$name.json.err")"
	fi
done
n=$(grep -c 'this earlier response is left out (repeated: latest)' "$W/survey.json.err")
check ingest_layouts_repeated_warned "$([ "$n" -gt 0 ]; echo $?)" "no warning for the repeated responses: $(head -3 "$W/survey.json.err")"
