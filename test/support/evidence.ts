import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { EICAR } from './clamav';

/*
 * Files a complainant might send, made here with their metadata (a GPS position, a camera serial, an
 * author), and the gateway's evidence routes as a client calls them.
 */

const run = promisify(execFile);

/** Strings written into the files' metadata: none may be left in what is stored or served. */
export const AUTHOR = 'Jane Witness-Okonkwo';
export const CAMERA_SERIAL = 'CAMSERIAL-778812';
export const XMP_CREATOR = 'Jane XMP Creator';

/** A JPEG photo with EXIF (GPS position in Baghdad, camera serial, artist, orientation), XMP and IPTC, written by exiftool. */
export async function photoWithMetadata(): Promise<Buffer> {
  const folder = await mkdtemp(path.join(tmpdir(), 'icoca-photo-'));
  try {
    const file = path.join(folder, 'photo.jpg');
    await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 180, g: 40, b: 30 } } }).jpeg().toFile(file);
    await run('exiftool', [
      '-q', '-overwrite_original',
      '-GPSLatitude=33.3128', '-GPSLatitudeRef=N', '-GPSLongitude=44.3615', '-GPSLongitudeRef=E',
      `-SerialNumber=${CAMERA_SERIAL}`, `-Artist=${AUTHOR}`, `-XMP-dc:Creator=${XMP_CREATOR}`, `-IPTC:By-line=${AUTHOR}`,
      '-Orientation#=6', file,
    ]);
    return await readFile(file);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** A PDF of `objects` (1-based), with a correct cross-reference table, `trailer` entries added after /Root. */
function pdfOf(objects: string[], trailer = ''): Buffer {
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out +=
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` +
    offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('') +
    `trailer\n<</Size ${objects.length + 1}/Root 1 0 R${trailer}>>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** A PDF whose own Info dictionary names an author and whose XMP names a creator (as a scanner's PDF would). */
export function pdfWithAuthor(): Buffer {
  const xmp =
    '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF ' +
    'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" ' +
    `xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator><rdf:Seq><rdf:li>${XMP_CREATOR}</rdf:li></rdf:Seq></dc:creator>` +
    '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>';
  return pdfOf(
    [
      '<</Type/Catalog/Pages 2 0 R/Metadata 5 0 R>>',
      '<</Type/Pages/Kids[3 0 R]/Count 1>>',
      '<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>',
      `<</Author(${AUTHOR})/Creator(${CAMERA_SERIAL})>>`,
      `<</Type/Metadata/Subtype/XML/Length ${xmp.length}>>\nstream\n${xmp}\nendstream`,
    ],
    '/Info 4 0 R',
  );
}

/** A PDF carrying the EICAR test file as an attachment: what a complainant's malware would look like. */
export function pdfWithEicar(): Buffer {
  return pdfOf([
    '<</Type/Catalog/Pages 2 0 R/Names<</EmbeddedFiles<</Names[(eicar.com) 5 0 R]>>>>>>',
    '<</Type/Pages/Kids[3 0 R]/Count 1>>',
    '<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>',
    `<</Type/EmbeddedFile/Length ${EICAR.length}>>\nstream\n${EICAR}\nendstream`,
    '<</Type/Filespec/F(eicar.com)/EF<</F 4 0 R>>>>',
  ]);
}

/** What exiftool alone leaves of a PDF: its edit is an appended update, the old values stay in the file. */
export async function exiftoolAlone(bytes: Buffer): Promise<Buffer> {
  const folder = await mkdtemp(path.join(tmpdir(), 'icoca-pdf-'));
  try {
    const file = path.join(folder, 'in.pdf');
    await writeFile(file, bytes);
    await run('exiftool', ['-q', '-q', '-all:all=', '-overwrite_original', file]);
    return await readFile(file);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** The metadata exiftool reads in `bytes`, as `group:tag` → value. */
export async function metadataOf(bytes: Buffer): Promise<Record<string, unknown>> {
  const folder = await mkdtemp(path.join(tmpdir(), 'icoca-read-'));
  try {
    const file = path.join(folder, 'file');
    await writeFile(file, bytes);
    const { stdout } = await run('exiftool', ['-j', '-G1', '-a', file]);
    return (JSON.parse(stdout) as Record<string, unknown>[])[0];
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

export interface EvidenceAnswer {
  status: number;
  body: Record<string, any>;
}

/** Sends evidence through the gateway's `POST /complaints/evidence`, as a real multipart body. */
export async function sendEvidence(
  gatewayBaseUrl: string,
  bytes: Buffer,
  fileName: string,
  options: { receiptCode?: string; message?: string; messageId?: string; token?: string; type?: string },
): Promise<EvidenceAnswer> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: options.type ?? 'application/octet-stream' }), fileName);
  if (options.message !== undefined) form.append('message', options.message);
  if (options.messageId !== undefined) form.append('messageId', options.messageId);
  const headers: Record<string, string> = {};
  if (options.receiptCode) headers['x-receipt-code'] = options.receiptCode;
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response = await fetch(`${gatewayBaseUrl}/complaints/evidence`, { method: 'POST', headers, body: form });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

/** Downloads an item through the gateway's `GET /complaints/evidence/:id`, with a token or a receipt code. */
export async function fetchEvidence(gatewayBaseUrl: string, id: string, options: { receiptCode?: string; token?: string } = {}) {
  const headers: Record<string, string> = {};
  if (options.receiptCode) headers['x-receipt-code'] = options.receiptCode;
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response = await fetch(`${gatewayBaseUrl}/complaints/evidence/${id}`, { headers });
  const bytes = Buffer.from(await response.arrayBuffer());
  let body: Record<string, any> | null = null;
  if ((response.headers.get('content-type') ?? '').startsWith('application/json')) body = JSON.parse(bytes.toString('utf8')) as Record<string, any>;
  return { status: response.status, headers: response.headers, bytes, body };
}

/**
 * Sends a PDF-headed file of `size` bytes (padding after the head: no PDF object in it) from a child process,
 * writing the body as it is made, at the pace the server reads it; resolves the answer's status and body.
 */
export function sendFromAnotherProcess(url: string, receiptCode: string, size: number) {
  const script = `
    const { request } = require('node:http');
    const [url, code, size] = [process.env.URL, process.env.CODE, Number(process.env.SIZE)];
    const boundary = 'icoca-child-boundary';
    const piece = Buffer.alloc(64 * 1024, 0x25);
    const req = request(url, { method: 'POST', headers: { 'x-receipt-code': code, 'content-type': 'multipart/form-data; boundary=' + boundary } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => process.stdout.write(JSON.stringify({ status: res.statusCode, body: JSON.parse(Buffer.concat(chunks).toString()) })));
    });
    req.on('error', (e) => { process.stderr.write(String(e)); process.exit(1); });
    (async () => {
      const send = (b) => (req.write(b) ? undefined : new Promise((r) => req.once('drain', r)));
      await send('--' + boundary + '\\r\\ncontent-disposition: form-data; name="message"\\r\\n\\r\\nA large scan.\\r\\n');
      await send('--' + boundary + '\\r\\ncontent-disposition: form-data; name="file"; filename="scan.pdf"\\r\\ncontent-type: application/pdf\\r\\n\\r\\n');
      const start = Buffer.from('%PDF-1.4\\n% a scan, padded\\n');
      await send(start);
      for (let sent = start.length; sent < size; sent += piece.length) await send(piece.subarray(0, Math.min(piece.length, size - sent)));
      req.end('\\r\\n--' + boundary + '--\\r\\n');
    })();
  `;
  return new Promise<{ status: number; body: Record<string, any> }>((resolve, reject) => {
    execFile(process.execPath, ['-e', script], { env: { URL: url, CODE: receiptCode, SIZE: String(size) }, maxBuffer: 1024 * 1024 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${error.message} ${stderr}`)) : resolve(JSON.parse(stdout) as { status: number; body: Record<string, any> }),
    );
  });
}
