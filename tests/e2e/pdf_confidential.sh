#!/bin/sh
# pdf_confidential.sh: a document's embedded fonts name only characters the
# document itself prints. Builds the sample cycle; for every PDF, every
# embedded font's program (its cmap, glyph count, OS/2 character range and
# Unicode ranges, post glyph names) and its PDF objects (/W or /Widths,
# CIDToGIDMap, CIDSet, ToUnicode) must name no character outside the
# document's own
# text (pdftotext) plus the few characters layout prints itself (digits,
# ASCII punctuation, dashes, quotes, bullets, arrows, the placeholder).
# Then changes another person's name to add new characters to the run, and
# checks that a person's files keep their bytes. Prints "ok NAME" /
# "FAIL NAME: why".
T=$TMPDIR/pdf_confidential
rm -rf "$T"
mkdir -p "$T"

. "$TOP/tests/e2e/report.inc"

# A copy of the samples with the paths cycle.yaml refers to.
mkdir -p "$T/w/samples"
cp -r "$TOP/samples/2026-H1" "$TOP/samples/2025-H2" "$T/w/samples/"
cp -r "$TOP/rubrics" "$TOP/templates" "$T/w/"

if ! $REVPACK build "$T/w/samples/2026-H1/cycle.yaml" --out "$T/a" --quiet \
    2> "$T/a.err"; then
	fail pdf_conf_build "$(head -3 "$T/a.err")"
	exit 1
fi

cat > "$T/check.py" <<'EOF'
# check.py PDF...: prints one line per font that names a character its
# document does not print; exit status 1 when any does.
import base64, json, re, struct, subprocess, sys

LAYOUT = set(range(0x20, 0x7F)) - set(range(0x41, 0x5B)) - set(range(0x61, 0x7B))
LAYOUT |= {0xA0, 0xB7, 0xD7, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D,
           0x2022, 0x2026, 0x2191, 0x2193, 0x2212, 0xFFFD}

def tables(b, off=0):
    n = struct.unpack('>H', b[off + 4:off + 6])[0]
    t = {}
    for i in range(n):
        tag, _, o, l = struct.unpack('>4sIII', b[off + 12 + 16 * i:off + 28 + 16 * i])
        t[tag.decode('latin1')] = b[o:o + l]
    return t

def cmap_cps(cmap, code_cps):
    """Every code point a subtable maps to a glyph other than 0: Unicode
    subtables name code points; the symbol (3,0) and Macintosh (1,0)
    subtables of a font drawn with 1-byte codes name codes (U+F0xx for
    code xx), which name characters through code_cps (the ToUnicode)."""
    cps = set()
    n = struct.unpack('>H', cmap[2:4])[0]
    for i in range(n):
        pid, eid, off = struct.unpack('>HHI', cmap[4 + 8 * i:12 + 8 * i])
        st = cmap[off:]
        fmt = struct.unpack('>H', st[:2])[0]
        if (pid, eid) in ((3, 0), (1, 0)):
            for c in cmap_cps_of(st, fmt):
                code = c & 0xFF if pid == 3 and 0xF000 <= c <= 0xF0FF else c
                cps |= set(code_cps(code))
        else:
            cps |= cmap_cps_of(st, fmt)
    return cps

def cmap4_pairs(st):
    """(code, glyph) for every code a format 4 subtable maps to a glyph
    other than 0."""
    segs = struct.unpack('>H', st[6:8])[0] // 2
    ends = struct.unpack('>%dH' % segs, st[14:14 + 2 * segs])
    p = 16 + 2 * segs
    starts = struct.unpack('>%dH' % segs, st[p:p + 2 * segs])
    deltas = struct.unpack('>%dH' % segs, st[p + 2 * segs:p + 4 * segs])
    ro = p + 4 * segs
    for s in range(segs):
        r = struct.unpack('>H', st[ro + 2 * s:ro + 2 * s + 2])[0]
        for c in range(starts[s], ends[s] + 1):
            if r == 0:
                g = (c + deltas[s]) & 0xFFFF
            else:
                at = ro + 2 * s + r + 2 * (c - starts[s])
                g = struct.unpack('>H', st[at:at + 2])[0]
                g = (g + deltas[s]) & 0xFFFF if g else 0
            if g:
                yield c, g

def cmap_cps_of(st, fmt):
    """The codes one subtable maps to a glyph other than 0."""
    cps = set()
    if fmt == 4:
        cps |= {c for c, g in cmap4_pairs(st)}
    elif fmt == 12:
        ng = struct.unpack('>I', st[12:16])[0]
        for k in range(ng):
            lo, hi, g = struct.unpack('>III', st[16 + 12 * k:28 + 12 * k])
            cps |= {c for c in range(lo, hi + 1) if g + c - lo}
    elif fmt == 0:
        cps |= {c for c in range(256) if st[6 + c]}
    elif fmt == 6:
        first, cnt = struct.unpack('>HH', st[6:10])
        gl = struct.unpack('>%dH' % cnt, st[10:10 + 2 * cnt])
        cps |= {first + k for k in range(cnt) if gl[k]}
    return cps

def glyph_count_extra(t, cps):
    """Glyph slots a font holds beyond .notdef, its cmap's glyphs and
    their components: room kept for other documents' characters."""
    ng = struct.unpack('>H', t['maxp'][4:6])[0]
    long_loca = struct.unpack('>h', t['head'][50:52])[0]
    loca = t['loca']
    offs = (struct.unpack('>%dI' % (ng + 1), loca[:4 * (ng + 1)]) if long_loca
            else [2 * x for x in struct.unpack('>%dH' % (ng + 1), loca[:2 * (ng + 1)])])
    glyf = t['glyf']
    return ng, offs, glyf

def parse_tounicode(data):
    """cid -> list of code points; a bfrange over a whole 256-code block
    mapped onto itself is generic and names nothing."""
    m, generic = {}, set()
    text = data.decode('latin1')
    for sec in re.findall(r'beginbfchar(.*?)endbfchar', text, re.S):
        for a, b in re.findall(r'<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>', sec):
            m[int(a, 16)] = utf16(b)
    for sec in re.findall(r'beginbfrange(.*?)endbfrange', text, re.S):
        for a, b, rest in re.findall(r'<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])', sec):
            lo, hi = int(a, 16), int(b, 16)
            if rest.startswith('['):
                for k, d in enumerate(re.findall(r'<([0-9A-Fa-f]+)>', rest)):
                    m[lo + k] = utf16(d)
                continue
            d = int(rest[1:-1], 16)
            if lo & 0xFF == 0 and hi & 0xFF == 0xFF and d == lo:
                generic.add(lo >> 8)
                continue
            for k in range(hi - lo + 1):
                m[lo + k] = [d + k]
    return m, generic

def utf16(h):
    b = bytes.fromhex(h)
    return [ord(c) for c in b.decode('utf-16-be', 'replace')]

def original_ranges(t):
    """ulUnicodeRange of the installed font this one was made from, or
    None when fontconfig does not find it."""
    name = t.get('name')
    fam = sub = None
    if name:
        cnt, so = struct.unpack('>HH', name[2:6])
        for k in range(cnt):
            pid, eid, lid, nid, ln, off = struct.unpack('>6H', name[6 + 12 * k:18 + 12 * k])
            s = name[so + off:so + off + ln]
            s = s.decode('utf-16-be', 'replace') if pid in (0, 3) else s.decode('latin1')
            if nid == 1 and fam is None:
                fam = s
            if nid == 2 and sub is None:
                sub = s
    if fam is None:
        return None
    fam = re.sub(r'^[A-Z]{6}\+', '', fam)
    r = subprocess.run(['fc-match', '-f', '%{file}\n%{index}\n%{family}',
                        '%s:style=%s' % (fam, sub or 'Regular')],
                       capture_output=True, text=True)
    lines = r.stdout.split('\n')
    if len(lines) < 3 or fam not in lines[2]:
        return None
    b = open(lines[0], 'rb').read()
    off = 0
    if b[:4] == b'ttcf':
        off = struct.unpack('>I', b[12 + 4 * int(lines[1]):16 + 4 * int(lines[1])])[0]
    os2 = tables(b, off).get('OS/2')
    return os2[42:58] if os2 else None

def ref(v):
    return v if isinstance(v, str) and v.endswith(' R') else None

def check(path, cache):
    txt = subprocess.run(['pdftotext', '-enc', 'UTF-8', path, '-'],
                         capture_output=True).stdout.decode('utf-8')
    allowed = {ord(c) for c in txt} | LAYOUT
    js = subprocess.run(['qpdf', '--json=2', '--json-stream-data=inline',
                         '--decode-level=generalized', path, '-'],
                        capture_output=True).stdout
    objs = json.loads(js)['qpdf'][1]
    def obj(r):
        return objs.get('obj:' + r, {})
    def val(r):
        o = obj(r)
        return o['stream']['dict'] if 'stream' in o else o.get('value')
    def data(r):
        o = obj(r)
        return base64.b64decode(o['stream'].get('data', '')) if 'stream' in o else b''
    bad = []
    for key, o in objs.items():
        v = o.get('value')
        if not isinstance(v, dict) or v.get('/Subtype') not in ('/Type0', '/TrueType'):
            continue
        simple = v.get('/Subtype') == '/TrueType'
        font = v.get('/BaseFont', key)
        named = {}          # code point -> where it is named
        tu, generic = ({}, set())
        if ref(v.get('/ToUnicode')):
            tu, generic = parse_tounicode(data(v['/ToUnicode']))
            for cps in tu.values():
                for c in cps:
                    named.setdefault(c, 'ToUnicode')
        def cid_cps(cid):
            return tu.get(cid, [cid])
        if simple:
            # a simple font: /Widths for codes /FirstChar.. /LastChar
            cidf = v
            first = v.get('/FirstChar', 0)
            for k in range(len(v.get('/Widths', []))):
                for c in cid_cps(first + k):
                    named.setdefault(c, '/Widths')
        else:
            cidf = val(v['/DescendantFonts'][0]) if ref(v['/DescendantFonts'][0]) else v['/DescendantFonts'][0]
        w = cidf.get('/W', [])
        i = 0
        while i < len(w):
            if isinstance(w[i + 1], list):
                cids = range(w[i], w[i] + len(w[i + 1]))
                i += 2
            else:
                cids = range(w[i], w[i + 1] + 1)
                i += 3
            for cid in cids:
                for c in cid_cps(cid):
                    named.setdefault(c, '/W')
        m = cidf.get('/CIDToGIDMap')
        if ref(m):
            mp = data(m)
            for cid in range(len(mp) // 2):
                if mp[2 * cid] or mp[2 * cid + 1]:
                    for c in cid_cps(cid):
                        named.setdefault(c, 'CIDToGIDMap')
        desc = val(cidf['/FontDescriptor'])
        if ref(desc.get('/CIDSet')):
            cs = data(desc['/CIDSet'])
            for cid in range(8 * len(cs)):
                if cid and cs[cid >> 3] & (0x80 >> (cid & 7)):
                    for c in cid_cps(cid):
                        named.setdefault(c, 'CIDSet')
        prog = data(desc['/FontFile2']) if ref(desc.get('/FontFile2')) else b''
        if prog:
            t = tables(prog)
            cps = cmap_cps(t['cmap'], cid_cps)
            for c in cps:
                named.setdefault(c, 'cmap')
            os2 = t.get('OS/2')
            if os2 and len(os2) >= 68:
                for c in struct.unpack('>HH', os2[64:68]):
                    if simple and 0xF000 <= c <= 0xF0FF:
                        for d in cid_cps(c & 0xFF):     # a symbol code
                            named.setdefault(d, 'OS/2 char index')
                    elif c != 0xFFFF:
                        named.setdefault(c, 'OS/2 char index')
                fam = t.get('name', b'')
                if fam not in cache:
                    cache[fam] = original_ranges(t)
                if cache[fam] is not None and cache[fam] != os2[42:58]:
                    bad.append('%s %s: OS/2 Unicode ranges %s differ from the '
                               'installed font\'s %s' % (path, font, os2[42:58].hex(),
                                                         cache[fam].hex()))
            post = t.get('post', b'')
            if len(post) >= 4 and struct.unpack('>I', post[:4])[0] == 0x00020000:
                bad.append('%s %s: post table with glyph names' % (path, font))
            # Glyph slots: .notdef, the cmap's glyphs and their components.
            ng, offs, glyf = glyph_count_extra(t, cps)
            reach = set()
            todo = [0]
            # the cmap's glyphs, through the same parse
            gids = set()
            sub_t = t['cmap']
            n = struct.unpack('>H', sub_t[2:4])[0]
            for k in range(n):
                off = struct.unpack('>I', sub_t[8 + 8 * k:12 + 8 * k])[0]
                st = sub_t[off:]
                if struct.unpack('>H', st[:2])[0] != 4:
                    continue
                todo.extend(g for c, g in cmap4_pairs(st))
            while todo:
                g = todo.pop()
                if g in reach or g >= ng:
                    continue
                reach.add(g)
                q = glyf[offs[g]:offs[g + 1]]
                if len(q) >= 10 and struct.unpack('>h', q[:2])[0] < 0:
                    at = 10
                    while True:
                        fl, cg = struct.unpack('>HH', q[at:at + 4])
                        todo.append(cg)
                        at += 4 + (4 if fl & 1 else 2)
                        at += 2 if fl & 8 else 4 if fl & 0x40 else 8 if fl & 0x80 else 0
                        if not fl & 0x20:
                            break
            if ng > len(reach):
                bad.append('%s %s: %d glyph slots, %d in use' % (path, font, ng, len(reach)))
        extra = sorted(c for c in named if c not in allowed)
        if extra:
            bad.append('%s %s names %d characters the document does not print, '
                       'e.g. %s' % (path, font, len(extra), ', '.join(
                           '%s U+%04X (%s)' % (chr(c), c, named[c]) for c in extra[:6])))
    return bad

bad, cache = [], {}
for p in sys.argv[1:]:
    bad += check(p, cache)
for line in bad:
    print(line)
sys.exit(1 if bad else 0)
EOF

find "$T/a" -name '*.pdf' | sort > "$T/files"
n=$(wc -l < "$T/files")
if [ "$n" -lt 100 ]; then
	fail pdf_conf_fonts_name_own_text "only $n PDFs built"
elif python3 "$T/check.py" $(cat "$T/files") > "$T/bad" 2>&1; then
	ok pdf_conf_fonts_name_own_text
else
	fail pdf_conf_fonts_name_own_text "$(wc -l < "$T/bad") fonts, e.g. $(head -3 "$T/bad" | sed "s|$T/a/||")"
fi

# The files stay valid: qpdf finds nothing, poppler warns about nothing.
bad=
while IFS= read -r f; do
	qpdf --check "$f" > /dev/null 2>&1 || bad="$bad qpdf:${f#"$T/a/"}"
	pdftotext "$f" /dev/null 2> "$T/pt.err"
	pdffonts "$f" > /dev/null 2>> "$T/pt.err"
	[ -s "$T/pt.err" ] && bad="$bad poppler:${f#"$T/a/"}:$(head -1 "$T/pt.err")"
done < "$T/files"
[ -z "$bad" ] && ok pdf_conf_valid || fail pdf_conf_valid "$bad"

# --only renders the same bytes as the whole run.
$REVPACK build "$T/w/samples/2026-H1/cycle.yaml" --out "$T/o" --only cs-010 \
    --quiet 2> "$T/o.err"
diff=
for f in "$T"/a/people/cs-010/*.pdf; do
	cmp -s "$f" "$T/o/${f#"$T/a/"}" || diff="$diff ${f#"$T/a/"}"
done
[ -z "$diff" ] && [ -f "$T/o/people/cs-010/scorecard.pdf" ] &&
    ok pdf_conf_only_same_bytes || fail pdf_conf_only_same_bytes "differ:$diff"

# Other people's text never changes a person's bytes: give someone
# outside cs-010's team (Дмитрий Волков, cs-020) a name with characters
# no one else has, in every face (Latin, Greek, CJK, Hangul).
sed -i 's/^cs-020,Дмитрий Волков,/cs-020,Дмитрий Ŵ Ωψ 龍鳳 힣 Волков,/' \
    "$T/w/samples/2026-H1/roster.csv"
grep -q '龍鳳' "$T/w/samples/2026-H1/roster.csv" || fail pdf_conf_setup "the roster did not change"
$REVPACK build "$T/w/samples/2026-H1/cycle.yaml" --out "$T/b" --quiet 2> "$T/b.err"
diff=
for f in "$T"/a/people/cs-010/*.pdf "$T"/a/people/cs-011/*.pdf "$T"/a/managers/cs-002/*.pdf; do
	g=$T/b/${f#"$T/a/"}
	cmp -s "$f" "$g" || diff="$diff ${f#"$T/a/"}"
done
if [ -z "$diff" ] && [ -f "$T/b/people/cs-010/scorecard.pdf" ]; then
	ok pdf_conf_bytes_own_text
else
	fail pdf_conf_bytes_own_text "changed by someone else's name:$diff"
fi
# ... and the new name reaches cs-020's own files.
if pdftotext -enc UTF-8 "$T/b/people/cs-020/scorecard.pdf" - 2>/dev/null |
    grep -q -F 'Ŵ Ωψ 龍鳳 힣'; then
	ok pdf_conf_new_name_prints
else
	fail pdf_conf_new_name_prints "$(pdftotext "$T/b/people/cs-020/scorecard.pdf" - 2>&1 | head -5)"
fi
