#!/bin/sh
# unicode_text.sh: text as the world writes it (issue 14 item 3, issue 17
# item 7). A cycle whose names, comments, ids and cycle.yaml texts are
# decomposed (NFD) builds byte for byte the files of the composed (NFC)
# one; the NFC and NFD forms of an id are one person; ids that differ only
# in non-ASCII case, hide an invisible or bidi-control character, or look
# like another id are refused with file:line; joiners are never drawn; a
# script no font covers gives one warning per field, counted.
# Run by tests/run.sh ($REVPACK, $TOP, $TMPDIR set).
. "$TOP/tests/e2e/report.inc"
W=$TMPDIR/unicode_text
rm -rf "$W"
mkdir -p "$W"
cd "$W" || exit 1

# mk FORM DIR [ROSTER_FORM RATINGS_FORM]: a six-person cycle in DIR, its
# texts in Unicode normal form FORM (NFC or NFD); the roster and ratings
# may be given forms of their own. Python writes the forms, so that the
# bytes do not depend on this file's.
mk() {
	python3 - "$TOP" "$@" <<'EOF'
import os, sys, unicodedata, yaml
top, form, d = sys.argv[1], sys.argv[2], sys.argv[3]
rform = sys.argv[4] if len(sys.argv) > 4 else form
tform = sys.argv[5] if len(sys.argv) > 5 else form
os.makedirs(d, exist_ok=True)
rubric = os.path.join(top, 'rubrics/csm-scorecard.yaml')
comps = [c['id'] for cat in yaml.safe_load(open(rubric))['categories']
         for c in cat['competencies']]
nf = lambda f, s: unicodedata.normalize(f, s)
people = [  # id, name, manager
    ('m1', 'Zoë Ångström', ''),
    ('josé', 'José Müller', 'm1'),
    ('n2', 'Nguyễn Thị Ánh', 'm1'),
    ('k3', '김민준', 'm1'),
    ('e4', 'Ana \U0001F469\u200D\U0001F4BB Ruiz', 'm1'),
    ('p5', 'Mehr\u200Cnaz Ṩoğuk', 'm1'),
]
with open(os.path.join(d, 'roster.csv'), 'w', encoding='utf-8') as f:
    f.write('id,name,manager_id,level\n')
    for pid, name, mgr in people:
        f.write(nf(rform, '%s,%s,%s,CSM II\n' % (pid, name, mgr)))
with open(os.path.join(d, 'ratings.csv'), 'w', encoding='utf-8') as f:
    f.write('subject_id,rater_id,rater_role,competency_id,score,comment\n')
    for k, (pid, name, mgr) in enumerate(people):
        if not mgr:
            continue
        for i, c in enumerate(comps):
            note = 'Très bien: Ångström-level café réunion' if i == 0 else ''
            f.write(nf(tform, '%s,%s,manager,%s,%d,%s\n' %
                       (pid, mgr, c, 2 + (k + i) % 4, note)))
            f.write(nf(tform, '%s,%s,self,%s,%d,\n' %
                       (pid, pid, c, 2 + (k + 2 * i) % 4)))
with open(os.path.join(d, 'cycle.yaml'), 'w', encoding='utf-8') as f:
    f.write(nf(form, '''cycle: u-1
title: Revue générale — Zoë
organization: Société Générale d'Ångström
period: { start: 2026-01-01, end: 2026-06-30 }
review_date: 2026-07-15
rubric: %s
template: %s
roster: roster.csv
ratings:
  - file: ratings.csv
''' % (rubric, os.path.join(top, 'templates/default.yaml'))))
EOF
}

# --- NFC and NFD give the same bytes, file for file ---
# (each cycle in a folder c of its own, so that messages and aggregates
# name the same paths)
mk NFC nfc/c && mk NFD nfd/c
if cmp -s nfc/c/roster.csv nfd/c/roster.csv; then
	fail unicode_fixture_forms "the NFD roster is the NFC one"
fi
(cd nfc && $REVPACK build c/cycle.yaml --out ../out-nfc --quiet) 2> nfc.err
a=$?
(cd nfd && $REVPACK build c/cycle.yaml --out ../out-nfd --quiet) 2> nfd.err
b=$?
check unicode_nfd_builds "$([ $a = 0 ] && [ $b = 0 ]; echo $?)" \
    "exit $a/$b: $(tail -3 nfd.err)"
# every file, names included (josé's folder is one name in NFC)
(cd out-nfc && find . -type f | sort) > files-nfc
(cd out-nfd && find . -type f | sort) > files-nfd
same=0
cmp -s files-nfc files-nfd || same=1
while read -r f; do
	cmp -s "out-nfc/$f" "out-nfd/$f" || { same=1; echo "$f" >> differ; }
done < files-nfc
check unicode_nfd_nfc_byte_identical $same \
    "differ: $(diff files-nfc files-nfd | head -3) $(head -5 differ 2>/dev/null | tr '\n' ' ')"
check unicode_nfd_nfc_same_stderr "$(cmp -s nfc.err nfd.err; echo $?)" \
    "$(diff nfc.err nfd.err | head -4)"
grep -q "$(printf 'people/jos\303\251/scorecard.pdf')" files-nfc
check unicode_id_folder_nfc $? "no people/josé (NFC) folder: $(grep jos files-nfc | head -2)"

# --- the forms of josé are one person: an NFC roster, NFD ratings ---
mk NFC mixed/c NFC NFD
(cd mixed && $REVPACK aggregate c/cycle.yaml --format json -o ../mixed.json) 2> mixed.err
st=$?
(cd nfc && $REVPACK aggregate c/cycle.yaml --format json -o ../nfc.json) 2> /dev/null
check unicode_nfd_ratings_nfc_roster "$([ $st = 0 ] && cmp -s mixed.json nfc.json; echo $?)" \
    "exit $st: $(head -3 mixed.err)"
# and two rows with the two forms are one id given twice
mk NFC twice
python3 - twice/roster.csv <<'EOF'
import sys, unicodedata
open(sys.argv[1], 'a', encoding='utf-8').write(
    unicodedata.normalize('NFD', 'josé') + ',Other José,m1,CSM II\n')
EOF
$REVPACK validate twice/cycle.yaml > /dev/null 2> twice.err
st=$?
grep -q "^twice/roster.csv:8: error: column \"id\": \"jos$(printf '\303\251')\" is already the id of line 3" twice.err
g=$?
check unicode_nfd_nfc_id_is_one_id "$([ $st = 1 ] && [ $g = 0 ]; echo $?)" \
    "exit $st: $(head -3 twice.err)"

# --- ids: non-ASCII case, invisible characters, look-alikes ---
mk NFC ids
python3 - ids/roster.csv <<'EOF'
import sys
open(sys.argv[1], 'a', encoding='utf-8').write(
    '\u00c4rzte,Anna,m1,CSM II\n'           # line 8
    '\u00e4rzte,Berta,m1,CSM II\n'          # line 9: Ärzte in lower case
    'cs-010,Carl,m1,CSM II\n'               # line 10
    '\u0441s-010,Cyril,m1,CSM II\n'         # line 11: Cyrillic с
    'cs-\u200b11,Dora,m1,CSM II\n'          # line 12: zero-width space
    'cs-\u202e12,Emil,m1,CSM II\n'          # line 13: right-to-left override
    'cs-\u0441\u0441,Fjodor,m1,CSM II\n')   # line 14: Latin and Cyrillic
EOF
$REVPACK validate ids/cycle.yaml > /dev/null 2> ids.err
st=$?
check unicode_ids_refused "$([ $st = 1 ]; echo $?)" "exit $st"
grep -q '^ids/roster.csv:9: error: column "id": "ärzte" and "Ärzte" (line 8) differ only in case' ids.err
check unicode_ids_non_ascii_case $? "$(grep rzte ids.err)"
grep -q '^ids/roster.csv:11: error: column "id": "сs-010" looks like "cs-010" (line 10): U+0441 CYRILLIC SMALL LETTER ES' ids.err
check unicode_ids_lookalike $? "$(grep ':11:' ids.err)"
grep -q '^ids/roster.csv:12: error: column "id": "cs-<U+200B>11" contains U+200B ZERO WIDTH SPACE' ids.err
check unicode_ids_zero_width $? "$(grep ':12:' ids.err)"
grep -q '^ids/roster.csv:13: error: column "id": "cs-<U+202E>12" contains U+202E RIGHT-TO-LEFT OVERRIDE' ids.err
check unicode_ids_bidi_control $? "$(grep ':13:' ids.err)"
grep -q '^ids/roster.csv:14: warning: column "id": "cs-сс" mixes Latin and Cyrillic letters' ids.err
check unicode_ids_mixed_script $? "$(grep ':14:' ids.err)"
# no raw invisible character reaches the terminal
check unicode_ids_no_raw_invisible \
    "$(! grep -q "$(printf '\342\200\213\|\342\200\256')" ids.err; echo $?)" "raw U+200B or U+202E"
# josé, 김민준's k3, e4 are fine: nothing about them
check unicode_ids_plain_non_ascii_fine \
    "$(! grep -q '"jos' ids.err; echo $?)" "$(grep jos ids.err)"

# --- joiners are kept but never drawn ---
# e4's name has a ZWJ inside an emoji sequence, p5's a ZWNJ. The emoji
# sequence is one shaped run (Symbola has no glyph for the sequence:
# HarfBuzz gives 👩 and 💻, nothing for the ZWJ), whose /ActualText
# gives the sequence back as written, ZWJ included.
for p in e4 p5; do
	pdftotext "out-nfc/people/$p/scorecard.pdf" - 2> /dev/null > "$p.txt"
done
n=$(cat p5.txt | grep -c "$(printf '\342\200\214\|\342\200\215')")
check unicode_joiners_not_drawn "$([ "$n" = 0 ]; echo $?)" \
    "$n lines with U+200C/U+200D drawn"
grep -qF "$(printf 'Ana \360\237\221\251\342\200\215\360\237\222\273 Ruiz')" e4.txt
check unicode_emoji_sequence_extracts $? "$(grep -m1 Ana e4.txt)"
grep -q "Mehrnaz" p5.txt
check unicode_zwnj_name_prints $? "$(grep -m1 Mehr p5.txt)"
check unicode_joiners_not_missing "$(! grep -q 'U+200[CD]' nfc.err; echo $?)" \
    "$(grep 'U+200' nfc.err)"

# --- a script no font covers: one warning per field and script ---
mk NFC deva
python3 - deva/roster.csv <<'EOF'
import sys
open(sys.argv[1], 'a', encoding='utf-8').write(
    'd1,అనిల్ కుమార్,m1,CSM II\n'        # line 8: 11 Telugu characters
    'd2,సునీత శర్మ,m1,CSM II\n'          # line 9: 9 (no shipped font has Telugu)
    'd3,\u05d3\u05e0\u05d4 Cohen,m1,CSM II\n')
EOF
$REVPACK build deva/cycle.yaml --out out-deva --docs form --quiet 2> deva.err
st=$?
n=$(grep -c 'in no configured font' deva.err)
grep -qxF 'deva/roster.csv:8: warning: column "name": 20 Telugu characters are in no configured font (U+0C05 "అ", U+0C28 "న", U+0C3F "ి", ...); they print as U+FFFD' deva.err
g=$?
check unicode_font_warning_grouped "$([ $g = 0 ] && [ "$n" = 1 ] && [ $st = 0 ]; echo $?)" \
    "exit $st, $n lines: $(grep 'font' deva.err | head -4)"
# the emoji outside the BMP (line 6) are Symbola's: no warning
check unicode_font_emoji_covered "$(! grep -q ':6:' deva.err; echo $?)" \
    "$(grep ':6:' deva.err)"

# --- a file name written decomposed, as macOS names files, still opens ---
mk NFC fname
python3 - fname <<'EOF2'
import os, sys, unicodedata
d = sys.argv[1]
n = unicodedata.normalize('NFD', 'Zoë-roster.csv')
os.rename(os.path.join(d, 'roster.csv'), os.path.join(d, n))
p = os.path.join(d, 'cycle.yaml')
s = open(p, encoding='utf-8').read().replace('roster: roster.csv', 'roster: ' + n)
open(p, 'w', encoding='utf-8').write(s)
EOF2
$REVPACK validate fname/cycle.yaml > /dev/null 2> fname.err
check unicode_nfd_file_name $? "$(head -3 fname.err)"
