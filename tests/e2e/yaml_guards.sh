#!/bin/sh
# yaml_guards.sh: hostile YAML (100,000 nested brackets, a billion-laughs
# alias bomb, a file over the size cap) is refused with exit 1, quickly.
# The bound asserted here is a generous 5 s; the measured time is printed.
# Uses $REVPACK and $TMPDIR (set by tests/run.sh).
: "${REVPACK:?}" "${TMPDIR:?}"
dir=$TMPDIR/yaml_guards
mkdir -p "$dir"

now() { date +%s.%N; }

# guard NAME FILE PATTERN: validate FILE under `timeout 5`; expects exit 1
# and a message matching PATTERN on stderr.
guard() {
	t0=$(now)
	timeout 5 "$REVPACK" validate "$2" > "$dir/$1.out" 2> "$dir/$1.err"
	st=$?
	t1=$(now)
	secs=$(echo "$t0 $t1" | awk '{ printf "%.3f", $2 - $1 }')
	if [ "$st" = 124 ]; then
		echo "FAIL $1: not refused within 5 s"
	elif [ "$st" != 1 ]; then
		echo "FAIL $1: exit status $st, expected 1"
		head -3 "$dir/$1.err"
	elif ! grep -q "$3" "$dir/$1.err"; then
		echo "FAIL $1: no message matching \"$3\":"
		head -3 "$dir/$1.err"
	else
		echo "ok $1 (refused in $secs s)"
	fi
}

# 100,000 nested flow sequences, and as many flow mappings, in a rubric.
awk 'BEGIN {
	printf "id: deep\ntitle: Deep\nscale: { levels: ";
	for (i = 0; i < 100000; i++) printf "[";
	for (i = 0; i < 100000; i++) printf "]";
	printf " }\ncategories: []\n";
}' > "$dir/deep.yaml"
guard yaml_deep_brackets "$dir/deep.yaml" "nested more than 64 levels deep"

awk 'BEGIN {
	printf "id: deep\ntitle: Deep\nscale: ";
	for (i = 0; i < 100000; i++) printf "{a: ";
	for (i = 0; i < 100000; i++) printf "}";
	printf "\ncategories: []\n";
}' > "$dir/deep-map.yaml"
guard yaml_deep_mappings "$dir/deep-map.yaml" "nested more than 64 levels deep"

# Billion laughs: a9 stands for 9^9 strings if aliases were expanded.
awk 'BEGIN {
	printf "id: lol\ntitle: Laughs\n";
	printf "a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
	for (i = 1; i <= 9; i++) {
		printf "a%d: &a%d [", i, i;
		for (j = 0; j < 9; j++) printf "%s*a%d", j ? "," : "", i - 1;
		printf "]\n";
	}
	printf "scale: { levels: [*a9, *a9] }\ncategories: [*a9, *a9, *a9]\n";
}' > "$dir/laughs.yaml"
guard yaml_alias_bomb "$dir/laughs.yaml" "anchors and aliases are not supported"

# A file one byte over the 2 MiB cap: refused before it is parsed.
awk 'BEGIN {
	printf "id: big\ntitle: Big\n";
	line = "# " sprintf("%97s", "") "\n";
	gsub(/ /, "x", line);
	for (n = 20; n + 100 <= 2097152 + 1 - 10; n += 100) printf "%s", line;
}' > "$dir/big.yaml"
size=$(wc -c < "$dir/big.yaml")
pad=$((2097152 + 1 - size))
head -c "$pad" /dev/zero | tr '\0' '#' >> "$dir/big.yaml"
guard yaml_size_cap "$dir/big.yaml" "bytes; a revpack YAML file may have at most 2097152"
