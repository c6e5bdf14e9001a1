#!/bin/sh
# build_failures.sh: outputs that cannot be written (exit 3, naming the
# path and the system's reason, no temporaries or manifest left), SIGINT
# and SIGTERM (exit 130 / 143, temporaries in flight and the scratch
# folder removed), and a rerun sweeping its own shard's stale temporaries.
. "$TOP/tests/e2e/build_fixture.inc"
W=$TMPDIR/build_failures
rm -rf "$W"
make_cycle "$W/c"
cd "$W" || exit 1
mkdir scratch
export TMPDIR="$W/scratch"      # where the build makes its scratch folder

# --- exit 3 ---
touch afile
$FAKE c/cycle.yaml --out afile/out --quiet 2> err
st=$?
check build_out_under_a_file "$([ $st = 3 ] && grep -q '^afile/out: error: cannot write: Not a directory$' err; echo $?)" \
    "status $st: $(cat err)"

# A folder of the tree taken by a file: the run stops, says which, and
# leaves no temporary and no manifest (its absence says: incomplete).
$FAKE c/cycle.yaml --out mid --quiet 2>/dev/null
rm -rf mid/people/p3
touch mid/people/p3
$FAKE c/cycle.yaml --out mid --quiet 2> err
st=$?
check build_mid_run_write_error "$([ $st = 3 ] && grep -q '^mid/people/p3: error: cannot write: Not a directory$' err && [ ! -e mid/manifest.json ] && grep -q '^revpack: stopped after [0-9]* files in mid/; no manifest was written' err; echo $?)" \
    "status $st: $(cat err)"
left=$(find mid -name '*.tmp*')
check build_mid_run_no_temporaries "$([ -z "$left" ]; echo $?)" "$left"

# A renderer that fails: exit 3 with its message; nothing half-written.
BUILD_FAKE_FAIL=people/p2/coaching.pdf $FAKE c/cycle.yaml --out rf --jobs 3 --quiet 2> err
st=$?
check build_render_failure "$([ $st = 3 ] && grep -q 'people/p2/coaching.pdf: the test renderer fails here' err && [ ! -e rf/manifest.json ] && [ ! -e rf/people/p2/coaching.pdf ] && [ -z "$(find rf -name '*.tmp*')" ]; echo $?)" \
    "status $st: $(cat err)"

# A full file system (a 64 kB tmpfs; needs root, skipped otherwise).
mkdir small
if mount -t tmpfs -o size=64k tmpfs small 2>/dev/null; then
	$FAKE c/cycle.yaml --out small/out --quiet 2> err
	st=$?
	left=$(find small -name '*.tmp*')
	check build_disk_full "$([ $st = 3 ] && grep -q ': error: cannot write: No space left on device$' err && [ -z "$left" ] && [ ! -e small/out/manifest.json ]; echo $?)" \
	    "status $st: $(cat err) $left"
	umount small
else
	echo "note: build_disk_full skipped (cannot mount a tmpfs)" >&2
fi
check build_failures_leave_no_scratch "$([ -z "$(ls scratch)" ]; echo $?)" "$(ls scratch)"

# --- signals ---
# interrupt SIGNAL STATUS NAME: a slow build, a FIFO squatting the name of
# one temporary so that its writer blocks in open() with the temporary
# registered; the signal must remove it, end the run with STATUS and
# leave no temporary and no scratch folder.
interrupt() {
	out=sig$1
	rm -rf "$out"
	mkdir -p "$out/people/p1"
	BUILD_FAKE_SLOW_MS=50 sh -c 'mkfifo "$0/people/p1/.form.pdf.tmp-1of1-$$" &&
	    exec "$1" c/cycle.yaml --out "$0" --jobs 2 --quiet' "$out" "$FAKE" \
	    2> "err$1" &
	pid=$!
	i=0
	while [ $i -lt 100 ] && [ ! -f "$out/people/p1/scorecard.pdf" ]; do
		sleep 0.1
		i=$((i + 1))
	done
	sleep 0.3
	kill -"$1" $pid
	wait $pid
	st=$?
	left=$(find "$out" -name '*.tmp*')
	check "$3" "$([ $st = "$2" ] && [ -z "$left" ] && [ -z "$(ls scratch)" ] && grep -q 'interrupted; temporary files removed' "err$1" && [ ! -e "$out/manifest.json" ]; echo $?)" \
	    "status $st, left: $left $(ls scratch) $(cat "err$1")"
}
interrupt INT 130 build_sigint
interrupt TERM 143 build_sigterm
# After the interruption, a rerun completes.
$FAKE c/cycle.yaml --out sigINT --quiet 2>/dev/null
check build_rerun_after_interrupt "$([ -f sigINT/manifest.json ]; echo $?)" "no manifest"

# --- stale temporaries ---
# A killed run of this shard left temporaries (any pid): a rerun removes
# them; another shard's are left alone (it may be running right now).
mkdir -p stale/people/p1 stale/managers/m1
echo junk > stale/people/p1/.scorecard.pdf.tmp-1of1-99999
echo junk > stale/managers/m1/.team.pdf.tmp-1of1-4242
echo junk > stale/.aggregates.json.tmp-1of1-7
echo junk > stale/people/p1/.form.pdf.tmp-2of2-99999
echo junk > stale/people/p1/notes.txt
$FAKE c/cycle.yaml --out stale --quiet 2>/dev/null
left=$(cd stale && find . -name '*.tmp*' | LC_ALL=C sort | tr '\n' ' ')
check build_sweeps_own_stale_temporaries "$([ "$left" = "./people/p1/.form.pdf.tmp-2of2-99999 " ] && [ -f stale/people/p1/notes.txt ]; echo $?)" \
    "left: $left"
