#!/bin/sh
# docs_onepage.sh: the scorecard's first page carries every competency row
# and the scorecard is at most 2 pages, for every person of both samples
# with every shipped A4 and Letter template; a coaching summary is one page
# for every person with at most two growth areas (default template; on
# Letter and branded, see the list of exceptions below); the figures of
# the scorecard's first page are set at 8 pt or more, and nothing in any
# document at less than 7 pt. Then the example person of seed 003 (the
# CSM scorecard template, tests/fixtures/seed003): every field of the
# template on his scorecard's first page, his coaching summary on one.
: "${O:=build}" "${TOP:=$(pwd)}" "${TMPDIR:=/tmp}"
. "$TOP/tests/e2e/report.inc"
W=$TMPDIR/docs_onepage
rm -rf "$W"
mkdir -p "$W"

# sizes.py PDF...: per PDF a line "PDF MIN FIGMIN": the smallest type of
# the whole document, and the smallest type of a figure ("4.80", "+0.25",
# "93.4%") on its first page.
cat > "$W/sizes.py" <<'PY'
import re, subprocess, sys
for pdf in sys.argv[1:]:
    out = subprocess.run(["mutool", "draw", "-F", "stext", "-o", "-", pdf],
                         capture_output=True, text=True).stdout
    size, word, low, figlow, page = None, "", 99.0, 99.0, 0
    def flush():
        global word, figlow
        if page == 1 and word and re.fullmatch(r"[+-]?\d+\.\d+%?", word):
            figlow = min(figlow, size)
        word = ""
    for line in out.splitlines():
        if line.startswith("<page "):
            page += 1
            continue
        m = re.search(r'<font name="[^"]*" size="([0-9.]+)"', line)
        if m:
            flush()
            size = float(m.group(1))
            continue
        m = re.search(r'<char [^>]*c="([^"]*)"', line)
        if m:
            low = min(low, size)
            if m.group(1) == " ":
                flush()
            else:
                word += m.group(1)
        elif "</line>" in line:
            flush()
    flush()
    print(pdf, low, figlow)
PY

comps="Customer complaint handling|Following up with customers|Process milestones for customers and employees|Assisting customers when setting up new software|Upselling products and services|Proactiveness|Teamwork|Willingness to learn|Stakeholder management|Communication|Openness to feedback|Project and time management|Management and leadership"

# page1_rows PDF: the competency titles missing from page 1 (none: empty)
page1_rows() {
	t=$(pdftotext -raw -f 1 -l 1 "$1" - | tr -s ' \n' '  ')
	echo "$comps" | tr '|' '\n' | while read -r c; do
		case "$t" in *"$c"*) ;; *) echo "$c" ;; esac
	done
}

# pages PDF
pages() { pdfinfo "$1" | awk '/^Pages:/ { print $2 }'; }

for tmpl in default letter branded; do
	mkdir -p "$W/$tmpl"
	cp -r "$TOP/samples/2025-H2" "$TOP/samples/2026-H1" "$W/$tmpl/"
	for c in 2025-H2 2026-H1; do
		sed -e "s|\.\./\.\./templates/default.yaml|$TOP/templates/$tmpl.yaml|" \
		    -e "s|\.\./\.\./|$TOP/|" "$TOP/samples/$c/cycle.yaml" \
		    > "$W/$tmpl/$c/cycle.yaml"
		out=$W/$tmpl/out-$c
		"$REVPACK" build "$W/$tmpl/$c/cycle.yaml" --out "$out" \
		    --docs scorecard,coaching --quiet 2> "$W/err"
		st=$?
		if [ "$st" != 0 ]; then
			fail "docs_onepage_${tmpl}_$c" "build failed (exit $st): $(grep -v ": warning: " "$W/err" | head -12)"
			continue
		fi
		"$REVPACK" aggregate "$W/$tmpl/$c/cycle.yaml" > "$out/agg.json" 2>/dev/null
		missing=0 long=0 n=0 first=
		for f in "$out"/people/*/scorecard.pdf; do
			n=$((n + 1))
			m=$(page1_rows "$f")
			if [ -n "$m" ]; then
				missing=$((missing + 1))
				[ -z "$first" ] && first="$f lacks $(echo "$m" | head -1)"
			fi
			[ "$(pages "$f")" -le 2 ] || long=$((long + 1))
		done
		check "docs_onepage_rows_${tmpl}_$c" "$missing" \
		    "$missing of $n scorecards miss competency rows on page 1; $first"
		check "docs_onepage_pages_${tmpl}_$c" "$long" \
		    "$long of $n scorecards are longer than 2 pages"
		python3 "$W/sizes.py" "$out"/people/*/*.pdf > "$W/sizes"
		figs=$(awk '$1 ~ /scorecard.pdf$/ && $3 < 8' "$W/sizes" | wc -l)
		check "docs_onepage_figures_${tmpl}_$c" "$figs" \
		    "$figs of $n scorecards set page 1's figures below 8 pt: $(awk '$1 ~ /scorecard.pdf$/ && $3 < 8' "$W/sizes" | head -1)"
		small=$(awk '$2 < 7' "$W/sizes" | wc -l)
		check "docs_onepage_type_${tmpl}_$c" "$small" \
		    "$small documents set type below 7 pt, e.g. $(awk '$2 < 7' "$W/sizes" | head -1)"
		# coaching: one page with at most two growth areas
		over=$(python3 - "$out" <<'PY'
import json, subprocess, sys
out = sys.argv[1]
agg = json.load(open(out + "/agg.json"))
bad = []
for p in agg["people"]:
    if len(p.get("growth") or []) > 2:
        continue
    f = "%s/people/%s/coaching.pdf" % (out, p["id"])
    try:
        info = subprocess.run(["pdfinfo", f], capture_output=True,
                              text=True).stdout
    except OSError:
        continue
    for line in info.splitlines():
        if line.startswith("Pages:") and int(line.split()[1]) > 1:
            bad.append(p["id"])
print(" ".join(bad))
PY
)
		# Known exceptions, on the shorter Letter page and the larger
		# type of branded: cs-024 (10 flagged perception gaps) and, on
		# branded, cs-040; the A4 default has none.
		exp=
		case $tmpl in
		letter) exp="cs-024" ;;
		branded) [ "$c" = 2026-H1 ] && exp="cs-024 cs-040" || exp="cs-024" ;;
		esac
		check "docs_onepage_coaching_${tmpl}_$c" \
		    "$([ "$over" = "$exp" ]; echo $?)" \
		    "coaching summaries over one page with at most two growth areas: '$over', expected '$exp'"
	done
done

# Seed 003: James P. Sullivan, Senior Customer Success Manager.
S=$TOP/tests/fixtures/seed003
for tmpl in default letter; do
	mkdir -p "$W/seed-$tmpl"
	sed -e "s|\.\./\.\./\.\./templates/default.yaml|$TOP/templates/$tmpl.yaml|" \
	    -e "s|\.\./\.\./\.\./|$TOP/|" -e "s|roster.csv|$S/roster.csv|" \
	    -e "s|- file: ratings.csv|- file: $S/ratings.csv|" "$S/cycle.yaml" \
	    > "$W/seed-$tmpl/cycle.yaml"
	out=$W/seed-$tmpl/out
	"$REVPACK" build "$W/seed-$tmpl/cycle.yaml" --out "$out" \
	    --docs scorecard,coaching --only jps --quiet 2> "$W/err"
	st=$?
	if [ "$st" != 0 ]; then
		fail "docs_onepage_seed003_$tmpl" "build failed (exit $st): $(grep -v ": warning: " "$W/err" | head -12)"
		continue
	fi
	sc=$out/people/jps/scorecard.pdf
	t=$(pdftotext -raw -f 1 -l 1 "$sc" - | tr -s ' \n' '  ')
	miss=
	for v in "Name James P. Sullivan" "Job title Senior Customer Success Manager" \
	    "Department Customer success" "Manager Randall Boggs" "Supervisory No" \
	    "Employment salary" "Review date 2023-01-01" \
	    "Period of scoring 2022-07-01 – 2023-01-01" "Overall rating 3.95 Proficient" \
	    "Basic understanding" "Applied understanding" "Intermediate proficiency" \
	    "Advanced proficiency" "Expertise" "Mastery" \
	    "Customer success skills 4.00" "Human skills 4.33" \
	    "Project and time management 4.00" "Leadership 3.00"; do
		case "$t" in *"$v"*) ;; *) miss="$miss [$v]" ;; esac
	done
	check "docs_onepage_seed003_fields_$tmpl" "$([ -z "$miss" ]; echo $?)" \
	    "not on page 1 of the scorecard:$miss"
	m=$(page1_rows "$sc")
	check "docs_onepage_seed003_rows_$tmpl" "$([ -z "$m" ]; echo $?)" \
	    "rows not on page 1: $m"
	check "docs_onepage_seed003_pages_$tmpl" \
	    "$([ "$(pages "$sc")" -le 2 ] && [ "$(pages "$out/people/jps/coaching.pdf")" = 1 ]; echo $?)" \
	    "scorecard $(pages "$sc") pages, coaching summary $(pages "$out/people/jps/coaching.pdf")"
	t=$(pdftotext -raw "$out/people/jps/coaching.pdf" - | tr -s ' \n' '  ')
	miss=
	for v in "Coaching summary — James P. Sullivan" "Senior Customer Success Manager" \
	    "Randall Boggs" "Upselling products and services · Score 3.00 · Expected 4" \
	    "Management and leadership · Score 3.00 · Expected 4" \
	    "What the next level looks like: 4 Advanced proficiency" \
	    "Agreed actions"; do
		case "$t" in *"$v"*) ;; *) miss="$miss [$v]" ;; esac
	done
	check "docs_onepage_seed003_coaching_$tmpl" "$([ -z "$miss" ]; echo $?)" \
	    "not in the coaching summary:$miss"
done
