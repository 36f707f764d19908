/**
 * Reads an import file (`npm run import`): JSON, `{ "organizations": [ ... ] }`, or CSV, one row per
 * organization. In CSV, list columns (countriesOfOperation, regionsOfOperation) hold codes separated
 * by `;`, and nested columns (statusHistory, formerNames, tradingNames, contacts, certifications,
 * montreuxDocumentParticipation) hold
 * the same JSON as the JSON file. Row numbers are the organization's position (JSON) or its line (CSV).
 */
import { readFileSync } from 'node:fs';

export interface FileRow {
  row: number;
  value: unknown;
}

const LIST_COLUMNS = new Set(['countriesOfOperation', 'regionsOfOperation']);
const JSON_COLUMNS = new Set(['statusHistory', 'formerNames', 'tradingNames', 'contacts', 'certifications', 'montreuxDocumentParticipation']);

/** RFC 4180 fields: commas, quotes doubled inside quoted fields, CRLF or LF line ends. */
export function parseCsv(text: string): { line: number; fields: string[] }[] {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  const end = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0] !== '') records.push({ line: recordLine, fields });
    fields = [];
    field = '';
  };
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') { field += '"'; i += 1; }
      else if (char === '"') quoted = false;
      else { if (char === '\n') line += 1; field += char; }
    } else if (char === '"') quoted = true;
    else if (char === ',') { fields.push(field); field = ''; }
    else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      end();
      line += 1;
      recordLine = line;
    } else field += char;
  }
  if (field !== '' || fields.length) end();
  return records;
}

/** The CSV's rows as the JSON file's organizations; a nested column that is not JSON stays text (and is refused as such). */
export function csvRows(text: string): FileRow[] {
  const [header, ...records] = parseCsv(text.replace(/^\uFEFF/, ''));
  if (!header) return [];
  const columns = header.fields.map((name) => name.trim());
  return records.map(({ line, fields }) => {
    const value: Record<string, unknown> = {};
    columns.forEach((column, i) => {
      const cell = (fields[i] ?? '').trim();
      if (cell === '') return;
      if (LIST_COLUMNS.has(column)) value[column] = cell.split(';').map((v) => v.trim()).filter(Boolean);
      else if (JSON_COLUMNS.has(column)) {
        try {
          value[column] = JSON.parse(cell);
        } catch {
          value[column] = cell;
        }
      } else value[column] = cell;
    });
    return { row: line, value };
  });
}

/** The organizations of a file, JSON or CSV by its extension (or its first character). */
export function readRegisterFile(file: string): FileRow[] {
  const text = readFileSync(file, 'utf8');
  if (file.toLowerCase().endsWith('.csv') || (!file.toLowerCase().endsWith('.json') && !/^\s*[{[]/.test(text))) {
    return csvRows(text);
  }
  const parsed = JSON.parse(text) as unknown;
  const organizations = Array.isArray(parsed) ? parsed : (parsed as { organizations?: unknown }).organizations;
  if (!Array.isArray(organizations)) throw new Error(`${file}: expected { "organizations": [ ... ] }`);
  return organizations.map((value, i) => ({ row: i + 1, value }));
}
