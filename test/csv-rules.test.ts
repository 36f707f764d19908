import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvWriter, neutraliseFormula } from '../services/shared/src';

/** Writes rows with the exports' CSV writer and gives the file as sent. */
async function written(columns: string[], rows: unknown[]): Promise<string> {
  const writer = csvWriter(columns);
  const chunks: string[] = [];
  writer.on('data', (chunk: Buffer | string) => chunks.push(chunk.toString()));
  const ended = new Promise((resolve, reject) => writer.on('end', resolve).on('error', reject));
  for (const row of rows) writer.write(row);
  writer.end();
  await ended;
  return chunks.join('');
}

describe('formula-looking cells (OWASP CSV injection)', () => {
  it('prefixes a single quote to a cell starting with =, +, -, @, a tab or a carriage return', () => {
    expect(neutraliseFormula('=HYPERLINK("http://evil.example","Click")')).toBe(`'=HYPERLINK("http://evil.example","Click")`);
    expect(neutraliseFormula('@SUM(1)')).toBe("'@SUM(1)");
    expect(neutraliseFormula('-2+3')).toBe("'-2+3");
    expect(neutraliseFormula('+33 1 23 45 67 89')).toBe("'+33 1 23 45 67 89");
    expect(neutraliseFormula('\t=1+1')).toBe("'\t=1+1");
    expect(neutraliseFormula('\r=1+1')).toBe("'\r=1+1");
  });

  it('leaves every other cell as it is, formula characters inside a name included', () => {
    for (const text of ['Aegis Meridian Security Ltd', 'Jadeport Security Services FZ-LLC', 'A=B Guarding', 'شركة الأمان', '', ' =1', "'quoted"]) {
      expect(neutraliseFormula(text)).toBe(text);
    }
  });
});

describe('the exports\' CSV writer', () => {
  it('writes a byte-order mark, a header row, CRLF line ends, empty cells for null, booleans as words', async () => {
    const file = await written(['name', 'since', 'certified'], [['Aegis Meridian Security Ltd', null, true], { name: 'Bastion', since: '2020-01-01', certified: false }]);
    expect(file).toBe('\uFEFFname,since,certified\r\nAegis Meridian Security Ltd,,true\r\nBastion,2020-01-01,false\r\n');
  });

  it('neutralises every text cell and quotes what needs quoting, so a reader gets one cell each', async () => {
    const names = ['=HYPERLINK("http://evil.example","Click")', '@SUM(1)', '-2+3', 'Line one\nline two, "quoted"'];
    const file = await written(['name'], names.map((name) => [name]));
    const rows = parse(file, { bom: true, columns: true }) as { name: string }[];
    expect(rows.map((row) => row.name)).toEqual([`'${names[0]}`, "'@SUM(1)", "'-2+3", names[3]]);
  });

  it('quotes a cell holding a lone line break, so a spreadsheet that ends a row at any line break reads one row, no formula', async () => {
    // A certificate number (or a name asked in a verification batch) may hold a newline: unquoted, the text after it
    // became a row of its own in Excel, starting with whatever followed (here a formula).
    const cells = ['12-345\n=HYPERLINK("http://evil.example","Click")', 'ISO 18788\r@SUM(1)'];
    const file = await written(['certificateNumber', 'standard'], [cells]);
    const rows = parse(file, { bom: true, columns: true, record_delimiter: ['\r\n', '\n', '\r'] }) as Record<string, string>[];
    expect(rows).toEqual([{ certificateNumber: cells[0], standard: cells[1] }]);
  });
});
