# xlsx_check.py: reads aggregates.xlsx back with openpyxl and compares
# every cell of its data sheets with aggregates.json (and, for the
# department column, aggregates.csv), by person id x field and competency
# id: number cells must be numbers with the "0.00" format, nulls empty
# cells, status cells the template's word and colour, flagged calibration
# rows highlighted. Used by aggregate_xlsx.sh.
#   python3 xlsx_check.py FILE.xlsx aggregates.json aggregates.csv RED YELLOW GREEN
# (colours as RRGGBB). Prints "ok NAME" / "FAIL NAME: why" lines and the
# number of cells compared.
import csv
import json
import re
import sys

import openpyxl
import openpyxl.reader.excel
from openpyxl.cell.text import Text
from openpyxl.xml.constants import SHEET_MAIN_NS
from openpyxl.xml.functions import iterparse

SHEETS = ["People", "Competencies", "Teams", "Departments", "Organisation",
          "Calibration", "README"]
WORDS = {"red": "Red", "yellow": "Yellow", "green": "Green"}


def unescape(v):
    """A string as Excel reads it from the XML: _xHHHH_ is U+HHHH (so a
    literal "_x0041_" is written "_x005F_x0041_")."""
    if not isinstance(v, str):
        return v
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), v)


def read_string_table(xml_source):
    """openpyxl's shared-string reader without its "x005F_" removal, so
    that shared and inline strings both come raw and unescape() decodes
    them as Excel does (openpyxl 3.0 drops "x005F_" from shared strings
    only and leaves every other escape)."""
    tag = "{%s}si" % SHEET_MAIN_NS
    strings = []
    for _, node in iterparse(xml_source):
        if node.tag == tag:
            strings.append(Text.from_tree(node).content)
            node.clear()
    return strings


openpyxl.reader.excel.read_string_table = read_string_table


class Check:
    def __init__(self):
        self.cells = 0
        self.bad = []

    def fail(self, where, why):
        if len(self.bad) < 20:
            self.bad.append("%s: %s" % (where, why))
        else:
            self.bad.append(None)

    def cell(self, where, got, want, kind):
        """kind: 'num' (a figure, "0.00"), 'int' (a count), 'text',
        'bool'."""
        self.cells += 1
        v = unescape(got.value)
        if want is None:
            if v is not None:
                self.fail(where, "%r, expected an empty cell" % (v,))
            return
        if kind in ("num", "int"):
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                self.fail(where, "%r is not a number" % (v,))
            elif v != want:
                self.fail(where, "%r, expected %r" % (v, want))
            elif kind == "num" and got.number_format != "0.00":
                self.fail(where, "number format %r" % got.number_format)
        elif kind == "bool":
            if v is not want:
                self.fail(where, "%r, expected %r" % (v, want))
        elif v != want:
            self.fail(where, "%r, expected %r" % (v, want))

    def rows(self, ws, header, rows):
        """header: the column names; rows: [(key, [(value, kind)])]."""
        got = [unescape(c.value) for c in ws[1]]
        if got != header:
            self.fail(ws.title + "!1", "header %r, expected %r" % (got, header))
            return
        if ws.max_row != len(rows) + 1 or ws.max_column != len(header):
            self.fail(ws.title, "%d rows x %d columns, expected %d x %d" % (
                ws.max_row, ws.max_column, len(rows) + 1, len(header)))
            return
        for i, (key, cells) in enumerate(rows):
            for j, (want, kind) in enumerate(cells):
                self.cell("%s!%s %s" % (ws.title, key, header[j]),
                          ws.cell(row=i + 2, column=j + 1), want, kind)


def fill(cell):
    c = cell.fill.fgColor.rgb if cell.fill is not None else None
    if cell.fill is None or cell.fill.fill_type != "solid" or not isinstance(c, str):
        return None
    return c[-6:].upper()


def main():
    xlsx, jpath, cpath = sys.argv[1:4]
    colors = {"red": sys.argv[4].upper(), "yellow": sys.argv[5].upper(),
              "green": sys.argv[6].upper()}
    agg = json.load(open(jpath, encoding="utf-8"))
    with open(cpath, encoding="utf-8-sig", newline="") as f:
        csvrows = list(csv.reader(f))
    wb = openpyxl.load_workbook(xlsx)
    ck = Check()
    ok = True

    if wb.sheetnames != SHEETS:
        print("FAIL xlsx_sheets: %r" % wb.sheetnames)
        return 1
    print("ok xlsx_sheets: %s" % ", ".join(SHEETS))

    people = agg["people"]
    comps = [c["id"] for c in people[0]["competencies"]] if people else []
    dept = {r[0]: (r[4] or None) for r in csvrows[1:]}

    # People: aggregates.csv's columns, then each competency's status.
    ws = wb["People"]
    header = ["id", "name", "level", "manager_id", "department", "overall",
              "percent", "label", "coverage"] + comps + \
        [c + " status" for c in comps]
    if csvrows[0] != header[:9 + len(comps)]:
        ck.fail("People", "aggregates.csv's header is %r" % csvrows[0])
    rows = []
    for p in people:
        o = p["overall"]
        cells = [(p["id"], "text"), (p["name"], "text"), (p["level"], "text"),
                 (p["manager_id"], "text"), (dept.get(p["id"]), "text"),
                 (o["score"], "num"), (o["percent"], "num"),
                 (o["label"], "text"), (o["coverage"], "num")]
        cells += [(c["score"], "num") for c in p["competencies"]]
        cells += [(WORDS.get(c["status"]), "text") for c in p["competencies"]]
        rows.append((p["id"], cells))
    ck.rows(ws, header, rows)
    # status cells: the template's colour, one per status word
    for i, p in enumerate(people):
        for k, c in enumerate(p["competencies"]):
            cell = ws.cell(row=i + 2, column=10 + len(comps) + k)
            want = colors.get(c["status"])
            if fill(cell) != want:
                ck.fail("People!%s %s status" % (p["id"], c["id"]),
                        "fill %r, expected %r" % (fill(cell), want))
    if ws.freeze_panes != "A2" or not ws.auto_filter.ref:
        ck.fail("People", "header not frozen (%r) or no autofilter (%r)" % (
            ws.freeze_panes, ws.auto_filter.ref))

    # Competencies: the scores again, under a 3-colour scale.
    ws = wb["Competencies"]
    rows = [(p["id"], [(p["id"], "text"), (p["name"], "text")] +
             [(c["score"], "num") for c in p["competencies"]]) for p in people]
    ck.rows(ws, ["id", "name"] + comps, rows)
    scales = [r for cf in ws.conditional_formatting for r in cf.rules
              if r.type == "colorScale"]
    if people and not scales:
        ck.fail("Competencies", "no colour scale")

    # Teams, Departments, Organisation: a row per group and competency.
    levels = sorted(agg["org"]["competencies"][0]["distribution"],
                    key=int) if comps else []
    labels = [c.value[len("label: "):] for c in wb["Organisation"][1]
              if isinstance(c.value, str) and c.value.startswith("label: ")]
    for lab in {l for g in agg["teams"] + agg["departments"] + [agg["org"]]
                for l in g["labels"]}:
        if lab not in labels:
            ck.fail("Organisation", "no column for label %r" % lab)
    gcols = ["members", "competency", "n", "mean", "median", "stdev", "min",
             "max", "below_expected", "below_share", "trend"]
    gkinds = ["int", "text", "int", "num", "num", "num", "num", "num", "int",
              "num", "num"]

    def group_rows(g, keys):
        out = []
        for c in g["competencies"]:
            vals = [g["members"], c["id"], c["n"], c["mean"], c["median"],
                    c["stdev"], c["min"], c["max"], c["below_expected"],
                    c["below_share"], c["trend"]]
            cells = [(k, "text") for k in keys] + list(zip(vals, gkinds))
            cells += [(c["distribution"][v], "int") for v in levels]
            cells += [(g["labels"].get(l, 0), "int") for l in labels]
            out.append(("/".join(str(k) for k in keys) + ":" + c["id"], cells))
        return out
    tail = gcols + ["level " + v for v in levels] + ["label: " + l for l in labels]
    ck.rows(wb["Teams"], ["manager_id"] + tail,
            [r for t in agg["teams"] for r in group_rows(t, [t["manager_id"]])])
    ck.rows(wb["Departments"], ["department", "slug"] + tail,
            [r for d in agg["departments"]
             for r in group_rows(d, [d["department"], d["slug"]])])
    ck.rows(wb["Organisation"], tail, group_rows(agg["org"], []))

    # Calibration: flagged rows highlighted, the others not.
    ws = wb["Calibration"]
    names = {p["id"]: p["name"] for p in people}
    rows = [(k["manager_id"], [(k["manager_id"], "text"),
                               (names.get(k["manager_id"]), "text"),
                               (k["ratings"], "int"), (k["mean_given"], "num"),
                               (k["delta_vs_org"], "num"), (k["flag"], "bool")])
            for k in agg["calibration"]]
    ck.rows(ws, ["manager_id", "name", "ratings", "mean_given",
                 "delta_vs_org", "flag"], rows)
    for i, k in enumerate(agg["calibration"]):
        lit = fill(ws.cell(row=i + 2, column=1)) is not None
        if lit != k["flag"]:
            ck.fail("Calibration!%s" % k["manager_id"],
                    "highlighted %s, flag %s" % (lit, k["flag"]))

    # README: the figures explained.
    text = " ".join(str(c.value) for r in wb["README"].iter_rows() for c in r
                    if c.value is not None)
    for word in ("round", "weight", "level", "coverage", "delta_vs_org",
                 "stdev", "below_share"):
        if word not in text:
            ck.fail("README", "says nothing about %r" % word)

    if ck.bad:
        ok = False
        for b in ck.bad:
            if b is None:
                print("    ...")
                break
            print("    " + b)
    print("%s xlsx_figures: %d cells compared with aggregates.json%s" % (
        "ok" if ok else "FAIL", ck.cells, "" if ok else
        ", %d wrong" % len(ck.bad)))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
