/**
 * Every CSV the product writes goes through here (RFC 4180, CRLF). A text cell that a spreadsheet would run as a formula
 * (starting with =, +, -, @, a tab or a carriage return: meter and plan ids may start with '-') is prefixed with ' (the
 * OWASP rule); a cell with a comma, a quote or a line break is quoted. A plain decimal number is written as it is.
 */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number): string {
  const text = String(value);
  if (typeof value === 'number' || PLAIN_NUMBER.test(text)) return text;
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Rows of cells as one CSV document, each row ended by CRLF. */
export function csvDocument(rows: readonly (readonly (string | number)[])[]): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
