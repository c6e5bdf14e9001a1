#!/bin/sh
# build_hostile.sh: inputs an unlucky operator gives, each of which once
# broke revpack: a template whose logo path is absolute (a use after
# free), an empty --out or -o (a read past a 1-byte buffer), a password
# longer than PDF encryption takes (files nobody could open), and a FIFO
# given as any input file (revpack blocked forever in open()).
. "$TOP/tests/e2e/build_fixture.inc"
W=$TMPDIR/build_hostile
rm -rf "$W"
make_cycle "$W/c"
cd "$W" || exit 1

# --- a logo given by its absolute path ---
cat > abs-logo.yaml <<EOT
page: { size: A4 }
logo: { file: $TOP/templates/logo.png, height: 16mm }
header: { logo: true }
EOT
$REVPACK handout "$TOP/rubrics/csm-scorecard.yaml" --template abs-logo.yaml -o abs.pdf 2> err
st=$?
check hostile_logo_absolute_path "$([ $st = 0 ] && [ ! -s err ] && pdfimages -list abs.pdf 2>/dev/null | grep -q ' image ' ; echo $?)" \
    "status $st: $(head -c 300 err)"
sed "s|^template:.*|template: $W/abs-logo.yaml|" c/cycle.yaml > c/abs.yaml
$REVPACK build c/abs.yaml --out absout --docs scorecard --jobs 2 --quiet 2> err
st=$?
check hostile_logo_absolute_path_build "$([ $st = 0 ] && pdfimages -list absout/people/p1/scorecard.pdf 2>/dev/null | grep -q ' image '; echo $?)" \
    "status $st: $(head -c 300 err)"

# --- empty paths on the command line ---
for args in "--out=" "--out ''" "--passwords ''" "--only ''"; do
	eval "\$REVPACK build c/cycle.yaml $args" > /dev/null 2> err
	st=$?
	check "hostile_empty_option_build $args" "$([ $st = 2 ] && grep -q 'empty value' err && [ ! -e out ]; echo $?)" "status $st: $(cat err)"
done
$REVPACK aggregate c/cycle.yaml -o '' > /dev/null 2> err
st=$?
check hostile_empty_output_aggregate "$([ $st = 2 ] && grep -q 'empty value' err; echo $?)" "status $st: $(cat err)"
$REVPACK handout "$TOP/rubrics/csm-scorecard.yaml" -o '' 2> err
st=$?
check hostile_empty_output_handout "$([ $st = 2 ]; echo $?)" "status $st: $(cat err)"
$REVPACK validate '' 2> err
st=$?
check hostile_empty_file_argument "$([ $st = 2 ] && grep -q 'empty argument' err; echo $?)" "status $st: $(cat err)"

# --- passwords PDF encryption cannot take ---
long=$(printf 'x%.0s' $(seq 1 128))
# others: a password for every id but m1.
others() { tail -n +2 c/roster.csv | cut -d, -f1 | grep -v '^m1$' | sed 's/$/,secret/'; }
{ printf 'id,password\n*,orgsecret\nm1,%s\n' "$long"; others; } > pw.csv
chmod 600 pw.csv
$REVPACK build c/cycle.yaml --out pwout --passwords pw.csv --quiet 2> err
st=$?
check hostile_password_too_long "$([ $st = 1 ] && grep -q '^pw.csv:3: error: column "password": the password for id "m1" is 128 bytes long; expected at most 127 bytes' err && [ ! -e pwout ]; echo $?)" \
    "status $st: $(cat err)"
{ printf 'id,password\n*,orgsecret\nm1,%s\n' "${long#x}"; others; } > pw.csv
$REVPACK build c/cycle.yaml --out pwout --passwords pw.csv --docs team --quiet 2> err
st=$?
check hostile_password_127_opens "$([ $st = 0 ] && qpdf --password="${long#x}" --check pwout/managers/m1/team.pdf > /dev/null 2>&1; echo $?)" \
    "status $st: $(cat err)"

# --- a FIFO as any input: refused at once, never waited on ---
# fifo_as NAME FILE CMD...: FILE (relative to c/) replaced by a FIFO;
# CMD must exit 1 within 10 s saying what FILE is.
fifo_as() {
	name=$1 file=$2
	shift 2
	cp "c/$file" "c/$file.real"
	rm "c/$file"
	mkfifo "c/$file"
	timeout 10 "$@" > /dev/null 2> err
	st=$?
	rm "c/$file"
	mv "c/$file.real" "c/$file"
	check "$name" "$([ $st = 1 ] && grep -q "named pipe (FIFO)" err; echo $?)" "status $st: $(cat err)"
}
printf 'id,password\n*,orgsecret\n' > pw.csv
cp pw.csv c/pw.csv
fifo_as hostile_fifo_cycle cycle.yaml $REVPACK build c/cycle.yaml --out f1 --quiet
fifo_as hostile_fifo_roster roster.csv $REVPACK build c/cycle.yaml --out f2 --quiet
fifo_as hostile_fifo_ratings ratings.csv $REVPACK validate c/cycle.yaml
fifo_as hostile_fifo_template template.yaml $REVPACK build c/cycle.yaml --out f3 --quiet
fifo_as hostile_fifo_passwords pw.csv $REVPACK build c/cycle.yaml --out f4 --passwords c/pw.csv --quiet
check hostile_fifo_nothing_written "$([ ! -e f1 ] && [ ! -e f2 ] && [ ! -e f3 ] && [ ! -e f4 ]; echo $?)" "$(ls)"
