/**
 * CSV writing for the exports: RFC 4180 fields and lines, UTF-8 with a byte-order mark so that
 * spreadsheet programs open it as UTF-8, and formula injection neutralised.
 *
 * Cells are typed. A `number` cell is written as the number (a finite JS number printed by
 * `String`, e.g. `-2.5`): spreadsheets read it as a number and it cannot hold a formula, so a
 * negative number stays numeric. A `string` cell is text whatever it looks like: when it starts
 * with `=`, `+`, `-`, `@`, a tab or a carriage return it gets a leading `'`, so a spreadsheet shows
 * it as text instead of running it (OWASP "CSV injection"). Numbers that arrive as text are
 * therefore never trusted to be numbers.
 */

export type CsvCell = string | number | null;

/** The UTF-8 byte-order mark, written once at the start of each file. */
export const CSV_BOM = "\uFEFF";
const LINE_END = "\r\n";
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** Prefixes text that a spreadsheet would treat as a formula with a single quote. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One field: numbers as numbers, text neutralised and quoted when RFC 4180 requires it. */
export function csvField(cell: CsvCell): string {
  if (cell === null) return "";
  if (typeof cell === "number") return Number.isFinite(cell) ? String(cell) : "";
  const text = neutraliseFormula(cell);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, ending in CRLF. */
export function csvLine(cells: readonly CsvCell[]): string {
  return cells.map(csvField).join(",") + LINE_END;
}

export interface CsvTable<Header extends string = string> {
  header: readonly Header[];
  rows: readonly (readonly CsvCell[])[];
}

/** A whole file: the byte-order mark, the header row and one line per record. */
export function csvDocument(table: CsvTable): string {
  return CSV_BOM + csvLine(table.header) + table.rows.map(csvLine).join("");
}
