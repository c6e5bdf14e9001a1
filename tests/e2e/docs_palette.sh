#!/bin/sh
# docs_palette.sh: the status colours survive grayscale print and
# red-green colour blindness, with every shipped template: red, yellow and
# green differ by 20 or more in CIE L* pair by pair (what a grayscale
# printer keeps of them), every status colour in a heatmap comes with a
# key and a mark (a triangle for red, a bar for yellow), and text drawn on a status colour (heatmap cells, chips) has a
# contrast of 4.5:1 or more (WCAG 2). Read from the heatmap specimen that
# tools/laydump lays out with each template.
: "${O:=build}" "${TOP:=$(pwd)}" "${TMPDIR:=/tmp}"
. "$TOP/tests/e2e/report.inc"
case $O in /*) B=$O ;; *) B=$TOP/$O ;; esac
W=$TMPDIR/docs_palette
mkdir -p "$W"
for t in "$TOP"/templates/*.yaml; do
	name=$(basename "$t" .yaml)
	if ! "$B/tools/laydump" -t "$t" -d org heatmap > "$W/$name" 2>/dev/null; then
		fail "docs_palette_$name" "laydump failed"
		continue
	fi
	why=$(python3 - "$W/$name" <<'PY'
import re, sys

def lin(c):
    c /= 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

def rgb(h):
    return [int(h[i:i + 2], 16) for i in (1, 3, 5)]

def lum(h):
    r, g, b = (lin(c) for c in rgb(h))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b

def lstar(h):
    y = lum(h)
    return 116 * y ** (1 / 3) - 16 if y > 216 / 24389 else 24389 / 27 * y

def contrast(a, b):
    x, y = sorted((lum(a), lum(b)), reverse=True)
    return (x + 0.05) / (y + 0.05)

lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
key = {}
rects = []
for i, l in enumerate(lines):
    m = re.match(r'\s*text \S+ \S+ \S+ \S+ \S+ fill \S+ "(Red|Yellow|Green)"$', l)
    if m and m.group(1) not in key:
        for j in range(i - 1, max(i - 4, -1), -1):
            r = re.match(r'\s*rect .* fill (#[0-9a-f]{6})$', lines[j])
            if r:
                key[m.group(1)] = r.group(1)
                break
bad = []
if len(key) != 3:
    print("no key of the three statuses: found %s" % sorted(key))
    sys.exit(0)
for a, b in (("Red", "Yellow"), ("Yellow", "Green"), ("Red", "Green")):
    d = abs(lstar(key[a]) - lstar(key[b]))
    if d < 20:
        bad.append("L* of %s %s and %s %s differ by %.1f" % (a, key[a], b, key[b], d))
status = set(key.values())
cur = None
low = None
for l in lines:
    r = re.match(r'\s*rect (\S+) (\S+) (\S+) (\S+) fill (#[0-9a-f]{6})$', l)
    if r:
        x, y, w, h = map(float, r.groups()[:4])
        cur = (x, y, w, h, r.group(5)) if r.group(5) in status else None
        continue
    t = re.match(r'\s*text (\S+) (\S+) \S+ \S+ \S+ fill (#[0-9a-f]{6}) "(.*)"$', l)
    if t and cur:
        x, y = float(t.group(1)), float(t.group(2))
        cx, cy, cw, ch, fill = cur
        if cx - 0.5 <= x <= cx + cw and cy - 0.5 <= y <= cy + ch:
            c = contrast(t.group(3), fill)
            if low is None or c < low[0]:
                low = (c, t.group(3), fill, t.group(4))
# a mark besides the colour: red a triangle (poly), yellow a bar (line)
unmarked = 0
for i, l in enumerate(lines[:-1]):
    r = re.match(r'\s*rect .* fill (#[0-9a-f]{6})$', l)
    if r and r.group(1) == key["Red"] and not lines[i + 1].lstrip().startswith("poly"):
        unmarked += 1
    if r and r.group(1) == key["Yellow"] and not lines[i + 1].lstrip().startswith("line"):
        unmarked += 1
if unmarked:
    bad.append("%d red or yellow boxes carry their status by colour alone" % unmarked)
if low is None:
    bad.append("no text on a status colour to measure")
elif low[0] < 4.5:
    bad.append("text %s on %s (%r) has contrast %.2f:1" % (low[1], low[2], low[3], low[0]))
print("; ".join(bad))
PY
)
	check "docs_palette_$name" "$([ -z "$why" ]; echo $?)" "$why"
done
