/**
 * What may leave a process in a span: statement text without values, URLs without their query
 * string (a GET operation carries its variables there: a receipt code, a name), and error messages
 * without the quoted values GraphQL echoes back. Applied once more to every span as it is exported.
 */

/**
 * A statement with its literal values replaced by `?`. Our statements pass values as parameters,
 * so this only catches a literal written into the SQL. SQLite quotes identifiers with `"`, MySQL
 * with backticks (where `"` quotes a string).
 */
export function maskStatement(sql: string, system: 'sqlite' | 'mysql'): string {
  const masked = sql.replace(/'(?:[^'\\]|\\.|'')*'/g, '?').replace(/\b\d+(?:\.\d+)?\b/g, '?');
  return system === 'mysql' ? masked.replace(/"(?:[^"\\]|\\.|"")*"/g, '?') : masked;
}

/** A URL or request target without its query string and fragment. */
export function withoutQuery(url: string): string {
  const cut = url.search(/[?#]/);
  return cut === -1 ? url : url.slice(0, cut);
}

/** A message without the quoted values in it ("Expected type Int, found \"Zephyrine\"" names no one). */
export function withoutQuotedValues(message: string): string {
  return message.replace(/"(?:[^"\\]|\\.)*"/g, '"…"').replace(/'(?:[^'\\]|\\.)*'/g, "'…'");
}

type AttributeValue = string | number | boolean | (string | number | boolean | null | undefined)[] | undefined;

const URL_ATTRIBUTES = new Set(['http.url', 'http.target', 'url.full', 'url.original', 'url.path']);
const DROPPED_ATTRIBUTES = new Set(['url.query', 'graphql.document']);
const STATEMENT_ATTRIBUTES = new Set(['db.statement', 'db.query.text']);
const MESSAGE_ATTRIBUTES = new Set(['exception.message']);

/** Span or event attributes as they may be exported. */
export function redactAttributes(attributes: Record<string, AttributeValue>): Record<string, AttributeValue> {
  const system = attributes['db.system.name'] ?? attributes['db.system'];
  const out: Record<string, AttributeValue> = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (DROPPED_ATTRIBUTES.has(key)) continue;
    if (typeof value !== 'string') out[key] = value;
    else if (URL_ATTRIBUTES.has(key)) out[key] = withoutQuery(value);
    else if (STATEMENT_ATTRIBUTES.has(key)) out[key] = maskStatement(value, system === 'sqlite' ? 'sqlite' : 'mysql');
    else if (MESSAGE_ATTRIBUTES.has(key)) out[key] = withoutQuotedValues(value);
    else out[key] = value;
  }
  return out;
}
