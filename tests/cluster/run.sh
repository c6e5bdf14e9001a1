#!/bin/sh
# tests/cluster/run.sh: the sharding recipes of samples/shard/, run as a
# user runs them. A one-node Slurm cluster (slurmctld, slurmd, and munged
# for their authentication, all from Debian's packages) is started in a
# temporary folder with its own configuration, key, socket and ports;
# build.sbatch runs as a 4-task job array and merge.sbatch as the job that
# depends on it; a shard that fails must cancel the merge, and the rerun
# the README gives must complete it. Then parallel.sh runs the shards with
# GNU parallel (and -r after a failed shard), and the Kubernetes Jobs'
# container commands run as the Job controller would run them. Each merged
# folder must equal an unsharded build file for file, byte for byte
# (manifest.json included) and mode for mode. Everything started here is
# stopped, and the folder removed, on exit (KEEP=1 keeps the folder).
#
# Run by `make test-cluster` (which installs the packages) from the top of
# the tree; O and REVPACK as for tests/run.sh (REVPACK defaults to the
# release binary $O/revpack). Prints "ok NAME" / "FAIL NAME: why" and
# exits 1 when something failed.
O=${O:-build}
TOP=$(pwd)
REVPACK=$(realpath -e "${REVPACK:-$O/revpack}") ||
	{ echo "FAIL cluster: no revpack binary (make O=$O first)"; exit 1; }
export REVPACK
export LC_ALL=C.UTF-8
CYCLE=$TOP/samples/2026-H1/cycle.yaml
SHARD=$TOP/samples/shard
WAIT=${CLUSTER_WAIT:-180}	# seconds the jobs of one submission may take

T=$(mktemp -d "${TMPDIR:-/tmp}/revpack-cluster.XXXXXX") || exit 1
# munged wants every folder above its socket searchable by all.
chmod 755 "$T"
mkdir -p "$T/bin" "$T/jobs"
ln -s "$REVPACK" "$T/bin/revpack"
PATH=$T/bin:$PATH
export PATH
unset SOURCE_DATE_EPOCH REVPACK_CYCLE REVPACK_OUT REVPACK_SHARDS

nfail=0
ok() { echo "ok $1"; }
fail() { echo "FAIL $1: $2"; nfail=$((nfail + 1)); }
check() { if [ "$2" = 0 ]; then ok "$1"; else fail "$1" "$3"; fi; }

# ---------------------------------------------------------------------------
# The cluster.
munged_pid=
ctld_pid=
slurmd_pid=
cluster_up=

# stop: cancels what is queued, lets the jobs end, then stops the daemons
# this script started (by their process ids) and removes the folder.
stop() {
	if [ -n "$cluster_up" ] && kill -0 "$ctld_pid" 2>/dev/null; then
		scancel --quiet --user="$(id -un)" 2>/dev/null
		wait_for 10 queue_empty
	fi
	for p in $slurmd_pid $ctld_pid $munged_pid; do
		kill "$p" 2>/dev/null
	done
	for p in $slurmd_pid $ctld_pid $munged_pid; do
		i=0
		while kill -0 "$p" 2>/dev/null && [ $i -lt 20 ]; do
			sleep 0.5
			i=$((i + 1))
		done
		kill -9 "$p" 2>/dev/null
	done
	wait 2>/dev/null
	if [ -n "$KEEP" ]; then
		echo "kept $T" >&2
	else
		rm -rf "$T"
	fi
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# show_logs WHY: the end of every daemon's and job's log, for a failure.
show_logs() {
	for f in "$T"/munge/munged.log "$T"/slurm/log/* "$T"/jobs/*.out; do
		[ -s "$f" ] || continue
		echo "--- $f" >&2
		tail -15 "$f" >&2
	done
}

# free_port P: true when nothing listens on TCP port P (IPv4 or IPv6).
free_port() {
	hex=$(printf '%04X' "$1")
	! awk -v p=":$hex" 'NR > 1 && substr($2, length($2) - 4) == p && $4 == "0A" { f = 1 }
		END { exit !f }' /proc/net/tcp /proc/net/tcp6 2>/dev/null
}

# Two free ports next to each other, from a random start (several
# checkouts may run this test on one machine).
ports() {
	n=0
	while [ $n -lt 50 ]; do
		p=$((20000 + $(od -An -N2 -tu2 /dev/urandom) % 40000))
		if free_port $p && free_port $((p + 1)); then
			echo $p
			return 0
		fi
		n=$((n + 1))
	done
	return 1
}

# wait_for SECONDS COMMAND...: runs COMMAND every half second until it
# succeeds; false once SECONDS have passed (however long COMMAND takes).
wait_for() {
	end=$(($(date +%s) + $1))
	shift
	until "$@"; do
		[ "$(date +%s)" -ge "$end" ] && return 1
		sleep 0.5
	done
}

node_idle() { [ "$(sinfo -h -n localhost -o %t 2>/dev/null)" = idle ]; }
queue_empty() { [ -z "$(squeue -h 2>/dev/null)" ]; }

# start_cluster: munged, then slurmctld and slurmd, in $T; true once the
# node takes jobs.
start_cluster() {
	for c in munged mungekey slurmctld slurmd sbatch; do
		command -v $c >/dev/null 2>&1 || PATH=$PATH:/usr/sbin:/sbin
		command -v $c >/dev/null 2>&1 ||
			{ why="$c not found (make test-cluster installs it)"; return 1; }
	done
	if [ "$(id -u)" != 0 ]; then
		why="slurmd must run as root, to start jobs as their users"
		return 1
	fi
	mkdir -p "$T/munge" "$T/run" "$T/slurm/state" "$T/slurm/spool" "$T/slurm/log"
	chmod 700 "$T/munge"
	chmod 755 "$T/run"
	mungekey --create --keyfile="$T/munge/munge.key" 2>"$T/munge/mungekey.err" ||
		{ why="mungekey: $(cat "$T/munge/mungekey.err")"; return 1; }
	munged --foreground --key-file="$T/munge/munge.key" \
		--socket="$T/run/munge.socket" --pid-file="$T/run/munged.pid" \
		--seed-file="$T/munge/munged.seed" --log-file="$T/munge/munged.log" \
		2>>"$T/munge/munged.log" &
	munged_pid=$!
	wait_for 10 test -S "$T/run/munge.socket" ||
		{ why="munged did not start"; return 1; }

	port=$(ports) || { why="no two free TCP ports"; return 1; }
	# The node says it has 2 CPUs and 2 GB whatever the machine has
	# (config_overrides), so that the test behaves the same everywhere;
	# no cgroups, no accounting. The controller's address is given, as
	# a machine without /etc/hosts cannot look up "localhost".
	cat > "$T/slurm/slurm.conf" <<-EOF
	ClusterName=revpack-test
	SlurmctldHost=localhost(127.0.0.1)
	SlurmctldPort=$port
	SlurmdPort=$((port + 1))
	SlurmUser=$(id -un)
	AuthType=auth/munge
	CredType=cred/munge
	AuthInfo=socket=$T/run/munge.socket
	StateSaveLocation=$T/slurm/state
	SlurmdSpoolDir=$T/slurm/spool
	SlurmctldPidFile=$T/run/slurmctld.pid
	SlurmdPidFile=$T/run/slurmd.pid
	SlurmctldLogFile=$T/slurm/log/slurmctld.log
	SlurmdLogFile=$T/slurm/log/slurmd.log
	SlurmctldDebug=info
	SlurmdDebug=info
	MailProg=/bin/true
	ProctrackType=proctrack/linuxproc
	TaskPlugin=task/none
	JobAcctGatherType=jobacct_gather/none
	AccountingStorageType=accounting_storage/none
	JobCompType=jobcomp/none
	SwitchType=switch/none
	MpiDefault=none
	SelectType=select/cons_tres
	SelectTypeParameters=CR_CPU
	SlurmdParameters=config_overrides
	ReturnToService=2
	MinJobAge=600
	NodeName=localhost NodeAddr=127.0.0.1 CPUs=2 RealMemory=2048 State=UNKNOWN
	PartitionName=revpack Nodes=localhost Default=YES MaxTime=INFINITE State=UP
	EOF
	SLURM_CONF=$T/slurm/slurm.conf
	export SLURM_CONF
	slurmctld -D -f "$SLURM_CONF" > "$T/slurm/log/slurmctld.out" 2>&1 &
	ctld_pid=$!
	wait_for 20 scontrol ping >/dev/null 2>&1 ||
		{ why="slurmctld did not answer"; return 1; }
	slurmd -D -N localhost -f "$SLURM_CONF" > "$T/slurm/log/slurmd.out" 2>&1 &
	slurmd_pid=$!
	cluster_up=1
	wait_for 30 node_idle ||
		{ why="node not idle: $(sinfo -h -o '%t %E' 2>&1)"; return 1; }
}

# wait_jobs IDS: true when none of the jobs is queued or running any more,
# false after $WAIT seconds.
wait_jobs() {
	wait_for "$WAIT" sh -c '[ -z "$(squeue -h -j "$1" 2>/dev/null)" ]' sh "$1"
}

# job_states ID: "TASK STATE EXIT" per job (array tasks one by one).
job_states() {
	scontrol -o show job "$1" 2>/dev/null | tr ' ' '\n' |
		awk -F= '$1 == "ArrayTaskId" { t = $2 } $1 == "JobState" { s = $2 }
			$1 == "ExitCode" { print (t == "" ? "-" : t), s, $2; t = "" }'
}

# same_tree WHOLE SPLIT: "" when SPLIT holds the same files as WHOLE, with
# the same bytes and modes (the parts manifest.K-of-N.json left aside),
# else what differs.
same_tree() {
	(cd "$1" && find . -printf '%M %p\n' | LC_ALL=C sort) > "$T/tree.whole"
	(cd "$2" && find . ! -name 'manifest.*-of-*.json' -printf '%M %p\n' |
		LC_ALL=C sort) > "$T/tree.split"
	if ! cmp -s "$T/tree.whole" "$T/tree.split"; then
		diff "$T/tree.whole" "$T/tree.split" | sed -n '2,6p'
		return
	fi
	diff -r -q -x 'manifest.*-of-*.json' "$1" "$2" | head -5
}

# flaky PROGRAM ARGS MARK: writes PROGRAM, a revpack that logs its
# arguments to MARK.log and exits 3 the first time they contain ARGS.
flaky() {
	cat > "$1" <<-EOF
	#!/bin/sh
	echo "\$*" >> "$3.log"
	case "\$*" in
	*"$2"*) [ -e "$3.once" ] || { touch "$3.once"; exit 3; } ;;
	esac
	exec "$REVPACK" "\$@"
	EOF
	chmod +x "$1"
}

# ---------------------------------------------------------------------------
# The reference: one unsharded build. aggregates.json quotes the cycle's
# path in its warnings, so every build here names the cycle the same way.
# Without SOURCE_DATE_EPOCH the PDF dates are the cycle's review_date.
"$REVPACK" build "$CYCLE" --out "$T/whole" --quiet 2>"$T/whole.err"
st=$?
check cluster_unsharded_build "$st" "status $st: $(head -3 "$T/whole.err")"

if start_cluster; then
	ok slurm_cluster_started
	cd "$T/jobs" || exit 1

	# The job array and the merge that waits for it, as samples/shard/
	# tells: the node has 2 CPUs, so each shard gets one.
	export REVPACK_CYCLE="$CYCLE" REVPACK_OUT="$T/slurm-out" REVPACK_SHARDS=4
	jid=$(sbatch --parsable --array=1-4 --cpus-per-task=1 "$SHARD/build.sbatch" 2>&1)
	case $jid in *[!0-9]* | '') fail slurm_submit_array "$jid"; jid= ;; esac
	if [ -n "$jid" ]; then
		mid=$(sbatch --parsable --dependency=afterok:"$jid" "$SHARD/merge.sbatch" 2>&1)
		case $mid in *[!0-9]* | '') fail slurm_submit_merge "$mid"; mid=$jid ;; esac
		ok slurm_submit
		t0=$(date +%s)
		wait_jobs "$jid,$mid"
		check slurm_jobs_finish $? "still queued after ${WAIT}s: $(squeue -h 2>&1)"
		echo "slurm: array $jid and merge $mid done in $(($(date +%s) - t0))s" >&2
		states=$(job_states "$jid")
		good=$(echo "$states" | grep -c ' COMPLETED 0:0$')
		check slurm_array_4_tasks_completed "$([ "$good" = 4 ]; echo $?)" \
			"$(echo "$states" | tr '\n' ';')"
		mstate=$(job_states "$mid")
		check slurm_merge_completed "$([ "$mstate" = "- COMPLETED 0:0" ]; echo $?)" \
			"$mstate"
		n=$(ls "$T/slurm-out"/manifest.*-of-4.json 2>/dev/null | wc -l)
		check slurm_4_shard_manifests "$([ "$n" = 4 ]; echo $?)" "$n parts"
		d=$(same_tree "$T/whole" "$T/slurm-out")
		check slurm_merged_equals_unsharded "$([ -z "$d" ]; echo $?)" "$d"
		[ -n "$d$(echo "$states" | grep -v ' COMPLETED 0:0$')" ] && show_logs
	fi

	# A shard that fails once (status 3, as for a full disk): the merge
	# job must be cancelled, not left pending for ever, and write nothing.
	# Then the recovery samples/shard/README.md gives: submit that index
	# again, and the merge after it.
	mkdir -p "$T/flakybin"
	flaky "$T/flakybin/revpack" "--shard 2/2" "$T/slurm-flaky"
	jid=$(PATH="$T/flakybin:$PATH" REVPACK_OUT="$T/slurm-re" REVPACK_SHARDS=2 \
		sbatch --parsable --array=1-2 --cpus-per-task=1 "$SHARD/build.sbatch" 2>&1)
	mid=$(REVPACK_OUT="$T/slurm-re" \
		sbatch --parsable --dependency=afterok:"$jid" "$SHARD/merge.sbatch" 2>&1)
	case $jid$mid in
	*[!0-9]*) fail slurm_failed_shard_cancels_merge "sbatch: $jid $mid" ;;
	*)
		wait_jobs "$jid,$mid"
		mstate=$(job_states "$mid")
		states=$(job_states "$jid" | sort | tr '\n' ' ')
		check slurm_failed_shard_cancels_merge \
			"$([ "$states" = "1 COMPLETED 0:0 2 FAILED 3:0 " ] &&
				[ "${mstate#- CANCELLED}" != "$mstate" ] &&
				[ ! -e "$T/slurm-re/manifest.json" ]; echo $?)" \
			"shards: $states; merge: $mstate"
		jid=$(PATH="$T/flakybin:$PATH" REVPACK_OUT="$T/slurm-re" REVPACK_SHARDS=2 \
			sbatch --parsable --array=2 --cpus-per-task=1 "$SHARD/build.sbatch" 2>&1)
		mid=$(REVPACK_OUT="$T/slurm-re" \
			sbatch --parsable --dependency=afterok:"$jid" "$SHARD/merge.sbatch" 2>&1)
		wait_jobs "$jid,$mid"
		states=$(job_states "$jid" | tr '\n' ' ')
		d=$(same_tree "$T/whole" "$T/slurm-re")
		check slurm_rerun_shard_then_merge \
			"$([ "$states" = "2 COMPLETED 0:0 " ] &&
				[ "$(job_states "$mid")" = "- COMPLETED 0:0" ] && [ -z "$d" ]; echo $?)" \
			"rerun: $jid $states; merge: $mid $(job_states "$mid"); $d"
		;;
	esac
	cd "$TOP" || exit 1
else
	fail slurm_cluster_started "$why"
	show_logs
fi

# ---------------------------------------------------------------------------
# GNU parallel on this machine. With SOURCE_DATE_EPOCH set (so that it must
# reach every shard): the reference is built with it too.
export SOURCE_DATE_EPOCH=1790000000
"$REVPACK" build "$CYCLE" --out "$T/whole-sde" --quiet 2>/dev/null
d=$(same_tree "$T/whole" "$T/whole-sde")
check parallel_sde_changes_output "$([ -n "$d" ]; echo $?)" \
	"SOURCE_DATE_EPOCH made no difference: the check below would prove nothing"

export PARALLEL_HOME="$T/parallel-home"
mkdir -p "$PARALLEL_HOME"
sh "$SHARD/parallel.sh" "$CYCLE" "$T/par-out" 4 > "$T/par.out" 2> "$T/par.err"
st=$?
check parallel_local_4_shards "$st" "status $st: $(grep -v warning: "$T/par.err" | head -5)"
d=$(same_tree "$T/whole-sde" "$T/par-out")
check parallel_merged_equals_unsharded "$([ -z "$d" ]; echo $?)" "$d"

# -S: the shards one at a time per host (here ':', GNU parallel's name
# for this machine), through the code path that ssh hosts take.
sh "$SHARD/parallel.sh" -S : "$CYCLE" "$T/par-s" 4 > "$T/par-s.out" 2> "$T/par-s.err"
st=$?
d=$(same_tree "$T/whole-sde" "$T/par-s")
check parallel_sshlogin_path "$([ $st = 0 ] && [ -z "$d" ]; echo $?)" \
	"status $st: $(grep -v warning: "$T/par-s.err" | head -3) $d"

# A shard that fails once: parallel.sh stops without merging; -r reruns
# only that shard, then merges.
flaky "$T/bin/flaky" "--shard 3/4" "$T/flaky"
REVPACK=$T/bin/flaky sh "$SHARD/parallel.sh" "$CYCLE" "$T/par-r" 4 > /dev/null 2>&1
st=$?
check parallel_failed_shard_stops "$([ $st = 3 ] && [ ! -e "$T/par-r/manifest.json" ]; echo $?)" \
	"status $st (expected 3); $(ls "$T/par-r" 2>&1 | grep -c manifest) manifest files"
: > "$T/flaky.log"
REVPACK=$T/bin/flaky sh "$SHARD/parallel.sh" -r "$CYCLE" "$T/par-r" 4 > /dev/null 2> "$T/par-r.err"
st=$?
reran=$(grep -o 'shard [0-9]*/4\|^manifest' "$T/flaky.log" | tr '\n' ' ')
d=$(same_tree "$T/whole-sde" "$T/par-r")
check parallel_resume_reruns_failed_shard \
	"$([ $st = 0 ] && [ "$reran" = "shard 3/4 manifest " ] && [ -z "$d" ]; echo $?)" \
	"status $st; reran: $reran; $d $(grep -v warning: "$T/par-r.err" | head -3)"

# ---------------------------------------------------------------------------
# Kubernetes cannot run here; what can be checked is that the containers'
# commands, run as the Job controller runs them (index K = 0..N-1 in
# JOB_COMPLETION_INDEX, the CPU request rounded up in REVPACK_JOBS), give
# shards 1..N of N and a merge equal to the unsharded build. /data paths
# are mapped to this test's folders.
python3 - "$SHARD" "$CYCLE" "$T/k8s-out" > "$T/k8s.sh" 2> "$T/k8s.err" <<'PY'
import math, shlex, sys, yaml
shard, cycle, out = sys.argv[1:]
b = yaml.safe_load(open(shard + "/revpack-build.yaml"))
m = yaml.safe_load(open(shard + "/revpack-manifest.yaml"))
spec = b["spec"]
assert b["kind"] == "Job" and spec["completionMode"] == "Indexed", "not an Indexed Job"
n = spec["completions"]
assert spec["parallelism"] <= n, "parallelism above completions"
c = spec["template"]["spec"]["containers"][0]
env = {}
for e in c.get("env", []):
    ref = e.get("valueFrom", {}).get("resourceFieldRef")
    assert ref and ref["resource"] == "requests.cpu", "unexpected env " + e["name"]
    q = str(c["resources"]["requests"]["cpu"])
    env[e["name"]] = str(math.ceil(int(q[:-1]) / 1000 if q.endswith("m") else float(q)))
def words(container):
    ws = container["command"] + container.get("args", [])
    # Kubernetes itself turns $$ into $ in command and args.
    assert not any("$$" in w for w in ws), "$$ in command or args"
    return " ".join(shlex.quote(w.replace("/data/cycles/2026-H1/cycle.yaml", cycle)
                                 .replace("/data/out/2026-H1", out)) for w in ws)
for k in range(n):
    print(" ".join("%s=%s" % kv for kv in env.items()), "JOB_COMPLETION_INDEX=%d" % k,
          words(c), "|| exit 1")
print(words(m["spec"]["template"]["spec"]["containers"][0]))
PY
st=$?
if [ $st = 0 ]; then
	sh "$T/k8s.sh" > /dev/null 2> "$T/k8s.err"
	st=$?
fi
d=$(same_tree "$T/whole-sde" "$T/k8s-out" 2>&1)
check k8s_job_commands_shard_and_merge "$([ $st = 0 ] && [ -z "$d" ]; echo $?)" \
	"status $st: $(grep -v warning: "$T/k8s.err" | tail -3) $d"

[ "$nfail" = 0 ]
