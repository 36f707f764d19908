import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/*
 * Reading a printed proof back as a person's tools would: Debian's poppler-utils (pdftotext, pdftoppm, pdffonts)
 * and zbar-tools (zbarimg). .ci/run installs them and sets REQUIRE_PDF_TOOLS=1, so missing there is a failure, not a skip.
 */

const run = promisify(execFile);
const TOOLS = ['/usr/bin/pdftotext', '/usr/bin/pdftoppm', '/usr/bin/pdffonts', '/usr/bin/zbarimg'];

/** True when the tests that read PDFs can run (or must: REQUIRE_PDF_TOOLS=1 makes a missing tool a failure). */
export const pdfToolsAvailable = TOOLS.every((tool) => existsSync(tool)) || process.env.REQUIRE_PDF_TOOLS === '1';

/** What a PDF holds, read with the tools: its text, its text with word boxes, its fonts, and the QR codes on its pages. */
export async function readPdf(pdf: Buffer): Promise<{ text: string; boxes: string; fonts: string; codes: string[] }> {
  for (const tool of TOOLS) {
    if (!existsSync(tool)) throw new Error(`${tool} is missing: install Debian's poppler-utils and zbar-tools (REQUIRE_PDF_TOOLS=1 makes this a failure)`);
  }
  const folder = await mkdtemp(path.join(tmpdir(), 'icoca-pdf-'));
  try {
    const file = path.join(folder, 'proof.pdf');
    await writeFile(file, pdf);
    const text = (await run('pdftotext', ['-enc', 'UTF-8', file, '-'])).stdout;
    const boxes = (await run('pdftotext', ['-enc', 'UTF-8', '-bbox', file, '-'])).stdout;
    const fonts = (await run('pdffonts', [file])).stdout;
    // 150 dots per inch, as an office scanner or a phone photo of the page would give.
    await run('pdftoppm', ['-r', '150', '-png', file, path.join(folder, 'page')]);
    const codes: string[] = [];
    for (const page of (await readdir(folder)).filter((name) => name.endsWith('.png')).sort()) {
      const { stdout } = await run('zbarimg', ['--quiet', '--raw', path.join(folder, page)]).catch(() => ({ stdout: '' }));
      codes.push(...stdout.split('\n').filter(Boolean));
    }
    return { text, boxes, fonts, codes };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
