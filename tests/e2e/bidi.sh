#!/bin/sh
# bidi.sh: bidirectional text on the page (issue 14 items 2 and 6). With
# tests/fixtures/scripts and mixed-direction names and comments: on the
# English template the pages stay left to right while a Hebrew comment
# with a number puts the number to the left of the words, "محمد (Mo) Ali
# 3" reads right to left (Ali on the left, the Arabic on the right), and
# pure right-to-left names and comments extract in logical order; with
# `language: ar` the page is mirrored (title and labels on the right, a
# label to the right of its value) and pages hold the same words.
# Word positions come from `pdftotext -bbox`. Run by tests/run.sh
# ($REVPACK, $TOP, $TMPDIR set).
. "$TOP/tests/e2e/report.inc"
W=$TMPDIR/bidi
F=$TOP/tests/fixtures/scripts
rm -rf "$W"
mkdir -p "$W"
cd "$W" || exit 1

shipped_cycle "$F"
printf 'language: ar\n' > ar.yaml
sed "s#^template: .*#template: ar.yaml#" cycle.yaml > cycle-ar.yaml
# the Arabic person's name mixed; the Hebrew comment with a number
sed 's/^ar,[^,]*,/ar,محمد (Mo) Ali 3,/' "$F/roster.csv" > roster.csv
awk -F, -v OFS=, '$1 == "he" && $3 == "manager" && $6 != "" {
	$6 = "עבודה מצוינת 100%" } { print }' "$F/ratings.csv" > ratings.csv
$REVPACK build cycle.yaml --out out --docs scorecard --only ar,he,m1 \
    --quiet 2> build.err
st=$?
$REVPACK build cycle-ar.yaml --out out-ar --docs scorecard --only ar,he,m1 \
    --quiet 2>> build.err
check bidi_builds "$([ $st = 0 ] && [ $? = 0 ]; echo $?)" \
    "$(head -3 build.err)"

# xpos PDF WORD...: the left edges of the words on the line (page 1 or
# 2) that holds the last one, "-" for a word not on it. pdftotext -bbox
# gives a word's characters in the order they are drawn: right-to-left
# words are looked for reversed, and mirrored brackets as drawn, ")Mo(".
xpos() {
	pdf=$1
	shift
	pdftotext -bbox -l 2 "$pdf" - 2>/dev/null | python3 -c '
import re, sys
words = [w if not any("\u0590" <= c <= "\u08ff" for c in w) else w[::-1]
         for w in sys.argv[1:]]
found = [(x, (float(a) + float(b)) / 2, t) for x, a, b, t in re.findall(
    r"<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" xMax=\"[0-9.]+\" yMax=\"([0-9.]+)\">([^<]*)</word>",
    sys.stdin.read())]
y = next((y for x, y, t in found if t == words[-1]), -99)
for w in words:
    print(next((x for x, yy, t in found if t == w and abs(yy - y) < 4), "-"))' "$@"
}

# the Hebrew comment: "100%" drawn left of its words
set -- $(xpos out/people/he/scorecard.pdf "100%" "מצוינת" "עבודה")
check bidi_number_left "$(python3 -c "import sys; a = sys.argv[1:]; sys.exit(not ('-' not in a and float(a[0]) < float(a[1]) < float(a[2])))" "$@"; echo $?)" \
    "x of 100%, מצוינת, עבודה: $*"

# the mixed name, right to left: Ali and 3 left of (Mo), the Arabic last
set -- $(xpos out/people/ar/scorecard.pdf "Ali" ")Mo(" "محمد")
check bidi_mixed_name "$(python3 -c "import sys; a = sys.argv[1:]; sys.exit(not ('-' not in a and float(a[0]) < float(a[1]) < float(a[2])))" "$@"; echo $?)" \
    "x of Ali, (Mo), محمد: $*"

# pure right-to-left texts come back in logical order
pdftotext out/people/he/scorecard.pdf - 2>/dev/null |
    LC_ALL=C sed 's/\xe2\x80[\xaa-\xae]//g' > he.txt
bad=
grep -qF "דנה כהן" he.txt || bad="$bad name"
check bidi_extract_rtl "$([ -z "$bad" ]; echo $?)" "not in pdftotext:$bad"

# English template: the title at the left margin; Arabic: at the right
set -- $(xpos out/people/m1/scorecard.pdf "Scorecard")
t_en=$1
title=$(pdftotext -l 1 out-ar/people/m1/scorecard.pdf - 2>/dev/null |
    grep -m1 'بطاقة')
pdftotext -bbox -l 1 out-ar/people/m1/scorecard.pdf - 2>/dev/null |
    python3 -c '
import re, sys
t = sys.stdin.read()
w = [(float(a), float(b), s) for a, b, s in
     re.findall(r"<word xMin=\"([0-9.]+)\" yMin=\"[0-9.]+\" xMax=\"([0-9.]+)\"[^>]*>([^<]*)</word>", t)]
page = float(re.search(r"<page width=\"([0-9.]+)\"", t).group(1))
def first(s):
    return next((x for x in w if x[2] == s), None)
title = first("بطاقة"[::-1])    # drawn right to left: reversed here
label = first("الاسم"[::-1])    # the Name label
value = first("Zoë")            # ... Zoë Ångström is the manager
mlabel = first("المدير"[::-1])
bad = []
if title is None or page - title[1] > 60:
    bad.append("title not at the right: %r of %.0f" % (title, page))
if label is None or page - label[1] > 60:
    bad.append("Name label not at the right: %r" % (label,))
if value is None or mlabel is None or not value[1] <= mlabel[1] + 1:
    bad.append("manager value not under/left of its label: %r %r" % (value, mlabel))
print("; ".join(bad))
sys.exit(1 if bad else 0)' > ar.why
st=$?
check bidi_arabic_mirrored "$st" "$(cat ar.why)"
check bidi_english_left "$(python3 -c "import sys; sys.exit(not (sys.argv[1] != '-' and float(sys.argv[1]) < 100))" "$t_en"; echo $?)" \
    "Scorecard title at x=$t_en"
[ -n "$title" ]
check bidi_arabic_words "$?" "no Arabic title in pdftotext"
