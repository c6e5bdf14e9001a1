#!/bin/sh
# build_shard.sh: --shard K/N splits the files by the stable hash of the
# person's (or manager's) id; shards run at the same time into one folder
# write exactly the files of one unsharded build, and `revpack manifest`
# then gives exactly its manifest.json.
. "$TOP/tests/e2e/build_fixture.inc"
W=$TMPDIR/build_shard
rm -rf "$W"
make_cycle "$W/c"
cd "$W" || exit 1

$FAKE c/cycle.yaml --out whole --quiet 2>/dev/null
# The two shards at once, into one folder, with slow renderers so that
# their temporaries are in flight together.
BUILD_FAKE_SLOW_MS=5 $FAKE c/cycle.yaml --out split --shard 1/2 --quiet 2> e1 &
p1=$!
BUILD_FAKE_SLOW_MS=5 $FAKE c/cycle.yaml --out split --shard 2/2 --quiet 2> e2 &
p2=$!
wait $p1
s1=$?
wait $p2
s2=$?
check build_shards_run_together "$([ $s1 = 0 ] && [ $s2 = 0 ]; echo $?)" \
    "statuses $s1 $s2: $(cat e1 e2)"
check build_shards_write_parts "$([ -f split/manifest.1-of-2.json ] && [ -f split/manifest.2-of-2.json ] && [ ! -e split/manifest.json ]; echo $?)" \
    "$(ls split)"

# Shard 2 wrote no aggregates and no organisation or rubric documents.
grep -q '"aggregates.json"\|"org.pdf"\|"handout.pdf"\|departments/' \
    split/manifest.2-of-2.json
check build_shard2_no_group_files "$([ $? = 1 ]; echo $?)" \
    "$(grep -o '"path": "[a-z-]*\.[a-z]*"' split/manifest.2-of-2.json)"

# Each person's and manager's files are in the shard of their id.
bad=$(py - split <<'PY'
import json, sys
def fnv(s):
    h = 0xcbf29ce484222325
    for b in s.encode():
        h = ((h ^ b) * 0x100000001b3) & 0xffffffffffffffff
    return h
for k in (1, 2):
    m = json.load(open("%s/manifest.%d-of-2.json" % (sys.argv[1], k)))
    assert m["shard"] == {"k": k, "n": 2}, m["shard"]
    for f in m["files"]:
        p = f["path"].split("/")
        if p[0] in ("people", "managers") and fnv(p[1]) % 2 + 1 != k:
            print(f["path"], "in shard", k)
PY
)
check build_shard_by_id_hash "$([ -z "$bad" ]; echo $?)" "$bad"
# Both shards are non-empty on this roster, so the test means something.
n1=$(grep -c '"people/' split/manifest.1-of-2.json)
n2=$(grep -c '"people/' split/manifest.2-of-2.json)
check build_shards_both_used "$([ "$n1" -gt 0 ] && [ "$n2" -gt 0 ]; echo $?)" "$n1 / $n2"

$REVPACK manifest split 2> merr
st=$?
check manifest_merge_status "$st" "status $st: $(cat merr)"
cmp -s split/manifest.json whole/manifest.json
check manifest_merge_equals_unsharded $? "$(diff whole/manifest.json split/manifest.json | head -5)"
tree whole > t.whole
tree split | grep -v '/manifest\.[0-9]*-of-2\.json ' > t.split
cmp -s t.whole t.split
check build_shards_same_files_as_unsharded $? "$(diff t.whole t.split | head -5)"
left=$(find split -name '*.tmp*')
check build_shards_no_temporaries "$([ -z "$left" ]; echo $?)" "$left"

# --shard with --only: the intersection; the merge of such runs equals an
# unsharded --only run's manifest.
$FAKE c/cycle.yaml --out o1 --only p1,p2,s1,m1 --quiet 2>/dev/null
for k in 1 2 3; do
	$FAKE c/cycle.yaml --out o3 --only p1,p2,s1,m1 --shard $k/3 --quiet 2>/dev/null
done
$REVPACK manifest o3 2>/dev/null
cmp -s o1/manifest.json o3/manifest.json
check manifest_merge_only_runs $? "$(diff o1/manifest.json o3/manifest.json | head -5)"
