#!/bin/sh
# ingest_size_caps.sh: an input over the 512 MiB cap is refused before it
# is read, with one error naming the file, its size and the cap: a CSV
# file, and an .xlsx workbook given `type: xlsx` (which went to libzip
# whole). The files are sparse: they take no disk and no time, and a
# refusal that read them would show in the time limit.
. "$TOP/tests/e2e/report.inc"
W=$TMPDIR/ingest_size_caps
rm -rf "$W"
mkdir -p "$W"
cd "$W" || exit 1
F=$TOP/tests/fixtures/ingest
cat > cycle.yaml <<EOC
cycle: caps
title: Size caps
rubric: $F/rubric.yaml
template: $TOP/templates/default.yaml
roster: $F/roster.csv
ratings:
  - file: big.csv
  - file: big.xlsx
    type: xlsx
EOC
# a workbook's first bytes, then holes up to 600 MiB; a CSV of 1 GiB
printf 'PK\003\004' > big.xlsx
truncate -s 600M big.xlsx
truncate -s 1G big.csv
timeout 20 $REVPACK validate cycle.yaml > out 2> err
st=$?
check ingest_cap_csv "$([ $st = 1 ] && grep -qx 'big.csv: error: the file is 1024 MiB; revpack reads input files of at most 512 MiB (is it the right file?)' err; echo $?)" \
    "status $st: $(cat err)"
check ingest_cap_xlsx "$([ $st = 1 ] && grep -qx 'big.xlsx: error: the file is 600 MiB; revpack reads input files of at most 512 MiB (is it the right file?)' err; echo $?)" \
    "status $st: $(cat err)"
