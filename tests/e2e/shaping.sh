#!/bin/sh
# shaping.sh: text shaping with HarfBuzz (issue 14 item 1). For each name
# of tests/fixtures/shaping (Arabic, Devanagari, Bengali, Tamil, Thai,
# Latin with combining marks, a word a font may ligate): the scorecard
# draws exactly the glyphs HarfBuzz gives for the same font (outline
# hashes of the embedded glyphs against tests/tools/hbshape, a stand-in
# for hb-shape), pdftotext gives the name back, and shaped glyphs map to
# their clusters' text. A script no installed font covers is said so.
# The template is the shipped one with its fonts given as files: the
# default chain, then the first installed font of each Indic script and
# Thai. Run by tests/run.sh ($REVPACK, $TOP, $TMPDIR, $O set).
. "$TOP/tests/e2e/report.inc"
. "$TOP/tests/e2e/shaping.inc"
W=$TMPDIR/shaping
HB=$TOP/${O:-build}/tools/hbshape
rm -rf "$W"
mkdir -p "$W"
cp "$TOP"/tests/fixtures/shaping/*.csv "$W"/

# the font chain as files (first the default template's families)
: > "$W/chain"
for fam in "Liberation Sans" "WenQuanYi Zen Hei" "NanumGothic" "DejaVu Sans"; do
	fc-match -f '%{file}\n' "$fam" >> "$W/chain"
done
for l in hi bn ta th; do
	fc-list ":lang=$l:style=Regular" file | sed 's/: *$//' | sort | head -1 >> "$W/chain"
done
chain_template "$W"
scorecard_cycle "$W" T-SCRIPTS "Scripts test review"
cd "$W" || exit 1
$REVPACK build cycle.yaml --out out --docs scorecard --jobs 2 --quiet 2> build.err
check shaping_builds $? "$(head -3 build.err)"
$REVPACK build cycle.yaml --out out1 --docs scorecard --jobs 1 --quiet 2> /dev/null
same=0
for f in out/people/*/scorecard.pdf; do
	cmp -s "$f" "out1/${f#out/}" || same=1
done
check shaping_deterministic_jobs $same "--jobs 1 and --jobs 2 differ"

# name ID TEST: the scorecard of ID draws its roster name with
# HarfBuzz's glyphs for the font that covers it, and extracts as it.
# Each word is checked on its own (words of a name are runs of their
# own, the space in the regular face).
name() {
	id=$1 t=$2
	nm=$(awk -F, -v id="$id" '$1 == id { print $2 }' roster.csv |
	    python3 -c 'import sys, unicodedata; print(unicodedata.normalize("NFC", sys.stdin.read().strip()))')
	pdf=out/people/$id/scorecard.pdf
	if ! font=$(font_for "$(echo "$nm" | tr -d ' ')"); then
		if grep -q "roster.csv:.*column \"name\".*in no configured font" build.err &&
		    pdftotext "$pdf" - | grep -q "$(printf '\357\277\275')"; then
			ok "shaping_${t}_no_font_placeholder (no installed font covers it)"
		else
			fail "shaping_${t}_no_font" "no font, and no warning or placeholder"
		fi
		return
	fi
	bad=$(drawn_as_hb "$pdf" "$nm")
	check "shaping_${t}_glyphs" "$([ -z "$bad" ]; echo $?)" "$bad"
	pdf_text "$pdf" > text.txt
	if [ "$3" = words ]; then
		# right-to-left word order is bidi's (issue 14 item 2): each word
		for word in $nm; do grep -qF "$word" text.txt || bad="$word"; done
		check "shaping_${t}_extracts_words" "$([ -z "$bad" ]; echo $?)" "pdftotext lost \"$bad\""
	else
		grep -qxF "$nm" text.txt
		check "shaping_${t}_extracts" $? "pdftotext does not give \"$nm\" on a line of its own"
	fi
}

name ar1 arabic_lam_alef
name ar2 arabic_allah
name ar3 arabic_two_words words
name hi1 devanagari_anuchchhed
name hi2 devanagari_kshatriya
name hi3 devanagari_i_matra
name hi4 devanagari_zwj_half_form
name bn1 bengali
name ta1 tamil
name th1 thai
name cm1 latin_combining
name lg1 latin_ligature_prone

# Arabic letters are joined: the name's glyphs are contextual forms, not
# the isolated letters the old code drew one per code point.
f=$(font_for "سلام")
"$HB" "$f" "سلام" > forms.txt
grep -q 'uniFEFC\|uniFEB3' forms.txt
check shaping_arabic_fixture_joins $? "hbshape gives no joined forms: $(cat forms.txt)"

# Shaped glyphs that are not a character's own (contextual forms,
# ligatures) map to their cluster's text in ToUnicode, not to nothing.
python3 - out/people/ar1/scorecard.pdf <<'PY'
import re, sys, zlib
d = open(sys.argv[1], 'rb').read()
maps = []
for m in re.finditer(rb'stream\r?\n(.*?)endstream', d, re.S):
    try:
        t = zlib.decompress(m.group(1))
    except zlib.error:
        continue
    if b'beginbfchar' in t:
        maps.append(t.decode('latin-1'))
# lam-alef: both letters, in visual order (alef left of lam), as readers
# reverse right-to-left text glyph by glyph and each glyph's characters
ok = any('<06270644>' in t for t in maps)
print('ok shaping_tounicode_ligature' if ok else
      'FAIL shaping_tounicode_ligature: no ToUnicode entry maps a glyph '
      'to U+0644 U+0627')
PY
