#!/bin/sh
# tests/lint.sh: the code style's bans (src/README.md, "Rules every file
# follows"), each third-party library used from one file only, and
# mandoc -Tlint on the manual pages. Prints what it finds; exits 1 if
# anything.
cd "$(dirname "$0")/.." || exit 2
bad=0
say() { echo "lint: $*"; bad=1; }

# Banned calls (bounded or checked forms exist for each).
grep -nE '(^|[^a-z_])(sprintf|vsprintf|strcpy|strcat|strtok|atoi|atol|atof|gets)[[:space:]]*\(' \
	src/*.c src/*.h tests/unit/*.c tests/fuzz/*.c tests/tools/*.c 2>/dev/null |
	grep -v '^\S*:[0-9]*:\s*\*' | while read -r l; do echo "lint: banned call: $l"; done | grep . && bad=1

# struct name, not typedefs (function-pointer types excepted).
grep -nE '^\s*typedef ' src/*.c src/*.h | grep -vE 'typedef [a-z_ ]+\(\*' |
	while read -r l; do echo "lint: typedef: $l"; done | grep . && bad=1

# No assignment inside a condition: if ((x = f())), while ((c = ...)).
grep -nE '(if|while) \(\(?[a-zA-Z_][a-zA-Z0-9_>.-]* = ' src/*.c |
	while read -r l; do echo "lint: assignment in condition: $l"; done | grep . && bad=1

# Each third-party header from one file only.
for h in '<hpdf' '<csv.h>' '<yaml.h>' '<qpdf/' '<hb' '<fontconfig/' '<zlib.h>' '<iconv.h>' \
	'<libdeflate.h>' '<zip.h>' '<expat.h>' '<unicode/' '<xlsxwriter'; do
	n=$(grep -l "#include $h" src/*.c src/*.h 2>/dev/null | wc -l)
	[ "$n" -gt 1 ] && say "$h is included from $n files: $(grep -l "#include $h" src/*.c src/*.h | tr '\n' ' ')"
done

# Every source file opens with a sentence saying what it is for.
for f in src/*.c src/*.h; do
	head -1 "$f" | grep -q '^/\*' || say "$f does not open with a comment"
done

# The manual pages: mandoc -Tlint clean, except that the pages' references
# to one another (.Xr) are not found among the installed manuals until
# `make install` has put them there.
if command -v mandoc >/dev/null 2>&1; then
	(cd src && mandoc -Tlint revpack.1 revpack-cycle.5 revpack-rubric.5 revpack-template.5) 2>&1 |
	    grep -vE 'STYLE: referenced manual not found: Xr revpack(-cycle 5|-rubric 5|-template 5| 1)( \([0-9]+ times\))?$' |
	    while read -r l; do echo "lint: $l"; done | grep . && bad=1
else
	say "mandoc is not installed, so the manual pages were not checked (Debian: make deps)"
fi

[ "$bad" = 0 ] && echo "lint: clean"
exit $bad
