#!/usr/bin/env python3
"""pagecheck.py: reads finished PDFs (through `mutool draw -F trace`) and
reports the page breaks a reader would notice. It knows nothing of
revpack's layout engine: it sees glyphs (font, size, position) and the
lines and fills drawn, as a person sees the printed page.

usage: pagecheck.py [--continued WORD] [--min-size PT] [--verbose] PDF...

Per page it finds the header and footer bands (text at the same place
near the top and foot of every page), the body below them, and in the
body: headings (lines of bold text larger than the document's body
text), table rows (text between two horizontal rules), lines of text,
and graphics. It reports, one line per finding,
  orphan      a heading with nothing after it on its page
  widow       a page whose body continues the last section of the page
              before (a "(continued)" heading, or no heading at its top)
              with a single table row or line of text; or a section that
              leaves a single row or line at a page foot and goes on
  split       a section holding a key-value grid or a chart (lines, fills
              that are not table rules) broken across pages though the
              whole of it takes less than half a page; or the text that
              follows a chart (its key) carried to another page alone
  sparse      a page under 15% full that is not the last of its document
              (in a packet, of its part)
  small       text set below --min-size pt (default 7)
and a summary line per file: pages and the smallest type size per page.
Exit status: 0 nothing found, 1 findings, 2 could not read a file.
"""
import re
import subprocess
import sys

TOL = 0.6


class Line:
    """Text on one baseline of a page's body."""

    def __init__(self, y):
        self.y = y
        self.glyphs = []        # (x, size, bold, char)

    @property
    def text(self):
        g = sorted(self.glyphs)
        out, last = [], None
        for x, size, _, ch in g:
            if last is not None and x - last > size * 0.8:
                out.append(' ')
            out.append(ch)
            last = x + size * 0.5
        return re.sub(r'\s+', ' ', ''.join(out)).strip()

    @property
    def left(self):
        return min(x for x, _, _, _ in self.glyphs)

    @property
    def size(self):
        return max(s for _, s, _, _ in self.glyphs)

    @property
    def bold(self):
        vis = [b for _, _, b, c in self.glyphs if not c.isspace()]
        return bool(vis) and all(vis)

    @property
    def top(self):
        return self.y + self.size * 0.8

    @property
    def bottom(self):
        return self.y - self.size * 0.25


class Page:
    def __init__(self, width, height):
        self.width, self.height = width, height
        self.glyphs = []        # (x, y, size, bold, char)
        self.hrules = []        # (y, x0, x1)
        self.shapes = []        # (ymin, ymax) of fills and other strokes
        self.images = []        # (ymin, ymax)


def num(s):
    return float(s)


def read_trace(path):
    """The pages of path: glyphs, horizontal rules, other shapes."""
    r = subprocess.run(['mutool', 'draw', '-F', 'trace', '-o', '-', path],
                       capture_output=True)
    if r.returncode != 0:
        raise OSError(r.stderr.decode('utf-8', 'replace').strip())
    pages = []
    page = None
    size = bold = None
    path_kind = None
    pts = []
    for raw in r.stdout.decode('utf-8', 'replace').splitlines():
        s = raw.strip()
        if s.startswith('<page '):
            m = re.search(r'mediabox="([-\d.]+) ([-\d.]+) ([-\d.]+) '
                          r'([-\d.]+)"', s)
            page = Page(num(m.group(3)) - num(m.group(1)),
                        num(m.group(4)) - num(m.group(2)))
            pages.append(page)
        elif s.startswith('<span '):
            m = re.search(r'font="([^"]*)".*trm="([-\d.e]+) ([-\d.e]+) '
                          r'([-\d.e]+) ([-\d.e]+)"', s)
            size = abs(num(m.group(5))) or abs(num(m.group(2)))
            name = m.group(1).split('+')[-1]
            bold = bool(re.search(r'bold|black|heavy', name, re.I))
        elif s.startswith('<g ') and page is not None:
            m = re.search(r'unicode="([^"]*)".*x="([-\d.e]+)" '
                          r'y="([-\d.e]+)"', s)
            ch = m.group(1)
            ch = (ch.replace('&lt;', '<').replace('&gt;', '>')
                  .replace('&quot;', '"').replace('&amp;', '&'))
            page.glyphs.append((num(m.group(2)), num(m.group(3)), size,
                                bold, ch or '?'))
        elif s.startswith('<fill_path') or s.startswith('<stroke_path'):
            path_kind = 'fill' if s.startswith('<fill') else 'stroke'
            pts = []
        elif path_kind and (s.startswith('<moveto') or
                            s.startswith('<lineto') or
                            s.startswith('<curveto')):
            for x, y in re.findall(r'x\d?="([-\d.e]+)" y\d?="([-\d.e]+)"',
                                   s):
                pts.append((num(x), num(y)))
        elif s.startswith('</fill_path') or s.startswith('</stroke_path'):
            if pts and page is not None:
                ys = [p[1] for p in pts]
                xs = [p[0] for p in pts]
                if (path_kind == 'stroke' and len(pts) == 2 and
                        abs(ys[0] - ys[1]) < 0.01):
                    page.hrules.append((ys[0], min(xs), max(xs)))
                else:
                    page.shapes.append((min(ys), max(ys)))
            path_kind = None
        elif s.startswith('<fill_image') and page is not None:
            m = re.search(r'transform="([-\d.e]+) ([-\d.e]+) ([-\d.e]+) '
                          r'([-\d.e]+) ([-\d.e]+) ([-\d.e]+)"', s)
            if m:
                d, f = num(m.group(4)), num(m.group(6))
                # device space (y down) back to PDF space
                y0 = page.height - f
                page.images.append((min(y0, y0 - d), max(y0, y0 - d)))
    return pages


def lines_of(glyphs):
    """Glyphs grouped by baseline, top to bottom."""
    out = []
    for g in sorted(glyphs, key=lambda g: -g[1]):
        if out and abs(out[-1].y - g[1]) <= TOL:
            out[-1].glyphs.append((g[0], g[2], g[3], g[4]))
        else:
            ln = Line(g[1])
            ln.glyphs.append((g[0], g[2], g[3], g[4]))
            out.append(ln)
    return out


def mask(t):
    return re.sub(r'\d+', '#', t)


def band_cut(pages, top):
    """The baseline of the header (top) or footer line, or None: the
    outermost text line of every page, in the outer eighth of the page,
    at the same height on most pages."""
    ys = []
    for p in pages:
        ls = lines_of(p.glyphs)
        if not ls:
            return None
        ln = ls[0] if top else ls[-1]
        inside = ln.y > p.height * 0.86 if top else ln.y < p.height * 0.12
        if not inside:
            return None
        ys.append(round(ln.y, 1))
    best = max(set(ys), key=ys.count)
    if len(pages) > 1 and ys.count(best) < max(2, len(pages) * 0.6):
        return None
    return best


class Body:
    """A page's body: what lies between its header and footer bands."""

    def __init__(self, page, head_y, foot_y):
        self.page = page
        self.top = (head_y - 9) if head_y is not None else page.height * 0.94
        self.bottom = (foot_y + 12) if foot_y is not None else \
            page.height * 0.05
        inside = [g for g in page.glyphs if self.bottom < g[1] < self.top]
        self.lines = lines_of(inside)
        for i, ln in enumerate(self.lines):
            near = [o for o in self.lines[max(0, i - 3):i + 4]
                    if o is not ln and abs(o.y - ln.y) < ln.size * 0.9]
            ln.crowded = bool(near)
        self.band_text = ' '.join(
            mask(ln.text) for ln in lines_of(page.glyphs)
            if not self.bottom < ln.y < self.top)
        self.rules = sorted(
            (r for r in page.hrules if self.bottom < r[0] < self.top),
            key=lambda r: -r[0])
        self.shapes = [s for s in page.shapes
                       if s[1] > self.bottom and s[0] < self.top]
        self.images = [s for s in page.images
                       if s[1] > self.bottom and s[0] < self.top]

    def lowest(self):
        ys = [ln.bottom for ln in self.lines]
        ys += [r[0] for r in self.rules] + [s[0] for s in self.shapes]
        ys += [s[0] for s in self.images]
        return min(ys) if ys else None

    def fill(self):
        low = self.lowest()
        h = self.top - 7 - self.bottom - 8
        if low is None or h <= 0:
            return 0.0
        return max(0.0, min(1.0, (self.top - 7 - low) / h))


def body_size(bodies):
    """The type size most of the documents' body text is set in."""
    count = {}
    for b in bodies:
        for ln in b.lines:
            for _, s, bold, c in ln.glyphs:
                if not bold and not c.isspace():
                    k = round(s, 1)
                    count[k] = count.get(k, 0) + 1
    return max(count, key=count.get) if count else 10.0


class Section:
    """A run of a page's body under one heading (or, at the page's top,
    under none): its heading line, its lines, and what it holds."""

    def __init__(self, heading):
        self.heading = heading
        self.lines = []
        self.top = heading.top if heading is not None else None
        self.bottom = heading.bottom if heading is not None else None

    def add(self, ln):
        self.lines.append(ln)
        self.top = ln.top if self.top is None else self.top
        self.bottom = ln.bottom


def sections_of(body, is_heading):
    secs = [Section(None)]
    for ln in body.lines:
        if is_heading(ln):
            secs.append(Section(ln))
        else:
            secs[-1].add(ln)
    if secs[0].top is None:
        secs.pop(0)
    # what each section holds below its heading, to its next section or
    # the body's foot: rules and shapes
    for i, s in enumerate(secs):
        below = secs[i + 1].top if i + 1 < len(secs) else body.bottom
        above = s.heading.bottom if s.heading is not None else body.top
        s.bottom = min([s.bottom] + [r[0] for r in body.rules
                                     if below < r[0] < above] +
                       [sh[0] for sh in body.shapes
                        if below < sh[1] and sh[0] < above and
                        sh[0] > below - 1])
        width = body.page.width
        s.rules = [r for r in body.rules if below < r[0] < above]
        s.table_rules = [r for r in s.rules if r[2] - r[1] > width * 0.5]
        s.shapes = [sh for sh in body.shapes
                    if below - 1 < sh[0] and sh[1] < above + 1]
        # a chart or a grid: fills and strokes, or rules, none of them
        # the rules of a table (which has fills too: header, chips)
        s.graphic = not s.table_rules and bool(s.shapes or s.rules)
        # ... which reaches down to the section's foot (a grid's rules, a
        # chart's bars), not one above text that flows on
        s.graphic_foot = any(g[0] < s.bottom + 25 for g in s.shapes) or \
            any(r[0] < s.bottom + 25 for r in s.rules)
        s.body_bottom = below
    return secs


def units(sec, skip_head):
    """The rows and lines of a section: lines between two table rules are
    one row; the others one line each. With skip_head, a repeated table
    header (bold lines above the first rule, or a first bold line) is not
    counted."""
    ls = list(sec.lines)
    ys = sorted((r[0] for r in sec.table_rules), reverse=True)
    if skip_head and ys:
        # the header row: the bold lines above the table's first rule
        ls = [ln for ln in ls if not (ln.bold and ln.y > ys[0])]
    elif skip_head and ls and ls[0].bold:
        ls = ls[1:]
    groups = []
    for ln in ls:
        above = [y for y in ys if y > ln.y]
        below = [y for y in ys if y < ln.y]
        key = (above[-1], below[0]) if above and below else ('line', ln.y)
        if groups and groups[-1][0] == key:
            groups[-1][1].append(ln)
        else:
            groups.append((key, [ln]))
    if ys and any(k[0] != 'line' for k, _ in groups):
        # a table: its rows count, not a note below it
        groups = [g for g in groups if g[0][0] != 'line']
    return groups


def table_head(sec):
    """The texts of the header row of the table of sec (bold lines above
    its first rule)."""
    y = max(r[0] for r in sec.table_rules)
    return {ln.text for ln in sec.lines if ln.bold and ln.y > y}


def check(path, cont_word, min_size, verbose):
    pages = read_trace(path)
    head_y, foot_y = band_cut(pages, True), band_cut(pages, False)
    bodies = [Body(p, head_y, foot_y) for p in pages]
    bsize = body_size(bodies)
    sizes = sorted({round(ln.size, 1) for b in bodies for ln in b.lines
                    if ln.bold and ln.size >= bsize * 1.08})
    title = sizes[-1] if sizes else None

    left = min((ln.left for b in bodies for ln in b.lines), default=0)

    def is_heading(ln):
        # bold, larger than the body text, at the body's left edge and
        # alone at its height (a bold cell of a table is set in from the
        # edge, and has its row's other cells beside it)
        return ln.bold and ln.size >= bsize * 1.08 and not ln.crowded \
            and ln.left < left + 1.5

    def continued(ln):
        return ln is not None and ln.text.endswith(cont_word)

    secs = [sections_of(b, is_heading) for b in bodies]
    n = len(pages)
    # the last page of each document of the file (of each part of a
    # packet): the next page starts with a title, or its bands change
    last = [False] * n
    for i in range(n):
        nxt = secs[i + 1] if i + 1 < n else None
        last[i] = (nxt is None or not nxt or
                   (nxt[0].heading is not None and title is not None and
                    nxt[0].heading.size >= title - 0.3) or
                   bodies[i + 1].band_text != bodies[i].band_text and
                   mask(bodies[i + 1].band_text) != mask(bodies[i].band_text))
    if verbose:
        for i, ss in enumerate(secs):
            print('-- page %d fill %.2f last %s body %.1f..%.1f bsize %s' % (
                i + 1, bodies[i].fill(), last[i], bodies[i].top,
                bodies[i].bottom, bsize))
            for x in ss:
                print('  [%s] %s lines=%d rules=%d table=%d shapes=%d '
                      '%.0f..%.0f' % (
                          x.heading.text[:40] if x.heading else '-',
                          'G' if x.graphic else ' ', len(x.lines),
                          len(x.rules), len(x.table_rules), len(x.shapes),
                          x.top or 0, x.bottom or 0))
    found = []
    body_h = [b.top - 7 - b.bottom - 8 for b in bodies]

    def report(kind, i, why):
        found.append('%s: %s page %d: %s' % (kind, path, i + 1, why))

    for i, b in enumerate(bodies):
        s = secs[i]
        # orphan heading
        if s and s[-1].heading is not None and not s[-1].lines and \
                not s[-1].shapes and not s[-1].rules and not last[i]:
            report('orphan', i, 'heading "%s" ends the page' %
                   s[-1].heading.text[:60])
        if i + 1 < n and not last[i] and s:
            tail = s[-1]
            nxt = secs[i + 1]
            carries = nxt and (nxt[0].heading is None or
                               continued(nxt[0].heading))
            if carries:
                head = nxt[0]
                tu = units(tail, False)
                hu = units(head, continued(head.heading))
                # the same table, or the same text, goes on
                same = bool(tail.table_rules) == bool(head.table_rules)
                if head.table_rules and continued(head.heading):
                    # a table that goes on repeats a header of the page
                    # before; one that moved whole does not continue
                    same = table_head(head) <= {ln.text for ln in
                                                tail.lines}
                if tail.heading is not None and len(tu) == 1 and same \
                        and not tail.graphic and len(hu) >= 1:
                    report('widow', i, 'one row or line of "%s" at the '
                           'foot of the page' % tail.heading.text[:50])
                # a single row or line carried over, after a table or
                # text, or after a chart (its key)
                if len(hu) == 1 and not head.graphic and same and tu:
                    report('widow', i + 1, 'one row or line carried over: '
                           '"%s"' % hu[0][1][0].text[:60])
                tail_h = (tail.top - tail.bottom) if tail.top else 0
                head_h = (head.top - head.bottom) if head.top else 0
                starts_top = tail.top is not None and \
                    tail.top > b.top - 7 - 30
                if tail.graphic and tail.graphic_foot and not starts_top \
                        and tail_h + head_h < body_h[i] / 2:
                    report('split', i, 'a grid or chart of %.0f pt ("%s") '
                           'broken across pages' % (
                               tail_h + head_h,
                               tail.heading.text[:40] if tail.heading
                               else tail.lines[0].text[:40]
                               if tail.lines else '?'))
                elif tail.graphic and tail.graphic_foot and \
                        not head.graphic and head.lines and \
                        not head.table_rules and head_h < body_h[i] / 4:
                    report('split', i + 1, 'the text after a chart carried '
                           'to the next page alone: "%s"' %
                           head.lines[0].text[:50])
        if not last[i] and b.fill() < 0.15:
            report('sparse', i, 'the body is %.0f%% full' % (100 * b.fill()))
    mins = []
    for i, p in enumerate(pages):
        m = min((g[2] for g in p.glyphs if not g[4].isspace()), default=None)
        mins.append(m)
        if m is not None and m < min_size - 0.01:
            report('small', i, 'text at %.2f pt' % m)
    summary = '%s: %d pages, smallest type per page %s' % (
        path, n, ' '.join('%.1f' % m if m is not None else '-' for m in mins))
    return found, summary


def main(argv):
    cont_word, min_size, verbose = '(continued)', 7.0, False
    files = []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == '--continued':
            i += 1
            cont_word = argv[i]
        elif a == '--min-size':
            i += 1
            min_size = float(argv[i])
        elif a == '--verbose':
            verbose = True
        elif a.startswith('-'):
            sys.stderr.write(__doc__)
            return 2
        else:
            files.append(a)
        i += 1
    status = 0
    for f in files:
        try:
            found, summary = check(f, cont_word, min_size, verbose)
        except (OSError, AttributeError, ValueError) as e:
            print('error: %s: %s' % (f, e))
            status = 2
            continue
        for x in found:
            print(x)
        if verbose:
            print(summary)
        if found and status == 0:
            status = 1
    return status


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
