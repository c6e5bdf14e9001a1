#!/bin/sh
# manifest_merge.sh: `revpack manifest OUTDIR` refuses, with a message
# naming what is wrong, to merge an incomplete or mixed set of parts, and
# writes nothing then.
. "$TOP/tests/e2e/build_fixture.inc"
W=$TMPDIR/manifest_merge
rm -rf "$W"
make_cycle "$W/c"
cd "$W" || exit 1

for k in 1 3; do
	$FAKE c/cycle.yaml --out d --shard $k/4 --quiet 2>/dev/null
done
$REVPACK manifest d 2> err
st=$?
check manifest_missing_shards "$([ $st = 1 ] && [ ! -e d/manifest.json ] && grep -q 'shards 2, 4 of 4 not done yet' err; echo $?)" \
    "status $st: $(cat err)"

$FAKE c/cycle.yaml --out d --shard 2/3 --quiet 2>/dev/null
$REVPACK manifest d 2> err
st=$?
check manifest_mixed_n "$([ $st = 1 ] && [ ! -e d/manifest.json ] && grep -q 'different N' err; echo $?)" \
    "status $st: $(cat err)"

# Every part present, but one from a run with other --docs.
rm -f d/manifest.2-of-3.json
$FAKE c/cycle.yaml --out d --shard 2/4 --docs form --quiet 2>/dev/null
$FAKE c/cycle.yaml --out d --shard 4/4 --quiet 2>/dev/null
$REVPACK manifest d 2> err
st=$?
check manifest_mixed_options "$([ $st = 1 ] && [ ! -e d/manifest.json ] && grep -q 'manifest.2-of-4.json: error: built with other --docs or --only' err; echo $?)" \
    "status $st: $(cat err)"

$FAKE c/cycle.yaml --out d --shard 2/4 --quiet 2>/dev/null
$REVPACK manifest d 2> err
st=$?
check manifest_complete_set "$([ $st = 0 ] && [ -f d/manifest.json ]; echo $?)" \
    "status $st: $(cat err)"

# A damaged part is named with line and column.
sed -i 's/"bytes": \([0-9]*\)/"bytes": -\1/' d/manifest.3-of-4.json
rm -f d/manifest.json
$REVPACK manifest d 2> err
st=$?
check manifest_damaged_part "$([ $st = 1 ] && [ ! -e d/manifest.json ] && grep -q 'manifest.3-of-4.json:[0-9]*:[0-9]*: error: ' err; echo $?)" \
    "status $st: $(cat err)"

# A part whose content disagrees with its name.
$FAKE c/cycle.yaml --out d --shard 3/4 --quiet 2>/dev/null
cp d/manifest.3-of-4.json d/keep
sed 's/"k": 3/"k": 1/' d/keep > d/manifest.3-of-4.json
$REVPACK manifest d 2> err
st=$?
check manifest_part_name_mismatch "$([ $st = 1 ] && grep -q 'says it is shard 1 of 4' err; echo $?)" \
    "status $st: $(cat err)"
mv d/keep d/manifest.3-of-4.json

# An unsharded folder: nothing to merge, and that is fine.
$FAKE c/cycle.yaml --out u --quiet 2>/dev/null
cp u/manifest.json u.before
$REVPACK manifest u 2> err
st=$?
check manifest_unsharded_folder "$([ $st = 0 ] && cmp -s u/manifest.json u.before; echo $?)" \
    "status $st: $(cat err)"
mkdir empty
$REVPACK manifest empty 2> err
st=$?
check manifest_no_parts "$([ $st = 1 ] && grep -q 'no manifest.K-of-N.json' err; echo $?)" \
    "status $st: $(cat err)"
$REVPACK manifest nowhere 2> err
st=$?
check manifest_no_folder "$([ $st = 1 ] && grep -q '^nowhere: error: cannot read the folder' err; echo $?)" \
    "status $st: $(cat err)"
# A manifest.json that cannot be written: exit 3, naming the path.
rm -f d/manifest.json
mkdir d/manifest.json
$REVPACK manifest d 2> err
st=$?
check manifest_cannot_write "$([ $st = 3 ] && grep -q '^d/manifest.json: error: cannot write: ' err; echo $?)" \
    "status $st: $(cat err)"
