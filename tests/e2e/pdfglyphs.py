#!/usr/bin/env python3
"""pdfglyphs.py: the glyphs a revpack PDF draws for a text, for
tests/e2e/shaping.sh and scripts20.sh. Usage: pdfglyphs.py HBSHAPE PDF TEXT,
or pdfglyphs.py --lines PDF: the text of each line as drawn (the texts
of its text-showing operators in drawing order, i.e. in visual order),
one a line.

Reads each page's content stream, and for every text-showing operator
the text it extracts as (the /ActualText of its marked-content span, or
its codes through the font's ToUnicode map) and the glyphs it draws
(code = glyph id in the embedded font program: revpack's simple fonts
draw glyph c with code c, its Type0 fonts are Identity-H with
CIDToGIDMap /Identity). Finds the first operator (or run of consecutive
operators on one line) whose text is TEXT, and prints the outline hash
of each glyph it draws (HBSHAPE --gids on the embedded program), one a
line, so that they can be compared with `hbshape --outlines FONT TEXT`.
An operator that draws one code per character and holds TEXT as a word
(a word inside a run of a simple font) gives that slice of its glyphs.
With PDFGLYPHS_FONT set, only operators whose font's /BaseFont holds
that string count (the bold face's drawing of a name that also appears
in the regular face). Exit 1 when TEXT is not drawn."""
import os
import re
import subprocess
import sys
import tempfile
import zlib

if sys.argv[1] == '--lines':
    hbshape, path, want = None, sys.argv[2], None
else:
    hbshape, path, want = sys.argv[1], sys.argv[2], sys.argv[3]
data = open(path, 'rb').read()
objs = {}
for m in re.finditer(rb'(\d+) 0 obj\s*(<<.*?>>)\s*(stream\r?\n|endobj)',
                     data, re.S):
    body = None
    if m.group(3).startswith(b'stream'):
        end = data.index(b'endstream', m.end())
        raw = data[m.end():end]
        try:
            body = zlib.decompressobj().decompress(raw)
        except zlib.error:
            body = raw
    objs[int(m.group(1))] = (m.group(2), body)


def ref(d, key):
    m = re.search(rb'/' + key + rb' (\d+) 0 R', d)
    return int(m.group(1)) if m else None


def tounicode(font):
    """code -> text, from the font's ToUnicode CMap."""
    cmap = objs[ref(objs[font][0], b'ToUnicode')][1].decode('latin-1')
    out = {}
    for blk in re.findall(r'beginbfrange\n(.*?)endbfrange', cmap, re.S):
        for a, b, u in re.findall(r'<(\w+)> <(\w+)> <(\w+)>', blk):
            for k in range(int(a, 16), int(b, 16) + 1):
                out[k] = chr(int(u, 16) + k - int(a, 16))
    for blk in re.findall(r'beginbfchar\n(.*?)endbfchar', cmap, re.S):
        for a, u in re.findall(r'<(\w+)> <(\w+)>', blk):
            out[int(a, 16)] = bytes.fromhex(u).decode('utf-16-be')
    return out


progs = {}


def program(font):
    """The embedded font program of `font`, written to a file."""
    if font not in progs:
        d = objs[font][0]
        if b'/Type0' in d:
            d = objs[int(re.search(rb'/DescendantFonts \[ ?(\d+) 0 R', d)
                             .group(1))][0]
        desc = objs[ref(d, b'FontDescriptor')][0]
        f = tempfile.NamedTemporaryFile(suffix='.ttf', delete=False)
        f.write(objs[ref(desc, b'FontFile2')][1])
        f.close()
        progs[font] = f.name
    return progs[font]


def literal(s, i):
    """The bytes of the literal string starting after '(' at s[i]."""
    out = bytearray()
    esc = {ord('n'): 10, ord('r'): 13}
    while s[i] != ord(')'):
        if s[i] == ord('\\'):
            i += 1
            out.append(esc.get(s[i], s[i]))
        else:
            out.append(s[i])
        i += 1
    return bytes(out), i + 1


ops = []        # (page, y, text, font object, [codes])
for pobj, (d, _) in sorted(objs.items()):
    if not re.search(rb'/Type /Page\b', d):
        continue
    fonts = {n.decode(): int(o) for n, o in
             re.findall(rb'/(F\d+) (\d+) 0 R', d)}
    s = objs[ref(d, b'Contents')][1] or b''
    i, font, actual, span, y = 0, None, None, False, 0.0
    tok = re.compile(rb'/(F\d+) [\d.]+ Tf|/Span <</ActualText <([0-9A-F]*)>>>'
                     rb' BDC|EMC|(-?[\d.]+) (-?[\d.]+) Td|\(|\[')
    while True:
        m = tok.search(s, i)
        if not m:
            break
        i = m.end()
        if m.group(1):
            font = fonts[m.group(1).decode()]
        elif m.group(2) is not None:
            actual = bytes.fromhex(m.group(2).decode())[2:].decode('utf-16-be')
            span = False
        elif m.group(0) == b'EMC':
            actual = None
        elif m.group(3):
            y += float(m.group(4))
        else:
            two = b'/Type0' in objs[font][0]
            if m.group(0) == b'(':
                raw, i = literal(s, i)
            else:
                end = s.index(b']', i)
                raw = b''.join(bytes.fromhex(h.decode()) for h in
                               re.findall(rb'<([0-9A-F]+)>', s[i:end]))
                for q in re.finditer(rb'\(', s[i:end]):
                    raw += literal(s, i + q.end())[0]
                i = end + 1
            codes = ([raw[k] << 8 | raw[k + 1] for k in range(0, len(raw), 2)]
                     if two else list(raw))
            if actual is not None and span:
                # one span, several TJ (text rise between them): one op
                ops[-1][4].extend(codes)
                continue
            if actual is not None:
                text = actual
                span = True
            else:
                tu = tounicode(font)
                text = ''.join(tu.get(c, '\ufffd') for c in codes)
            ops.append((pobj, round(y, 2), text, font, codes))

if want is None:
    lines = []
    for page, y, text, _, _ in ops:
        if lines and lines[-1][:2] == [page, y]:
            lines[-1][2] += text
        else:
            lines.append([page, y, text])
    for line in lines:
        print(line[2])
    sys.exit(0)


def show(drawn):
    """Prints the outline hash of each glyph of drawn: (font, codes)."""
    for font, codes in drawn:
        sys.stdout.write(subprocess.run(
            [hbshape, '--gids', program(font)] + [str(c) for c in codes],
            check=True, capture_output=True, text=True).stdout)


def word_in(text, codes):
    """The codes that draw `want` as a word (no letter or digit on either
    side) inside an operator of one code per character, or None."""
    if len(text) != len(codes):
        return None
    m = re.search(r'(?<!\w)' + re.escape(want) + r'(?!\w)', text)
    return codes[m.start():m.end()] if m else None


# the first operator, or run of operators on one line, that draws
# `want`, or else holds it as a word
only = os.environ.get('PDFGLYPHS_FONT', '').encode()
for a in range(len(ops)):
    if only and only not in re.search(rb'/BaseFont /(\S+)',
                                      objs[ops[a][3]][0]).group(1):
        continue
    text, drawn = '', []
    for b in range(a, len(ops)):
        if ops[b][:2] != ops[a][:2]:
            break
        text += ops[b][2]
        drawn.append(ops[b][3:])
        # right to left, glyphs and their ToUnicode texts are in visual
        # order: readers reverse them
        if text == want or text[::-1] == want:
            show(drawn)
            sys.exit(0)
        if not want.startswith(text) and not want.endswith(text[::-1]):
            break
    codes = word_in(ops[a][2], ops[a][4])
    if codes:
        show([(ops[a][3], codes)])
        sys.exit(0)
sys.stderr.write('pdfglyphs: %r is not drawn in %s\n' % (want, path))
sys.exit(1)
