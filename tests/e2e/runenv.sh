#!/bin/sh
# tests/e2e/runenv.sh: what revpack takes from where it runs: the PDF date
# (SOURCE_DATE_EPOCH of today's order of magnitude, else the review date)
# and the shipped slides.yaml as the deck template when the cycle's
# template folder has none.
cd "$TMPDIR" || exit 2
. "$TOP/tests/e2e/report.inc"
S=$TOP/samples/2026-H1

# A copy of the sample cycle whose template folder holds no slides.yaml.
mkdir -p re/tpl re/cycle
cp "$TOP/templates/default.yaml" re/tpl/
sed -e "s|^rubric:.*|rubric: $TOP/rubrics/csm-scorecard.yaml|" \
    -e "s|^template:.*|template: ../tpl/default.yaml|" \
    -e "/^deck_template:/d" -e "/^previous:/d" \
    -e "s|file: \([a-z-]*\.csv\)|file: $S/\1|" \
    "$S/cycle.yaml" > re/cycle/cycle.yaml
cp "$S/roster.csv" re/cycle/

SOURCE_DATE_EPOCH=1700000000 "$REVPACK" build re/cycle/cycle.yaml \
    --out re/out --docs deck,handout --quiet 2> re/err
st=$?
if [ $st = 0 ]; then ok runenv_epoch_2023_accepted
else fail runenv_epoch_2023_accepted "exit $st: $(head -3 re/err)"; fi

d=$(pdfinfo -isodates re/out/handout.pdf 2>/dev/null | sed -n 's/^CreationDate: *//p')
case "$d" in 2023-11-14T22:13:20*) ok runenv_epoch_is_the_date ;;
*) fail runenv_epoch_is_the_date "CreationDate \"$d\"" ;; esac

# The fallback deck must be the shipped slides.yaml's, byte for byte, and
# not what the cycle's own template would give.
for t in slides default; do
	mkdir -p re/$t
	cp re/cycle/roster.csv re/$t/
	sed "s|^template:.*|&\ndeck_template: $TOP/templates/$t.yaml|" \
	    re/cycle/cycle.yaml > re/$t/cycle.yaml
	SOURCE_DATE_EPOCH=1700000000 "$REVPACK" build re/$t/cycle.yaml \
	    --out re/out-$t --docs deck --quiet 2> /dev/null
done
if cmp -s re/out/deck.pdf re/out-slides/deck.pdf &&
    ! cmp -s re/out/deck.pdf re/out-default/deck.pdf; then
	ok runenv_shipped_slides_for_deck
else
	fail runenv_shipped_slides_for_deck "the deck is not the shipped slides.yaml's"
fi

"$REVPACK" build re/cycle/cycle.yaml --out re/out2 --docs handout \
    --quiet 2> /dev/null
d=$(pdfinfo -isodates re/out2/handout.pdf 2>/dev/null | sed -n 's/^CreationDate: *//p')
rd=$(sed -n 's/^review_date: *//p' re/cycle/cycle.yaml)
case "$d" in "$rd"T00:00:00*) ok runenv_review_date_without_epoch ;;
*) fail runenv_review_date_without_epoch "CreationDate \"$d\", review date $rd" ;; esac

SOURCE_DATE_EPOCH=yesterday "$REVPACK" build re/cycle/cycle.yaml \
    --out re/out3 --quiet 2> re/err3
st=$?
[ $st = 1 ] && grep -q 'SOURCE_DATE_EPOCH "yesterday"' re/err3 && [ ! -e re/out3 ] &&
    ok runenv_bad_epoch_refused || fail runenv_bad_epoch_refused "exit $st, $(cat re/err3)"

# --docs never changes the bytes of the documents it keeps: the run's
# glyph set includes the deck template's words even when no deck is made.
"$REVPACK" build "$S/cycle.yaml" --out re/all --quiet 2> /dev/null
"$REVPACK" build "$S/cycle.yaml" --out re/sc --docs scorecard,org --quiet 2> /dev/null
n=0
for f in re/sc/people/*/scorecard.pdf re/sc/org.pdf; do
	cmp -s "$f" "re/all/${f#re/sc/}" || n=$((n + 1))
done
[ -f re/sc/org.pdf ] && [ $n = 0 ] && ok runenv_docs_keeps_bytes ||
    fail runenv_docs_keeps_bytes "$n files differ from the full build"
