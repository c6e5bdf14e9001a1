#!/bin/sh
# validate_warnings.sh: `revpack validate CYCLE` prints every warning
# `revpack build` prints (issue 16 item 3), without rendering: the same
# lines, compared sorted (build's closing line left out), for
#   - the 2026-H1 sample (the acceptance case; its summary is pinned by
#     tests/golden/cycle/validate-sample);
#   - tests/fixtures/validate-fonts, whose template has no fallback fonts,
#     so build's font set-up warns about Devanagari and Han characters in
#     names, a comment and the template's words (once per field and
#     script), and validate must print those lines too, whatever --docs
#     and --only say;
#   - that fixture with contents blocks where only the manager's packet
#     has one: a warning at load for each (build crashed on some), the
#     same in both.
# Run by tests/run.sh ($REVPACK, $TOP, $TMPDIR set).
. "$TOP/tests/e2e/report.inc"
W=$TMPDIR/validate_warnings
rm -rf "$W"
mkdir -p "$W"
cd "$W" || exit 1

# same NAME CYCLE [BUILD OPTIONS]: validate and build CYCLE (both exit 0),
# and their stderr, sorted, minus build's closing line, are equal.
same() {
	name=$1
	cycle=$2
	shift 2
	$REVPACK validate "$cycle" > "$name.vout" 2> "$name.verr"
	vst=$?
	$REVPACK build "$cycle" --out "$W/$name.out" --jobs 2 "$@" \
	    > /dev/null 2> "$name.berr"
	bst=$?
	if [ "$vst" != 0 ] || [ "$bst" != 0 ]; then
		fail "$name" "exit status validate $vst, build $bst: $(head -3 "$name.verr" "$name.berr")"
		return
	fi
	grep -v '^revpack: wrote ' "$name.berr" | sort > "$name.b"
	sort "$name.verr" > "$name.v"
	if cmp -s "$name.v" "$name.b"; then
		ok "$name"
	else
		fail "$name" "validate's warnings differ from build's: $(diff "$name.v" "$name.b" | head -6)"
	fi
}

same validate_warnings_sample "$TOP/samples/2026-H1/cycle.yaml"

F=$TOP/tests/fixtures/validate-fonts
same validate_warnings_fonts "$F/cycle.yaml"
n=$(grep -c ': warning: .* in no configured font' validate_warnings_fonts.verr)
check validate_warnings_fonts_coverage "$([ "$n" = 4 ]; echo $?)" \
    "$n coverage warnings from validate, expected 4 (template words, two name scripts, a comment)"
same validate_warnings_fonts_only "$F/cycle.yaml" --docs scorecard --only a1

# the template named again as the deck template: its words counted once
mkdir -p samedeck
cp "$F/roster.csv" "$F/ratings.csv" "$F/template.yaml" samedeck/
sed -e "s|^rubric: .*|rubric: $TOP/tests/fixtures/ingest/rubric.yaml|" \
    -e 's|^template: template.yaml|template: template.yaml\ndeck_template: template.yaml|' \
    "$F/cycle.yaml" > samedeck/cycle.yaml
same validate_warnings_same_deck samedeck/cycle.yaml
check validate_warnings_same_deck_once "$(grep -q 'template.yaml: warning: 2 Han characters' \
    validate_warnings_same_deck.verr; echo $?)" \
    "the template's 2 Han characters, also its deck template, are not reported as 2: $(grep 'template.yaml: warning' validate_warnings_same_deck.verr)"

# contents blocks outside the manager's packet
mkdir -p contents
cp "$F/roster.csv" "$F/ratings.csv" contents/
sed "s|^rubric: .*|rubric: $TOP/tests/fixtures/ingest/rubric.yaml|" \
    "$F/cycle.yaml" > contents/cycle.yaml
cat "$F/template.yaml" - > contents/template.yaml <<'EOF'
documents:
  scorecard:
    blocks:
      - contents: Contents
      - kv_grid: { data: person }
  handout:
    blocks:
      - contents: Contents
      - scale_legend: { data: scale }
  team:
    blocks:
      - contents: Contents
      - kv_grid: { data: group }
EOF
same validate_warnings_contents contents/cycle.yaml
n=$(grep -c 'warning: a contents block is not supported in "[a-z_]*" (only in manager_packet); it is left out' validate_warnings_contents.verr)
check validate_warnings_contents_each "$([ "$n" = 3 ]; echo $?)" \
    "$n contents warnings from validate, expected 3: $(cat validate_warnings_contents.verr | head -3)"
