#!/bin/sh
# build_passwords.sh: --passwords FILE: every file carrying someone's data
# is AES-256 (R6) encrypted with its owner's password (a manager's files
# with the manager's, the organisation's and departments' with "*"); the
# rubric documents are not; a missing password stops the run before
# anything is written; passwords never appear in any output or message.
. "$TOP/tests/e2e/build_fixture.inc"
W=$TMPDIR/build_passwords
rm -rf "$W"
make_cycle "$W/c"
cd "$W" || exit 1

ids="m1 m2 m3 p1 p2 p3 p4 u1 s1 s2 s3 s4"
{
	echo "id,password"
	for i in $ids; do echo "$i,Pw-$i-Zq7"; done
	echo '*,Pw-org-Zq7'
} > pw.csv
chmod 600 pw.csv

$FAKE c/cycle.yaml --out plain --quiet 2>/dev/null
$FAKE c/cycle.yaml --out enc --passwords pw.csv --quiet 2> err
st=$?
check build_passwords_runs "$st" \
    "status $st: $(cat err)"
check build_passwords_no_mode_warning "$(! grep -q 'readable by group' err; echo $?)" "$(cat err)"

qpdf --requires-password enc/people/p1/scorecard.pdf
check build_encrypted_requires_password $? "qpdf --requires-password"
qpdf --show-encryption --password=Pw-p1-Zq7 enc/people/p1/scorecard.pdf > enc.txt 2>&1
check build_encrypted_is_aes256_r6 "$(grep -q '^R = 6$' enc.txt && grep -qi 'AESv3' enc.txt; echo $?)" \
    "$(cat enc.txt)"
pdftotext -upw Pw-p1-Zq7 enc/people/p1/scorecard.pdf - > t.enc 2>/dev/null
pdftotext plain/people/p1/scorecard.pdf - > t.plain
check build_encrypted_opens_with_password "$(grep -q 'Scorecard of cycle T-2026' t.enc && cmp -s t.enc t.plain; echo $?)" \
    "$(head -2 t.enc)"
pdftotext enc/people/p1/scorecard.pdf - > /dev/null 2>&1
check build_encrypted_refuses_no_password "$([ $? != 0 ]; echo $?)" "opened without a password"
pdftotext -upw Pw-p2-Zq7 enc/people/p1/scorecard.pdf - > /dev/null 2>&1
check build_encrypted_refuses_other_password "$([ $? != 0 ]; echo $?)" "opened with p2's password"

# Whose password opens what.
bad=
while read -r f pw; do
	pdftotext -upw "$pw" "enc/$f" - > /dev/null 2>&1 || bad="$bad $f"
done <<EOL
people/u1/form.pdf Pw-u1-Zq7
managers/m1/team.pdf Pw-m1-Zq7
managers/m2/packet.pdf Pw-m2-Zq7
people/m2/scorecard.pdf Pw-m2-Zq7
org.pdf Pw-org-Zq7
departments/sales.pdf Pw-org-Zq7
EOL
check build_encrypted_owners "$([ -z "$bad" ]; echo $?)" "did not open:$bad"
pdftotext -upw Pw-p1-Zq7 enc/managers/m1/team.pdf - > /dev/null 2>&1
check build_manager_file_not_reports_password "$([ $? != 0 ]; echo $?)" "m1's team opened with p1's password"

# The rubric documents are not encrypted, and identical to a plain build.
same=0
for f in handout.pdf deck.pdf blank-form.pdf aggregates.json aggregates.csv; do
	cmp -s "enc/$f" "plain/$f" || same=1
done
qpdf --requires-password enc/handout.pdf
rq=$?
check build_rubric_docs_not_encrypted "$([ $same = 0 ] && [ $rq = 2 ]; echo $?)" \
    "differs ($same) or qpdf says $rq"

# The manifest says which files are encrypted, and every one is.
bad=$(py - enc <<'PY'
import json, sys
m = json.load(open(sys.argv[1] + "/manifest.json"))
for f in m["files"]:
    p = f["path"]
    want = p.startswith(("people/", "managers/", "departments/")) or p == "org.pdf"
    if f["encrypted"] != want:
        print(p, f["encrypted"])
PY
)
check build_manifest_says_encrypted "$([ -z "$bad" ]; echo $?)" "$bad"

# No password anywhere: outputs, manifest, messages.
found=$(grep -rlaF -e Pw-p1-Zq7 -e Pw-org-Zq7 -e Pw-m1-Zq7 enc err 2>/dev/null)
check build_passwords_never_written "$([ -z "$found" ]; echo $?)" "$found"

# --- a missing password stops the run before anything is written ---
grep -v '^p2,\|^\*,\|^s4,' pw.csv > pw2.csv
chmod 600 pw2.csv
$FAKE c/cycle.yaml --out miss --passwords pw2.csv --quiet 2> err
st=$?
check build_missing_passwords "$([ $st = 1 ] && [ ! -e miss ] && grep -q 'no password for 3 ids whose files are to be encrypted: \*, p2, s4' err; echo $?)" \
    "status $st: $(cat err)"
# ... but only the files this run writes need one.
$FAKE c/cycle.yaml --out onlyp1 --only p1 --passwords pw2.csv --quiet 2> err
st=$?
check build_only_needs_its_passwords "$([ $st = 0 ]; echo $?)" "status $st: $(cat err)"

# --- the passwords file itself ---
chmod 644 pw.csv
$FAKE c/cycle.yaml --out loose --only p1 --passwords pw.csv --quiet 2> err
st=$?
check build_passwords_mode_warning "$([ $st = 0 ] && grep -q '^pw.csv: warning: readable by group or others (mode 0644)' err; echo $?)" \
    "status $st: $(cat err)"
chmod 600 pw.csv

printf 'p1,Hidden-Zq7\np2,Other-Zq7\n' > nohead.csv
$FAKE c/cycle.yaml --out nh --passwords nohead.csv --quiet 2> err
st=$?
check build_passwords_no_header "$([ $st = 1 ] && [ ! -e nh ] && grep -q 'header row lacks the column id' err && ! grep -q 'Hidden-Zq7' err; echo $?)" \
    "status $st: $(cat err)"
# A headerless file whose first row has the CSV reader quote its cells.
printf 'p1,Hidden-Zq7,Hidden-Zq7\n' > dup.csv
$FAKE c/cycle.yaml --out nh --passwords dup.csv --quiet 2> err
st=$?
check build_passwords_header_cells_withheld "$([ $st = 1 ] && ! grep -q 'Hidden-Zq7' err; echo $?)" \
    "status $st: $(cat err)"

printf 'id,password\np1,\np2,Two-Zq7\np2,Again-Zq7\nghost,G-Zq7\n' > bad.csv
$FAKE c/cycle.yaml --out bad --passwords bad.csv --quiet 2> err
st=$?
check build_passwords_bad_rows "$([ $st = 1 ] && [ ! -e bad ] && grep -q '^bad.csv:2: error: column "password": empty for id "p1"' err && grep -q '^bad.csv:4: error: column "id": "p2" has a password already at line 3' err && grep -q '^bad.csv:5: warning: column "id": "ghost" is not in the roster' err && ! grep -q 'Zq7' err; echo $?)" \
    "status $st: $(cat err)"
