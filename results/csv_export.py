"""A dashboard table as a CSV file that Excel opens as it is: UTF-8 with a
byte order mark (without it Excel reads Arabic and accents as Latin-1), ";"
between fields (the separator Excel expects where the decimal mark is a comma,
as in French and Moroccan settings), headers in the reader's language and
plain numbers (no grouping, so that they stay numbers)."""

import csv
import io

BOM = "\ufeff"


def table_csv(table):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([table.row_header, *(header for _key, header in table.columns)])
    for row in table.rows:
        writer.writerow([row[0], *table.values(row)])
    return BOM + out.getvalue()
