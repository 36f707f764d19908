import { execFile } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { crc32 } from 'node:zlib';
import type { Stack } from './stack';

/** A small but real PDF (one empty page), padded with a comment to `size` bytes when asked. */
export function pdf(label = 'ICoCA test document', size = 0): Buffer {
  const body = Buffer.from(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n` +
      `3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n% ${label}\n`,
  );
  const padding = Math.max(0, size - body.length - 6);
  return Buffer.concat([body, Buffer.alloc(padding, 0x25), Buffer.from('\n%%EOF')]);
}

export const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);
export const JPEG = Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex');
/** The first bytes of a Windows executable: what an `.exe` renamed `.pdf` starts with. */
export const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(200, 0)]);

/** A stored (uncompressed) ZIP archive of `entries`: enough for a DOCX or XLSX as their readers see them. */
export function zip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text);
    const fileName = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += 30 + fileName.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const CONTENT_TYPES = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';
export const DOCX_FILE = zip({ '[Content_Types].xml': CONTENT_TYPES, 'word/document.xml': '<w:document/>' });
export const XLSX_FILE = zip({ '[Content_Types].xml': CONTENT_TYPES, 'xl/workbook.xml': '<workbook/>' });
/** A ZIP that is neither: an ordinary archive renamed `.docx`. */
export const PLAIN_ZIP = zip({ 'readme.txt': 'not an office document' });

export interface UploadAnswer {
  status: number;
  body: Record<string, any>;
  requestId: string | null;
}

/** Uploads `bytes` through the gateway's `POST /documents`, as a real multipart/form-data body. */
export async function upload(
  stack: Stack,
  bytes: Buffer,
  fileName: string,
  options: { token?: string; organizationId?: string; type?: string } = {},
): Promise<UploadAnswer> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: options.type ?? 'application/pdf' }), fileName);
  if (options.organizationId) form.append('organizationId', options.organizationId);
  const response = await fetch(`${stack.gatewayBaseUrl}/documents`, {
    method: 'POST',
    headers: options.token ? { authorization: `Bearer ${options.token}` } : {},
    body: form,
  });
  return { status: response.status, body: (await response.json()) as Record<string, any>, requestId: response.headers.get('x-request-id') };
}

/** Downloads a document through the gateway's `GET /documents/:id`. */
export async function download(stack: Stack, id: string, token?: string) {
  const response = await fetch(`${stack.gatewayBaseUrl}/documents/${id}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, bytes, requestId: response.headers.get('x-request-id') };
}

export const BOUNDARY = 'icoca-test-boundary';

/** The multipart envelope around one file named `fileName` (field "file"): what goes before and after its bytes. */
export function envelope(fileName: string): { head: Buffer; tail: Buffer } {
  return {
    head: Buffer.from(`--${BOUNDARY}\r\ncontent-disposition: form-data; name="file"; filename="${fileName}"\r\ncontent-type: application/pdf\r\n\r\n`),
    tail: Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  };
}

/**
 * POSTs a multipart body that `parts` produces piece by piece (no Content-Length), through the gateway, with
 * Node's fetch: nothing of the body needs to be in memory at once.
 */
export async function streamUpload(stack: Stack, parts: AsyncIterator<Buffer> | Iterator<Buffer>, token: string): Promise<UploadAnswer> {
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await parts.next();
      if (next.done) controller.close();
      else controller.enqueue(new Uint8Array(next.value.buffer, next.value.byteOffset, next.value.length));
    },
  });
  const response = await fetch(`${stack.gatewayBaseUrl}/documents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    body,
    duplex: 'half',
  } as RequestInit);
  return { status: response.status, body: (await response.json()) as Record<string, any>, requestId: response.headers.get('x-request-id') };
}

/** A GET sent with its path exactly as given (fetch would resolve `%2E%2E` segments before sending). */
export function getRawPath(baseUrl: string, rawPath: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: Record<string, any> }>((resolve, reject) => {
    const url = new URL(baseUrl);
    const request = httpRequest({ host: url.hostname, port: url.port, path: rawPath, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: Record<string, any>;
        try {
          body = JSON.parse(text) as Record<string, any>;
        } catch {
          body = { text };
        }
        resolve({ status: response.statusCode ?? 0, body });
      });
    });
    request.on('error', reject);
    request.end();
  });
}

/**
 * Uploads a PDF of `size` bytes (a valid head, then padding) from a child process with node:http, writing
 * the body as it is made, at the pace the server reads it; the child says what it got and the bytes' SHA-256.
 */
export function uploadFromAnotherProcess(url: string, token: string, size: number) {
  const script = `
    const { request } = require('node:http');
    const { createHash } = require('node:crypto');
    const [url, token, size] = [process.env.URL, process.env.TOKEN, Number(process.env.SIZE)];
    const boundary = 'icoca-child-boundary';
    const start = Buffer.from('%PDF-1.4\\n% made by a child process\\n');
    const piece = Buffer.alloc(64 * 1024, 0x25);
    const hash = createHash('sha256');
    const req = request(url, { method: 'POST', headers: { authorization: 'Bearer ' + token, 'content-type': 'multipart/form-data; boundary=' + boundary } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => process.stdout.write(JSON.stringify({ status: res.statusCode, body: JSON.parse(Buffer.concat(chunks).toString()), sha256: hash.digest('hex') })));
    });
    req.on('error', (e) => { process.stderr.write(String(e)); process.exit(1); });
    (async () => {
      const send = (b) => (req.write(b) ? undefined : new Promise((r) => req.once('drain', r)));
      await send('--' + boundary + '\\r\\ncontent-disposition: form-data; name="file"; filename="big.pdf"\\r\\ncontent-type: application/pdf\\r\\n\\r\\n');
      hash.update(start);
      await send(start);
      for (let sent = start.length; sent < size; sent += piece.length) {
        const next = piece.subarray(0, Math.min(piece.length, size - sent));
        hash.update(next);
        await send(next);
      }
      req.end('\\r\\n--' + boundary + '--\\r\\n');
    })();
  `;
  return runNode<{ status: number; body: Record<string, any>; sha256: string }>(script, { URL: url, TOKEN: token, SIZE: String(size) });
}

/** Runs `script` in a child Node process with `env`; resolves what it printed, parsed as JSON. */
function runNode<T>(script: string, env: Record<string, string>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    execFile(process.execPath, ['-e', script], { env, maxBuffer: 1024 * 1024 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${error.message} ${stderr}`)) : resolve(JSON.parse(stdout) as T),
    );
  });
}

/**
 * Uploads a PDF of `size` bytes as a client in another process would: Node's fetch with a FormData body
 * (Content-Length known). A refusal the client cannot read (EPIPE, a reset) fails with fetch's error.
 */
export function fetchFromAnotherProcess(url: string, token: string, size: number) {
  const script = `
    const bytes = Buffer.alloc(Number(process.env.SIZE), 0x25);
    bytes.write('%PDF-1.4\\n');
    const form = new FormData();
    form.append('file', new Blob([bytes], { type: 'application/pdf' }), 'upload.pdf');
    fetch(process.env.URL, { method: 'POST', headers: { authorization: 'Bearer ' + process.env.TOKEN }, body: form })
      .then(async (response) => process.stdout.write(JSON.stringify({ status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.json() })))
      .catch((error) => { process.stderr.write(String(error) + ' ' + String(error.cause)); process.exit(1); });
  `;
  return runNode<{ status: number; retryAfter: string | null; body: Record<string, any> }>(script, { URL: url, TOKEN: token, SIZE: String(size) });
}
