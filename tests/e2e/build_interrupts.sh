#!/bin/sh
# build_interrupts.sh: signals during a build (issue 17, item 3; the
# long version is tests/stress/interrupts.sh). SIGTERM and SIGHUP at a
# few moments exit 143 / 129 saying so, and leave no temporary under
# --out and no scratch folder; a file grown past `ulimit -f` (SIGXFSZ)
# is a write error (exit 3, the file named, no temporary); the scratch
# folder a kill -9 left is removed by the next run, while a live
# process's is left alone.
. "$TOP/tests/e2e/build_fixture.inc"
W=$TMPDIR/build_interrupts
GEN=$TOP/$O/tools/genorg
rm -rf "$W"
mkdir -p "$W/tmp"
cd "$W" || exit 1
"$GEN" 150 org --rubric "$TOP/rubrics/csm-scorecard.yaml" > /dev/null ||
    { fail build_interrupts "genorg failed"; exit 0; }

# interrupt SIG MS: a build into o (removed first), SIG after MS ms.
# Prints the status; stderr in err.
interrupt() {
	rm -rf o
	TMPDIR=$W/tmp $REVPACK build org/cycle.yaml --out o --jobs 2 --quiet 2> err &
	pid=$!
	sleep "$(awk -v m="$2" 'BEGIN { printf "%.3f", m / 1000 }')"
	kill -s "$1" $pid 2> /dev/null
	wait $pid
	echo $?
}

# finished: the build had written every file and its manifest
finished() {
	[ -f o/manifest.json ] && python3 -c 'import json, sys; json.load(open("o/manifest.json"))' 2> /dev/null
}

clean() {
	[ -z "$(find o -name '.*.tmp-*' 2> /dev/null)" ] && [ -z "$(ls tmp)" ]
}

# the moments: fractions of a full build's duration
t0=$(date +%s%N)
TMPDIR=$W/tmp $REVPACK build org/cycle.yaml --out o --jobs 2 --quiet 2> /dev/null
full=$(( ($(date +%s%N) - t0) / 1000000 ))
rm -rf tmp/*

for pc in 10 45 80; do
	ms=$((full * pc / 100))
	st=$(interrupt TERM $ms)
	# 143 without the message: the signal came after the last file
	# and the manifest were in place (the watcher has stopped; the
	# default action ends the process), which leaves nothing to remove
	check "build_sigterm_at_${pc}pc" "$({ [ "$st" = 143 ] && grep -q 'interrupted; temporary files removed' err || [ "$st" = 0 ] || { [ "$st" = 143 ] && finished; }; } && clean; echo $?)" \
	    "status $st: $(cat err); left: $(find o -name '.*.tmp-*'; ls tmp)"
	rm -rf tmp/*
done
for pc in 25 60; do
	ms=$((full * pc / 100))
	st=$(interrupt HUP $ms)
	check "build_sighup_at_${pc}pc" "$({ [ "$st" = 129 ] && grep -q 'interrupted; temporary files removed' err || [ "$st" = 0 ] || { [ "$st" = 129 ] && finished; }; } && clean; echo $?)" \
	    "status $st: $(cat err); left: $(find o -name '.*.tmp-*'; ls tmp)"
	rm -rf tmp/*
done

# ulimit -f 64: 32 kB, less than a packet; in a subshell, so the limit
# stays there.
rm -rf o
(ulimit -f 64; TMPDIR=$W/tmp exec $REVPACK build org/cycle.yaml --out o --jobs 2 --quiet 2> err)
st=$?
check build_sigxfsz_exit_3 "$([ $st = 3 ] && grep -q '^o/.*: error: cannot write: File too large' err && clean; echo $?)" \
    "status $st: $(cat err); left: $(find o -name '.*.tmp-*'; ls tmp)"
rm -rf tmp/*

# A scratch folder of a dead process (the pid of a finished sh) goes, a
# live one's (this shell's) stays, as does a folder not named like ours.
sh -c 'exit 0' & dead=$!
wait $dead
mkdir -p "tmp/revpack.$dead.AbC123/deck" "tmp/revpack.$$.XyZ789" tmp/revpack.other
echo font > "tmp/revpack.$dead.AbC123/deck/f.ttf"
rm -rf o
TMPDIR=$W/tmp $REVPACK build org/cycle.yaml --out o --quiet 2> err
st=$?
check build_stale_scratch_swept "$([ $st = 0 ] && [ ! -e "tmp/revpack.$dead.AbC123" ] && [ -d "tmp/revpack.$$.XyZ789" ] && [ -d tmp/revpack.other ]; echo $?)" \
    "status $st: $(cat err); tmp: $(ls tmp)"
