#!/bin/sh
# docs_comment_cap.sh: a comment of 30,000 short lines (60 kB, under the
# 64 KiB field cap) made a 528-page scorecard. A scorecard prints at most
# 40 lines of one comment, then the template's word "shortened" with
# {n} the lines left out; a template may translate that word, {n}
# included; a comment of 40 lines is printed whole.
. "$TOP/tests/e2e/report.inc"
W=$TMPDIR/docs_comment_cap
F=$TOP/tests/fixtures/ingest
rm -rf "$W"
mkdir -p "$W"
cd "$W" || exit 1
cat > template.yaml <<EOC
page:
  size: A4
words:
  shortened: "(gekürzt: {n} weitere Zeilen in der Bewertungsdatei)"
EOC
for t in default template; do
	[ $t = default ] && tp=$TOP/templates/default.yaml || tp=template.yaml
	cat > $t.cycle.yaml <<EOC
cycle: cap
title: Comment cap
rubric: $F/rubric.yaml
template: $tp
roster: $F/roster.csv
ratings:
  - file: ratings.csv
EOC
done
python3 - "$F/ratings.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
with open("ratings.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerows(rows)
    w.writerow(["a1", "m1", "manager", "communication", "3",
                "\n".join(chr(97 + i % 26) for i in range(30000))])
    w.writerow(["a2", "m1", "manager", "communication", "3",
                "\n".join("forty %d" % i for i in range(40))])
PY
$REVPACK build default.cycle.yaml --out o --docs scorecard --quiet 2> err
st=$?
pages=$(pdfinfo o/people/a1/scorecard.pdf 2> /dev/null | awk '/^Pages:/ { print $2 }')
pdftotext o/people/a1/scorecard.pdf a1.txt 2> /dev/null
check docs_comment_cap_pages "$([ $st = 0 ] && [ "${pages:-999}" -le 3 ]; echo $?)" \
    "status $st, $pages pages: $(cat err)"
check docs_comment_cap_note "$(grep -qxF '(shortened: 29960 more lines in the ratings file)' a1.txt; echo $?)" \
    "no note in: $(grep -i short a1.txt)"
pdftotext o/people/a2/scorecard.pdf a2.txt 2> /dev/null
check docs_comment_cap_forty_whole "$(grep -q 'forty 39' a2.txt && ! grep -q shortened a2.txt; echo $?)" \
    "$(grep -c forty a2.txt) of 40 lines"
$REVPACK validate template.yaml > /dev/null 2> err &&
    $REVPACK build template.cycle.yaml --out t --docs scorecard --quiet 2>> err
st=$?
pdftotext t/people/a1/scorecard.pdf t.txt 2> /dev/null
check docs_comment_cap_translated "$([ $st = 0 ] && grep -qxF '(gekürzt: 29960 weitere Zeilen in der Bewertungsdatei)' t.txt; echo $?)" \
    "status $st: $(cat err); $(grep -i gek t.txt)"
