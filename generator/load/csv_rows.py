"""CSV files (6D responses): rows with the line each starts on."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from generator.errors import ErrorList

MAX_ROWS = 100_000


@dataclass
class CsvTable:
    file: str
    header: list[str]
    rows: list[tuple[int, dict[str, str]]]


def parse_csv(text: str, file: str, errors: ErrorList) -> CsvTable | None:
    """Parse a CSV with a header row. Delimiter ',' or ';' (Excel in fi/sv uses ';')."""
    if not text.strip():
        errors.add(file, 1, 1, "the CSV file is empty",
                   "the first row must name the columns, e.g. respondent,debate,dialogue,…")
        return None
    first_line = text.splitlines()[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = [cell.strip() for cell in next(reader)]
        rows: list[tuple[int, dict[str, str]]] = []
        start = reader.line_num + 1
        for cells in reader:
            if len(rows) >= MAX_ROWS:
                errors.add(file, start, 1, f"more than {MAX_ROWS:,} rows", "split the file")
                return None
            if any(cell.strip() for cell in cells):
                if len(cells) > len(header):
                    errors.add(file, start, 1, f"row has {len(cells)} cells but the header "
                               f"names {len(header)} columns",
                               "remove the extra cells or quote a cell that contains "
                               f"'{delimiter}'")
                rows.append((start, dict(zip(header, (c.strip() for c in cells), strict=False))))
            start = reader.line_num + 1
    except csv.Error as exc:
        errors.add(file, reader.line_num, 1, f"the CSV cannot be read: {exc}",
                   "check the quotation marks on this row")
        return None
    return CsvTable(file, header, rows)
