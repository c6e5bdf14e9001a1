#!/bin/sh
# lang_words.sh: `language:` in a template (issue 14 item 6). With
# `language: de` the seed003 scorecard prints the German words, 3,95-style
# numbers, "59 %" and dd.mm.yyyy dates, while aggregates.json holds the
# English build's figures; every shipped language builds every document
# with no missing-font warning; a template's own words win; an unknown
# language is an error at its file:line:col naming the languages.
# Run by tests/run.sh ($REVPACK, $TOP, $TMPDIR set).
. "$TOP/tests/e2e/report.inc"
W=$TMPDIR/lang_words
F=$TOP/tests/fixtures/seed003
rm -rf "$W"
mkdir -p "$W"
cd "$W" || exit 1

# mk LANG [WORDS]: a copy of seed003 whose template sets the language.
mk() {
	mkdir -p "$1"
	{ echo "language: $1"; [ -n "$2" ] && echo "words: { $2 }"; } > "$1/t.yaml"
	sed "s#^template: .*#template: t.yaml#; \
	    s#^rubric: .*#rubric: $TOP/rubrics/csm-scorecard.yaml#" \
	    "$F/cycle.yaml" > "$1/cycle.yaml"
	cp "$F/roster.csv" "$F/ratings.csv" "$1/"
}

mk en
$REVPACK build en/cycle.yaml --out out-en --docs scorecard --quiet 2>/dev/null
mk de
$REVPACK build de/cycle.yaml --out out-de --docs scorecard --quiet 2> de.err
st=$?
pdftotext out-de/people/jps/scorecard.pdf de.txt 2>/dev/null
bad=
for s in Beurteilungsbogen Gesamtbewertung Beurteilungszeitraum \
    "3,95 Proficient" "01.01.2023" "01.07.2022 – 01.01.2023" "59 %" \
    "Seite 1 von" Grün; do
	grep -qF "$s" de.txt || bad="$bad [$s]"
done
grep -q "3\.95\|2023-01-01\|Overall rating" de.txt && bad="$bad [English left]"
check lang_de_scorecard "$([ $st = 0 ] && [ -z "$bad" ]; echo $?)" \
    "exit $st; missing or wrong:$bad"
# (the warnings name the folder, en/ or de/)
jq 'del(.warnings)' out-en/aggregates.json > en.json
jq 'del(.warnings)' out-de/aggregates.json > de.json
cmp -s en.json de.json && grep -q '"score": 3.95' de.json
check lang_aggregates_unchanged $? "aggregates.json differs with language: de"

# a template's own words over the language's
mk fr "scorecard: Bilan individuel"
$REVPACK build fr/cycle.yaml --out out-fr --docs scorecard --quiet 2>/dev/null
pdftotext out-fr/people/jps/scorecard.pdf fr.txt 2>/dev/null
grep -q "Bilan individuel" fr.txt && grep -q "Évaluation globale" fr.txt &&
    grep -q "3,95" fr.txt && grep -q "01/01/2023" fr.txt
check lang_template_words_win $? "$(head -8 fr.txt)"

# every language, every document, no placeholder
bad=
for l in es pt-BR ja ar; do
	mk "$l"
	$REVPACK build "$l/cycle.yaml" --out "out-$l" --quiet 2> "$l.err" ||
	    bad="$bad $l:exit"
	grep -q 'no configured font' "$l.err" && bad="$bad $l:font"
done
pdftotext out-ja/people/jps/scorecard.pdf ja.txt 2>/dev/null
grep -q "評価シート" ja.txt && grep -q "2023/01/01" ja.txt || bad="$bad ja:text"
check lang_every_language "$([ -z "$bad" ]; echo $?)" "$bad"

# an unknown language
printf 'name: x\nlanguage: klingon\n' > bad.yaml
$REVPACK validate bad.yaml > /dev/null 2> bad.err
st=$?
grep -qxF 'bad.yaml:2:11: error: language "klingon" is not one revpack has words for; expected one of en, de, fr, es, pt-BR, ja, ar (or write every word under "words:")' bad.err
check lang_unknown "$([ $? = 0 ] && [ $st = 1 ]; echo $?)" "exit $st: $(cat bad.err)"
