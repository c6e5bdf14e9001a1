#!/bin/sh
# tests/demo.sh: what `make demo` does: the sample cycle into out/.
REVPACK=${1:-./revpack}
set -e
for r in rubrics/*.yaml; do
	[ -f "$r" ] && "$REVPACK" validate "$r"
done
