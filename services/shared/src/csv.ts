import { stringify, type Stringifier } from 'csv-stringify';

/**
 * What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection"): `=`, `+`, `-`, `@` at the
 * start, and a tab or carriage return before one of them (some programs skip those). A company can name
 * itself "=HYPERLINK(...)": opened in Excel, that name must stay text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A cell's text as a spreadsheet shows it and never runs it: prefixed with a single quote when it starts like
 * a formula (the quote is what Excel and LibreOffice take as "text follows"), unchanged otherwise. A reader
 * that wants the original drops one leading quote from such a cell.
 */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * A streaming CSV writer (csv-stringify) with the project's choices in one place: a UTF-8 byte-order mark
 * first (Excel reads the file as UTF-8 only with it, and Arabic names come out garbled without), a header
 * row of `columns`, CRLF line ends (RFC 4180), any cell holding a line break quoted, every text cell through
 * `neutraliseFormula`, booleans as `true`/`false` and empty cells for null. Write rows as arrays in the order of `columns`.
 */
export function csvWriter(columns: readonly string[]): Stringifier {
  return stringify({
    bom: true,
    header: true,
    columns: columns.map((name) => ({ key: name, header: name })) as never,
    record_delimiter: 'windows',
    // csv-stringify quotes a cell holding the record delimiter (CRLF) but not a lone LF or CR, where spreadsheets
    // end a row too: the rest of the cell became a row of its own, starting with whatever followed (a formula).
    quoted_match: /[\r\n]/,
    cast: {
      string: (value) => neutraliseFormula(value),
      boolean: (value) => (value ? 'true' : 'false'),
    },
  });
}
