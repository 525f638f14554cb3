"""Writes the spreadsheet and Parquet fixtures of `domino batch` with real
writers: openpyxl (.xlsx), odfpy (.ods), xlwt (.xls), pyarrow (.parquet),
msoffcrypto-tool (a password-protected .xlsx).

    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install openpyxl odfpy xlwt pyarrow msoffcrypto-tool
    /tmp/venv/bin/python tests/spreadsheets/make_fixtures.py

The clean fixtures hold the first rows of grids/examples/batch/initiatives.csv,
level codes written as numbers where they are numbers (as a person typing
them in a spreadsheet would get); the hostile ones one problem per row.
"""

import csv
import datetime
import io
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SAMPLE = os.path.join(ROOT, "grids", "examples", "batch", "initiatives.csv")
ROWS = 8


def sample():
    with open(SAMPLE, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1 : 1 + ROWS]


def typed(cell):
    """A CSV cell as a spreadsheet holds it: whole numbers as numbers."""
    return int(cell) if cell.lstrip("-").isdigit() else (cell or None)


def write_sample_csv(header, rows):
    with open(os.path.join(HERE, "initiatives.csv"), "w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows([header] + rows)


def xlsx_clean(header, rows):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Initiatives"
    sheet.append(header)
    for row in rows:
        sheet.append([typed(c) for c in row])
    book.create_sheet("Notes").append(["Inventaire 2024, relevé par l’équipe"])
    book.save(os.path.join(HERE, "initiatives.xlsx"))


def xlsx_hostile(header, rows):
    """One problem per data row (rows 2–9), row 10 clean."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Relevé"
    sheet.append(header)
    level = header.index("collectif.contribution") + 1
    for row in rows + rows[:1]:
        sheet.append([typed(c) for c in row])
    sheet.cell(2, level).value = 3.0                      # a whole float: level 3, fine
    sheet.cell(3, level).value = 2.5                      # a fraction
    sheet.cell(4, level).value = datetime.date(2024, 3, 1)  # a date
    sheet.cell(5, level).value = True                     # a boolean
    sheet.cell(6, level).value = "=B6+1"                  # a formula, no saved value
    sheet.cell(7, len(header) + 2).value = "en trop"      # right of the header
    sheet.cell(8, level).value = "#DIV/0!"
    sheet.cell(8, level).data_type = "e"                  # an error value
    sheet.merge_cells(start_row=9, start_column=level, end_row=10, end_column=level)
    book.save(os.path.join(HERE, "hostile.xlsx"))


def xlsx_empty():
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Vide"
    book.save(os.path.join(HERE, "empty.xlsx"))


def xlsx_protected():
    import msoffcrypto.format.ooxml

    plain = io.BytesIO()
    with open(os.path.join(HERE, "initiatives.xlsx"), "rb") as f:
        plain.write(f.read())
    plain.seek(0)
    encrypted = io.BytesIO()
    msoffcrypto.format.ooxml.OOXMLFile(plain).encrypt("domino", encrypted)
    with open(os.path.join(HERE, "protected.xlsx"), "wb") as f:
        f.write(encrypted.getvalue())


def xlsx_truncated():
    with open(os.path.join(HERE, "initiatives.xlsx"), "rb") as f:
        data = f.read()
    with open(os.path.join(HERE, "truncated.xlsx"), "wb") as f:
        f.write(data[: len(data) // 2])


def ods_clean(header, rows):
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    table = Table(name="Initiatives")
    for i, row in enumerate([header] + rows):
        tr = TableRow()
        for j, cell in enumerate(row):
            value = typed(cell) if i else cell
            if isinstance(value, int) and i == 1 and j == header.index("collectif.accueil"):
                # A formula with its saved value, as LibreOffice writes it.
                tc = TableCell(valuetype="float", value=value, formula=f"of:={value}+0")
                tc.addElement(P(text=str(value)))
            elif isinstance(value, int):
                tc = TableCell(valuetype="float", value=value)
                tc.addElement(P(text=str(value)))
            elif value:
                tc = TableCell(valuetype="string")
                tc.addElement(P(text=value))
            else:
                tc = TableCell()
            tr.addElement(tc)
        table.addElement(tr)
    doc.spreadsheet.addElement(table)
    doc.save(os.path.join(HERE, "initiatives.ods"))


def xls_clean(header, rows):
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Initiatives")
    for i, row in enumerate([header] + rows):
        for j, cell in enumerate(row):
            value = typed(cell) if i else cell
            if value is not None:
                sheet.write(i, j, value)
    book.save(os.path.join(HERE, "initiatives.xls"))


KOBO_LABELS = {"0": "Jamais", "1": "Rarement", "2": "Parfois", "3": "Oui, souvent", "4": "Toujours", "?": "Ne sait pas", "na": "Non concerné"}


def kobo_export(header, rows):
    """A survey export: `group/question` columns, answers as labels, meta columns."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Enquête"
    criteria = ["collectif.accueil", "collectif.contribution", "solidarite.reciprocite"]
    sheet.append(["start", "_uuid", "identification/nom", "identification/territoire"]
                 + [c.replace(".", "/") for c in criteria] + ["_submission_time"])
    for n, row in enumerate(rows[:4]):
        cells = dict(zip(header, row))
        answers = [KOBO_LABELS.get(cells[c], cells[c]) for c in criteria]
        sheet.append([datetime.datetime(2024, 5, 2, 9, 30), cells["id"], cells["name"],
                      cells["territory"]] + answers + [f"2024-05-0{n + 2}T10:00:00"])
    sheet.cell(5, 6).value = "Oui souvent"  # a label the mapping does not know
    book.save(os.path.join(HERE, "kobo-export.xlsx"))


def parquet_files(header, rows):
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = {h: [c or None for c in col] for h, col in zip(header, zip(*rows))}
    table = pa.table({h: pa.array(v, pa.string()) for h, v in columns.items()})
    # An integer column with a missing value, as pandas writes it: float64.
    level = "collectif.contribution"
    table = table.set_column(header.index(level), level,
                             pa.array([float(v) if v and v.isdigit() else None for v in columns[level]], pa.float64()))
    pq.write_table(table, os.path.join(HERE, "initiatives.parquet"), row_group_size=3)
    bad = table.set_column(header.index(level), level,
                           pa.array([2.5] + [3.0] * (len(rows) - 1), pa.float64()))
    dates = pa.array([datetime.date(2024, 3, 1)] + [None] * (len(rows) - 1), pa.date32())
    i = header.index("collectif.accueil")
    bad = bad.set_column(i, "collectif.accueil", dates)
    pq.write_table(bad, os.path.join(HERE, "wrong-types.parquet"), row_group_size=4)


def main():
    header, rows = sample()
    write_sample_csv(header, rows)
    xlsx_clean(header, rows)
    xlsx_hostile(header, rows)
    xlsx_empty()
    xlsx_protected()
    xlsx_truncated()
    ods_clean(header, rows)
    xls_clean(header, rows)
    kobo_export(header, rows)
    parquet_files(header, rows)


if __name__ == "__main__":
    main()
