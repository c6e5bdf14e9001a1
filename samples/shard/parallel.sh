#!/bin/sh
# parallel.sh: one revpack build split into shards with GNU parallel, on
# this machine or on other machines over ssh, then `revpack manifest`.
#
#   parallel.sh [-S HOST,HOST...] [-r] CYCLE.yaml OUTDIR [SHARDS]
#
# Without -S the SHARDS (default 4) shards run here at the same time, the
# cores shared between them: a check that a split build equals a whole one.
# With -S each host runs one shard at a time (revpack uses all its cores);
# the hosts need revpack and perl, and CYCLE.yaml and OUTDIR at the same
# paths (shared storage, e.g. NFS). HOST is anything `ssh` takes (user@host);
# N/HOST runs N shards at a time there. SOURCE_DATE_EPOCH, when set, is
# passed to every shard.
#
# Every run keeps a job log in OUTDIR.joblog. When a shard fails, the
# others that are running finish, no new one starts, and the script exits
# with that shard's status, without merging. Fix the cause and run it again
# with -r and the same arguments: only the failed and unstarted shards run,
# then the merge.
#
# REVPACK names the program (default: revpack, from PATH on every host).
usage="usage: parallel.sh [-S HOST,HOST...] [-r] CYCLE.yaml OUTDIR [SHARDS]"
hosts=
resume=
while getopts S:r opt; do
	case $opt in
	S) hosts=$OPTARG ;;
	r) resume=--resume-failed ;;
	*) echo "$usage" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# = 2 ] || [ $# = 3 ] || { echo "$usage" >&2; exit 2; }
shards=${3:-4}
case $shards in
'' | *[!0-9]* | 0) echo "parallel.sh: SHARDS must be a number from 1" >&2; exit 2 ;;
esac
command -v parallel >/dev/null 2>&1 ||
	{ echo "parallel.sh: GNU parallel is not installed" >&2; exit 2; }
revpack=${REVPACK:-revpack}

# Absolute paths, so that a remote shell (which starts in its home folder)
# finds them too.
cycle=$(realpath -se -- "$1") || exit 2
out=$(realpath -sm -- "$2") || exit 2
mkdir -p -- "$(dirname -- "$out")" || exit 3

set -- --joblog "$out.joblog" --halt soon,fail=1 $resume
if [ -n "$hosts" ]; then
	# One shard at a time per host unless the host says N/.
	logins=$(printf '%s\n' "$hosts" | tr ',' '\n' |
		sed '/^$/d; /^[0-9][0-9]*\//!s|^|1/|' | paste -sd, -)
	set -- "$@" -S "$logins"
	[ -n "${SOURCE_DATE_EPOCH+set}" ] && set -- "$@" --env SOURCE_DATE_EPOCH
	per=
else
	# Here: all shards at once, each with its share of the cores.
	per=$(($(nproc) / shards))
	[ "$per" -ge 1 ] || per=1
	set -- "$@" -j "$shards"
fi

# -q quotes every word for the shell (also the remote one), {} is the
# shard number.
parallel "$@" -q "$revpack" build "$cycle" --out "$out" \
	--shard "{}/$shards" ${per:+--jobs "$per"} --quiet \
	::: $(seq 1 "$shards") || {
	st=$?
	echo "parallel.sh: a shard failed (see $out.joblog); fix it, then rerun with -r" >&2
	exit "$st"
}
exec "$revpack" manifest "$out"
