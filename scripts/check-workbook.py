#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reads a TransferSim workbook back with openpyxl and checks it against its results folder.

    check-workbook.py FOLDER WORKBOOK.xlsx [--charts N]

Checks, for every CSV table the folder's manifest lists:
- the workbook has its sheet (named on the first sheet beside the file name);
- the sheet's five header rows: a title, a Chinese header with Chinese characters in every column,
  an English header, a unit row, and the CSV's column names (the CSV's header, in order, with the
  inserted label_zh, label_en and unit columns after the metric column); the rows are frozen;
- every data cell equals the CSV's: text as text (without the CSV's formula guard), numbers as
  numbers equal to the CSV's at the 16 significant digits libxlsxwriter writes ("%.16G");
  empty CSV cells are empty;
- the inserted label and unit columns match metrics.csv for the row's metric, and the number
  format of share, money and ratio metrics (%, 万元, ×);
- the first sheet states the scenario, policy, seed and trials of the manifest;
- with --charts N: the workbook holds at least N native charts (xl/charts/chart*.xml).

Exits 0 when everything holds, 1 with one line per problem otherwise, 2 when openpyxl is missing.
"""
import argparse
import csv
import json
import os
import re
import sys
import zipfile

try:
    import openpyxl
except ImportError:
    print("check-workbook: openpyxl is missing; `make test` installs it in .build/tools-venv "
          "(or: pip install openpyxl)", file=sys.stderr)
    sys.exit(2)

HEADER_ROWS = 5
# Tables whose rows name yearly flows (`converted_local` there is a year's, labelled "… per year",
# not the horizon's total of metrics.csv).
YEARLY_TABLES = ("timeseries.csv", "compare_timeseries.csv")
INSERTED = ("label_zh", "label_en", "unit")
CJK = re.compile("[\u2e80-\u9fff\uff00-\uffef]")


def g16(value):
    return "%.16G" % value


def unneutralised(text):
    if len(text) >= 2 and text[0] == "'" and text[1] in "=+-@\t\r":
        return text[1:]
    return text


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


def expected_unit_ok(shown, unit):
    """Whether the unit shown in the workbook is the dictionary's unit."""
    if unit == "share":
        return shown.startswith("%")
    if unit in ("ratio", "×"):
        return shown.startswith("×")
    if unit == "万元 per result":
        return shown.startswith("万元 per result")
    return shown.split(" ")[0] == unit.split(" ")[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder")
    parser.add_argument("workbook")
    parser.add_argument("--charts", type=int, default=0)
    args = parser.parse_args()

    problems = []
    with open(os.path.join(args.folder, "manifest.json"), encoding="utf-8") as handle:
        manifest = json.load(handle)
    dictionary = {}
    if os.path.exists(os.path.join(args.folder, "metrics.csv")):
        header, rows = read_csv(os.path.join(args.folder, "metrics.csv"))
        for row in rows:
            dictionary[row[0]] = dict(zip(header, row))
    else:
        problems.append("the folder has no metrics.csv")

    book = openpyxl.load_workbook(args.workbook)
    first = book.worksheets[0]
    about = [[cell for cell in row] for row in first.iter_rows(values_only=True)]
    facts = {row[1]: row[2] for row in about if len(row) > 2 and row[1]}
    for key, value in [("Scenario", manifest["scenario_name"]), ("Policy", manifest["policy"]),
                       ("Seed", str(manifest["seed"])), ("Command", manifest.get("command"))]:
        if facts.get(key) != value:
            problems.append(f"first sheet: {key} is {facts.get(key)!r}, the manifest says {value!r}")
    if (facts.get("Trials") or "").replace(",", "") != str(manifest["trials"]):
        problems.append(f"first sheet: Trials is {facts.get('Trials')!r}, the manifest says {manifest['trials']}")
    sheet_of = {row[3]: row[0] for row in about if len(row) > 3 and isinstance(row[3], str) and row[3].endswith(".csv")}

    checked_cells = 0
    for entry in manifest["files"]:
        name = entry["name"]
        if not name.endswith(".csv"):
            continue
        if name not in sheet_of:
            problems.append(f"{name}: no sheet in the workbook")
            continue
        sheet = book[sheet_of[name]]
        header, rows = read_csv(os.path.join(args.folder, name))
        cells = [list(row) for row in sheet.iter_rows(values_only=True)]
        if len(cells) < HEADER_ROWS:
            problems.append(f"{name}: the sheet has {len(cells)} rows")
            continue
        keys = [k for k in cells[4] if k is not None]
        if [k for k in keys if k not in INSERTED or name == "metrics.csv"] != header:
            problems.append(f"{name}: the column-name row {keys} is not the CSV's header {header}")
            continue
        for j, key in enumerate(keys):
            zh, en, _unit = cells[1][j], cells[2][j], cells[3][j]
            if not zh or not CJK.search(str(zh)):
                problems.append(f"{name}: column {key} has no Chinese header ({zh!r})")
            if not en:
                problems.append(f"{name}: column {key} has no English header")
        if sheet.freeze_panes is None or not re.fullmatch(r"[A-Z]+6", sheet.freeze_panes):
            problems.append(f"{name}: the header rows are not frozen ({sheet.freeze_panes})")
        data = cells[HEADER_ROWS:]
        if len(data) != len(rows):
            problems.append(f"{name}: {len(data)} data rows, the CSV has {len(rows)}")
            continue
        metric_key = "metric" if "metric" in header else ("output" if "output" in header else None)
        if name == "metrics.csv":
            metric_key = None
        format_rows = list(sheet.iter_rows(min_row=HEADER_ROWS + 1))
        for i, (csv_row, xl_row) in enumerate(zip(rows, data)):
            by_key = dict(zip(keys, xl_row))
            for key, text in zip(header, csv_row):
                value = by_key.get(key)
                where = f"{name} row {i + 2} column {key}"
                if text == "":
                    if value not in (None, ""):
                        problems.append(f"{where}: {value!r} where the CSV is empty")
                    continue
                try:
                    number = float(text)
                    numeric = number == number and abs(number) != float("inf")
                except ValueError:
                    numeric = False
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    if not numeric or g16(value) != g16(number):
                        problems.append(f"{where}: {value!r}, the CSV has {text!r}")
                elif value != unneutralised(text):
                    problems.append(f"{where}: {value!r}, the CSV has {text!r}")
                checked_cells += 1
            if metric_key:
                metric = csv_row[header.index(metric_key)]
                info = dictionary.get(metric)
                if info is None:
                    problems.append(f"{name} row {i + 2}: metric {metric!r} is not in metrics.csv")
                    continue
                if not CJK.search(str(by_key.get("label_zh") or "")):
                    problems.append(f"{name} row {i + 2}: no Chinese label for {metric}")
                if name not in YEARLY_TABLES and (by_key.get("label_zh") != info["label_zh"]
                                                 or by_key.get("label_en") != info["label_en"]):
                    problems.append(f"{name} row {i + 2}: labels {by_key.get('label_zh')!r}/{by_key.get('label_en')!r} "
                                    f"differ from metrics.csv's for {metric}")
                if "unit" in keys and name not in YEARLY_TABLES and not expected_unit_ok(str(by_key.get("unit")), info["unit"]):
                    problems.append(f"{name} row {i + 2}: unit {by_key.get('unit')!r} is not {info['unit']!r}")
                if "mean" in keys and by_key.get("mean") is not None and name not in YEARLY_TABLES:
                    fmt = format_rows[i][keys.index("mean")].number_format
                    want = {"share": "%", "万元": "万元", "ratio": "×", "×": "×"}.get(info["unit"])
                    if want and want not in fmt:
                        problems.append(f"{name} row {i + 2}: the mean of {metric} ({info['unit']}) has format {fmt!r}")
    with zipfile.ZipFile(args.workbook) as archive:
        charts = [n for n in archive.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n)]
    if len(charts) < args.charts:
        problems.append(f"the workbook has {len(charts)} charts, expected at least {args.charts}")

    for problem in problems[:50]:
        print(problem)
    if problems:
        print(f"check-workbook: {len(problems)} problem(s) in {args.workbook}")
        return 1
    print(f"check-workbook: {args.workbook} matches {args.folder}: {len(sheet_of)} tables, "
          f"{checked_cells} cells, {len(charts)} charts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
