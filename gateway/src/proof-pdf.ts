import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { PROOF_FONTS, visualLine } from './proof-text';

/** What a printed proof states: a verification's answer, its signed receipt, and where to check it. */
export interface ProofContent {
  organizationId: string;
  /** The registered name on the day asked about (a former name, for a day before a rename). */
  organizationNameAsOf: string;
  /** Today's registered name, printed too when it differs. */
  organizationName: string;
  asOf: string;
  /** The standing, and the words the schema explains it with. */
  standing: { value: string; meaning: string };
  membershipStatus: string | null;
  certificationStatus: string | null;
  certificate: { number: string; standard: string; body: string | null; validFrom: string; validUntil: string } | null;
  /** When the receipt was signed (its `checkedAt`). */
  checkedAt: string;
  receipt: string;
  /** The address the QR code holds: the page that checks this receipt. */
  checkUrl: string;
  /** True when the receipt itself is in `checkUrl` (see membership-proof.ts, `checkAddress`). */
  receiptInCode: boolean;
}

/**
 * The fonts, read and parsed once: parsing Noto Sans's layout tables costs about 0.2 s of CPU, which every proof
 * would pay again if pdfkit were handed the file (pdfkit takes a fontkit font as it is, and embeds per document
 * only the subset of glyphs that document uses).
 */
let parsedFonts: Record<keyof typeof PROOF_FONTS, fontkit.Font> | undefined;
function fonts() {
  const parse = (file: string) => fontkit.create(readFileSync(file)) as fontkit.Font;
  return (parsedFonts ??= {
    regular: parse(PROOF_FONTS.regular),
    bold: parse(PROOF_FONTS.bold),
    arabic: parse(PROOF_FONTS.arabic),
    arabicBold: parse(PROOF_FONTS.arabicBold),
  });
}

const MARGIN = 56;
const LABEL_WIDTH = 150;

/**
 * Lets the event loop run what is waiting (GraphQL requests, other proofs) between two parts of a proof. Drawing a
 * proof is synchronous CPU, about 50 ms in all (0.1 s and more of wall time on a busy machine); in one piece it would
 * hold every other request of the gateway that long. Cut into five parts (the rows, the code, its explanation, the
 * receipt, the fonts' subsets) the longest hold is about a third of that. A worker thread would take it off the loop entirely, but the gateway runs from TypeScript in
 * tests and from dist/ in production, and a worker needs a JavaScript file of its own: not worth it at this cost.
 */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Renders the proof as one A4 page: the answer, the receipt as text, and a QR code drawn as vector squares (crisp at
 * any print resolution) of `checkUrl`. Resolves with the PDF's bytes.
 */
export async function renderProof(content: ProofContent): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: {
      Title: `Proof of ICoCA membership: ${content.organizationNameAsOf}`,
      Author: 'International Code of Conduct Association (ICoCA)',
      Subject: `Verification on ${content.asOf}, checked at ${content.checkedAt}`,
    },
  });
  // pdfkit's types know file names and bytes only; it takes a parsed fontkit font too (PDFFontFactory.open).
  const parsed = fonts() as unknown as Record<keyof typeof PROOF_FONTS, PDFKit.Mixins.PDFFontSource>;
  doc.registerFont('text', parsed.regular);
  doc.registerFont('bold', parsed.bold);
  doc.registerFont('arabic', parsed.arabic);
  doc.registerFont('arabic-bold', parsed.arabicBold);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = doc.page.width - 2 * MARGIN;
  doc.font('bold').fontSize(18).text('Proof of ICoCA membership', { width });
  doc.moveDown(0.2);
  doc
    .font('text')
    .fontSize(9)
    .fillColor('#444444')
    .text('International Code of Conduct Association (ICoCA): a verification of membership and certification, with its signed receipt.', {
      width,
    });
  doc.fillColor('black').moveDown(1);

  const row = (label: string, value: string, bold = false) => {
    const top = doc.y;
    doc.font('bold').fontSize(10).text(label, MARGIN, top, { width: LABEL_WIDTH - 10 });
    const labelBottom = doc.y;
    doc.y = top;
    drawLine(doc, value, MARGIN + LABEL_WIDTH, width - LABEL_WIDTH, bold);
    doc.x = MARGIN;
    doc.y = Math.max(doc.y, labelBottom) + 4;
  };
  row('Organization', content.organizationNameAsOf, true);
  if (content.organizationName !== content.organizationNameAsOf) row('Registered name today', content.organizationName);
  row('Organization id', content.organizationId);
  row('Day asked about', content.asOf);
  row('Standing', content.standing.value, true);
  doc.font('text').fontSize(9).fillColor('#444444').text(content.standing.meaning, MARGIN + LABEL_WIDTH, doc.y, { width: width - LABEL_WIDTH });
  doc.fillColor('black');
  doc.x = MARGIN;
  doc.y += 4;
  row('Membership status', content.membershipStatus ?? 'Not a member on that day');
  row('Certification', content.certificationStatus ?? 'Not known');
  if (content.certificate) {
    const { number, standard, body, validFrom, validUntil } = content.certificate;
    row('Certificate', `${number} (${standard})${body ? `, issued by ${body}` : ''}`);
    row('Certificate valid', `from ${validFrom} until ${validUntil}`);
  }
  row('Checked at', `${content.checkedAt} (UTC)`);
  doc.moveDown(1);
  await breathe();

  // The QR code, beside the explanation of how to check the proof.
  const qrTop = doc.y;
  const qrSize = 170;
  const qr = QRCode.create(content.checkUrl, { errorCorrectionLevel: 'M' });
  const modules = qr.modules.size;
  // Four modules of quiet zone on each side, as the QR standard asks.
  const cell = qrSize / (modules + 8);
  doc.rect(MARGIN, qrTop, qrSize, qrSize).fill('white');
  for (let y = 0; y < modules; y += 1) {
    for (let x = 0; x < modules; x += 1) {
      if (qr.modules.get(y, x)) doc.rect(MARGIN + (x + 4) * cell, qrTop + (y + 4) * cell, cell, cell);
    }
  }
  doc.fill('black');
  await breathe();
  const explanationX = MARGIN + qrSize + 16;
  const explanationWidth = width - qrSize - 16;
  doc.font('bold').fontSize(10).text('Check this proof', explanationX, qrTop + 8, { width: explanationWidth });
  doc
    .font('text')
    .fontSize(9)
    .text(
      content.receiptInCode
        ? 'Scan the code, or open the address below: the Association\'s page says whether the receipt is genuine ' +
            '(signed by the Association and unaltered) and what has changed in the record since it was checked.'
        : 'Scan the code, or open the address below: the Association\'s page says what has changed in the record since ' +
            'the check. The receipt itself was too long for the code: paste it (below) into that page to check its signature.',
      { width: explanationWidth },
    );
  doc.moveDown(0.5);
  drawUnbroken(doc.font('text').fontSize(7), content.checkUrl, explanationX, explanationWidth);
  doc.x = MARGIN;
  doc.y = Math.max(doc.y, qrTop + qrSize) + 12;

  await breathe();
  doc.font('bold').fontSize(10).text('Signed receipt', MARGIN, doc.y, { width });
  doc
    .font('text')
    .fontSize(8)
    .fillColor('#444444')
    .text(
      'A compact JWS signed by the Association (EdDSA). Anyone can check it with the public keys at /.well-known/jwks.json ' +
        'or with the query checkVerificationReceipt.',
      { width },
    );
  doc.fillColor('black').moveDown(0.3);
  drawUnbroken(doc.font('text').fontSize(6.5), content.receipt, MARGIN, width);
  await breathe();
  // Subsets and embeds the fonts: the last part.
  doc.end();
  return done;
}

/**
 * Draws a long string without spaces (a receipt, an address), cut into lines where the width is full. pdfkit would cut
 * it too, but by measuring ever longer prefixes of it, each laid out by fontkit again: a second of CPU for a receipt.
 * Here each distinct character is measured once.
 */
function drawUnbroken(doc: PDFKit.PDFDocument, text: string, x: number, width: number) {
  const widths = new Map<string, number>();
  const widthOf = (c: string) => {
    let w = widths.get(c);
    if (w === undefined) widths.set(c, (w = doc.widthOfString(c)));
    return w;
  };
  const lineHeight = doc.currentLineHeight(true);
  let y = doc.y;
  const draw = (line: string) => {
    doc.text(line, x, y, { lineBreak: false });
    y += lineHeight;
  };
  let line = '';
  let used = 0;
  for (const c of text) {
    const w = widthOf(c);
    if (used + w > width && line) {
      draw(line);
      line = '';
      used = 0;
    }
    line += c;
    used += w;
  }
  if (line) draw(line);
  doc.x = x;
  doc.y = y;
}

/** Draws one line of text that may be in any script, wrapped at run boundaries and set flush right when it reads right to left. */
function drawLine(doc: PDFKit.PDFDocument, text: string, x: number, width: number, bold: boolean) {
  const { runs, rightToLeft } = visualLine(text);
  doc.fontSize(10);
  const fontOf = (arabic: boolean) => (arabic ? (bold ? 'arabic-bold' : 'arabic') : bold ? 'bold' : 'text');
  const widths = runs.map((run) => doc.font(fontOf(run.arabic)).widthOfString(run.text));
  // pdfkit would draw a lone space as nothing: white space is a gap of its width.
  const total = widths.reduce((sum, w) => sum + w, 0);
  if (total > width) {
    // Too long for one line: drawn as plain wrapped text in logical order, each script in its font.
    for (const run of runs) doc.font(fontOf(run.arabic)).text(run.text, x, doc.y, { width, align: rightToLeft ? 'right' : 'left' });
    return;
  }
  const top = doc.y;
  let cursor = rightToLeft ? x + width - total : x;
  let bottom = top;
  runs.forEach((run, i) => {
    if (run.space) {
      cursor += widths[i];
      return;
    }
    doc.font(fontOf(run.arabic)).text(run.text, cursor, top, { lineBreak: false });
    bottom = Math.max(bottom, doc.y);
    cursor += widths[i];
  });
  doc.x = x;
  doc.y = Math.max(bottom, top + doc.currentLineHeight(true));
}
