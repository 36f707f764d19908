import { createHash, randomUUID } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentChunk, StoredDocument } from '../services/certification/src/document/document.entity';
import { DATABASES } from './support/databases';
import {
  DOCX_FILE,
  download,
  envelope,
  EXE,
  fetchFromAnotherProcess,
  getRawPath,
  JPEG,
  pdf,
  PLAIN_ZIP,
  PNG,
  streamUpload,
  upload,
  uploadFromAnotherProcess,
  XLSX_FILE,
} from './support/documents';
import { ORG } from './support/membership';
import { startStack, type Stack } from './support/stack';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const MiB = 1024 * 1024;
/** The storage quota of each organization in the first stack: the 17 MB document below fits, two 12 MiB ones and an 8 MiB one do not. */
const QUOTA_BYTES = 30 * MiB;

describe.each(DATABASES)('certification documents through the gateway on %s', (database) => {
  let stack: Stack;
  const tokens: Record<string, string> = {};
  const documentCount = () => stack.subgraphs.certification.database.dataSource.manager.count(StoredDocument);

  beforeAll(async () => {
    stack = await startStack({ database, env: { DOCUMENT_QUOTA_BYTES: String(QUOTA_BYTES) } });
    tokens.company = await stack.token('member', ORG.montanaAzul);
    tokens.otherCompany = await stack.token('member', ORG.bastionShield);
    tokens.partner = await stack.token('partner');
    tokens.secretariat = await stack.token('secretariat');
  });
  afterAll(() => stack?.stop());

  it('stores a PDF the company uploads, by its SHA-256, and gives it back to the company byte for byte', async () => {
    const bytes = pdf('audit report stage 2');
    const uploaded = await upload(stack, bytes, 'Audit report – Perú.pdf', { token: tokens.company });
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({
      sha256: sha256(bytes),
      fileName: 'Audit report – Perú.pdf',
      contentType: 'application/pdf',
      sizeBytes: bytes.length,
      organizationId: ORG.montanaAzul,
    });
    const fetched = await download(stack, uploaded.body.id, tokens.company);
    expect(fetched.status).toBe(200);
    expect(fetched.bytes.equals(bytes)).toBe(true);
    expect(fetched.headers.get('content-type')).toBe('application/pdf');
    expect(fetched.headers.get('cache-control')).toBe('private, no-store');
    expect(fetched.headers.get('content-disposition')).toBe(
      `attachment; filename="Audit report _ Per_.pdf"; filename*=UTF-8''${encodeURIComponent('Audit report – Perú.pdf')}`,
    );
    expect(fetched.headers.get('x-document-sha256')).toBe(sha256(bytes));
  });

  it('logs every download with who downloaded, in the certification subgraph\'s structured log', async () => {
    const uploaded = await upload(stack, pdf('logged'), 'logged.pdf', { token: tokens.company });
    const bySecretariat = await download(stack, uploaded.body.id, tokens.secretariat);
    expect(bySecretariat.status).toBe(200);
    const lines = await stack.logLinesOf(bySecretariat.requestId!);
    const line = lines.find((l) => l.message === 'document downloaded');
    expect(line).toMatchObject({
      service: 'certification',
      documentId: uploaded.body.id,
      organizationId: ORG.montanaAzul,
      viewerRole: 'secretariat',
      viewerSubject: 'test-secretariat',
    });
  });

  it('reads the type from the content: PNG, JPEG, DOCX and XLSX pass whatever their names', async () => {
    const cases: [Buffer, string, string][] = [
      [PNG, 'scan.pdf', 'image/png'],
      [JPEG, 'photo.jpg', 'image/jpeg'],
      [DOCX_FILE, 'risk-assessment.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      [XLSX_FILE, 'corrective-actions.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ];
    for (const [bytes, name, type] of cases) {
      const uploaded = await upload(stack, bytes, name, { token: tokens.company, type: 'application/octet-stream' });
      expect(uploaded.status, name).toBe(201);
      expect(uploaded.body.contentType, name).toBe(type);
    }
  });

  it('refuses an executable renamed .pdf, and a plain ZIP renamed .docx, and stores nothing', async () => {
    const before = await documentCount();
    const exe = await upload(stack, EXE, 'certificate.pdf', { token: tokens.company, type: 'application/pdf' });
    expect(exe.status).toBe(415);
    expect(exe.body.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'file' });
    const archive = await upload(stack, PLAIN_ZIP, 'report.docx', { token: tokens.company });
    expect(archive.status).toBe(415);
    expect(await documentCount()).toBe(before);
  });

  it('stores the same bytes once, however often they are uploaded', async () => {
    const bytes = pdf('uploaded twice');
    const first = await upload(stack, bytes, 'a.pdf', { token: tokens.company });
    const second = await upload(stack, bytes, 'b.pdf', { token: tokens.secretariat, organizationId: ORG.montanaAzul });
    expect(second.body.sha256).toBe(first.body.sha256);
    expect(second.body.id).not.toBe(first.body.id);
    const chunks = await stack.subgraphs.certification.database.dataSource.manager.countBy(DocumentChunk, { sha256: first.body.sha256 });
    expect(chunks).toBe(1);
  });

  it('keeps a document larger than 16 MB (MariaDB\'s max_allowed_packet) in 1 MiB chunks and returns it whole', async () => {
    const bytes = pdf('large', 17 * 1024 * 1024 + 123);
    const uploaded = await upload(stack, bytes, 'full-audit-report.pdf', { token: tokens.company });
    expect(uploaded.status).toBe(201);
    expect(uploaded.body.sha256).toBe(sha256(bytes));
    const chunks = await stack.subgraphs.certification.database.dataSource.manager.countBy(DocumentChunk, { sha256: uploaded.body.sha256 });
    expect(chunks).toBe(18);
    const fetched = await download(stack, uploaded.body.id, tokens.company);
    expect(fetched.status).toBe(200);
    expect(fetched.bytes.length).toBe(bytes.length);
    expect(sha256(fetched.bytes)).toBe(sha256(bytes));
  });

  it('refuses a body over 25 MB at the gateway', async () => {
    const before = await documentCount();
    const uploaded = await upload(stack, pdf('too large', 26 * 1024 * 1024), 'huge.pdf', { token: tokens.company });
    expect(uploaded.status).toBe(413);
    expect(await documentCount()).toBe(before);
  });

  it('also stops a body sent without Content-Length once it passes 25 MB', async () => {
    const before = await documentCount();
    const boundary = 'icoca-test-boundary';
    const head = Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="streamed.pdf"\r\ncontent-type: application/pdf\r\n\r\n`);
    const parts = [head, pdf('streamed', 26 * 1024 * 1024), Buffer.from(`\r\n--${boundary}--\r\n`)];
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = parts.shift();
        if (next) controller.enqueue(new Uint8Array(next));
        else controller.close();
      },
    });
    const response = await fetch(`${stack.gatewayBaseUrl}/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.company}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(await documentCount()).toBe(before);
  });

  it('lets only the company\'s members and the Secretariat upload and download; never the public', async () => {
    const bytes = pdf('private');
    expect((await upload(stack, bytes, 'x.pdf')).status).toBe(401);
    const byPartner = await upload(stack, bytes, 'x.pdf', { token: tokens.partner });
    expect(byPartner.status).toBe(403);
    expect(byPartner.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const forAnother = await upload(stack, bytes, 'x.pdf', { token: tokens.company, organizationId: ORG.bastionShield });
    expect(forAnother.status).toBe(403);
    const secretariatWithout = await upload(stack, bytes, 'x.pdf', { token: tokens.secretariat });
    expect(secretariatWithout.status).toBe(400);
    expect(secretariatWithout.body.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'organizationId' });

    const uploaded = await upload(stack, bytes, 'x.pdf', { token: tokens.company });
    const id = uploaded.body.id;
    expect((await download(stack, id)).status).toBe(401);
    expect((await download(stack, id, tokens.partner)).status).toBe(404);
    const byOther = await download(stack, id, tokens.otherCompany);
    expect(byOther.status).toBe(404);
    expect(byOther.bytes.includes(Buffer.from('private'))).toBe(false);
    expect((await download(stack, id, tokens.secretariat)).status).toBe(200);
    expect((await download(stack, '00000000-0000-4000-8000-000000000000', tokens.secretariat)).status).toBe(404);
    const refusal = await download(stack, id, tokens.otherCompany);
    const lines = await stack.logLinesOf(refusal.requestId!);
    expect(lines.find((l) => l.message === 'document download refused')).toMatchObject({ viewerOrganizationId: ORG.bastionShield });
  });

  it('refuses a document for an organization the membership directory does not know: NOT_FOUND, nothing stored', async () => {
    const before = await documentCount();
    const unknown = await upload(stack, pdf('for nobody'), 'x.pdf', { token: tokens.secretariat, organizationId: randomUUID() });
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors[0].extensions.code).toBe('NOT_FOUND');
    expect(await documentCount()).toBe(before);
  });

  it('keeps an organization\'s documents within its storage quota: QUOTA_EXCEEDED and nothing stored past it', async () => {
    const token = await stack.token('member', ORG.cordillera);
    const first = pdf('quota one', 12 * MiB);
    expect((await upload(stack, first, 'one.pdf', { token })).status).toBe(201);
    expect((await upload(stack, pdf('quota two', 12 * MiB), 'two.pdf', { token })).status).toBe(201);
    const before = await documentCount();
    const over = await upload(stack, pdf('quota three', 8 * MiB), 'three.pdf', { token });
    expect(over.status).toBe(413);
    expect(over.body.errors[0].extensions).toMatchObject({ code: 'QUOTA_EXCEEDED', quotaBytes: QUOTA_BYTES });
    expect(await documentCount()).toBe(before);
    const chunks = await stack.subgraphs.certification.database.dataSource.manager.countBy(DocumentChunk, { sha256: sha256(pdf('quota three', 8 * MiB)) });
    expect(chunks).toBe(0);
    // Bytes it already holds take no more room; another company has its own quota.
    expect((await upload(stack, first, 'one again.pdf', { token })).status).toBe(201);
    expect((await upload(stack, pdf('quota three', 8 * MiB), 'three.pdf', { token: tokens.otherCompany })).status).toBe(201);
  });

  it('answers an over-long document id in the project\'s error format, at the gateway and at the subgraph', async () => {
    const id = 'a'.repeat(5000);
    const atGateway = await fetch(`${stack.gatewayBaseUrl}/documents/${id}`, { headers: { authorization: `Bearer ${tokens.company}` } });
    expect(atGateway.status).toBe(414);
    expect(((await atGateway.json()) as any).errors[0].extensions.code).toBe('BAD_REQUEST');
    const base = stack.subgraphs.certification.url.replace(/\/graphql$/, '');
    const atSubgraph = await fetch(`${base}/documents/${id}`, {
      headers: { authorization: `Bearer ${tokens.company}`, 'x-gateway-secret': stack.gatewaySecret('certification') },
    });
    expect(atSubgraph.status).toBe(414);
    expect(((await atSubgraph.json()) as any).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('proxies document ids only: dot segments never reach another route of the certification subgraph', async () => {
    for (const path of ['/documents/%2E%2E', '/documents/%2e%2e', '/documents/.%2E', '/documents/..%2F..', '/documents/%2E%2E%2Fgraphql', '/documents/%2E']) {
      const answer = await getRawPath(stack.gatewayBaseUrl, path, { authorization: `Bearer ${tokens.secretariat}` });
      expect(answer.status, path).toBe(404);
      expect(answer.body.errors?.[0]?.extensions?.code, path).toBe('NOT_FOUND');
    }
  });

  it('answers only the gateway: the subgraph\'s document routes refuse a caller without the secret', async () => {
    const uploaded = await upload(stack, pdf('direct'), 'direct.pdf', { token: tokens.company });
    const base = stack.subgraphs.certification.url.replace(/\/graphql$/, '');
    const direct = await fetch(`${base}/documents/${uploaded.body.id}`, { headers: { authorization: `Bearer ${tokens.company}` } });
    expect(direct.status).toBe(403);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(pdf('direct upload'))]), 'direct.pdf');
    const directUpload = await fetch(`${base}/documents`, { method: 'POST', headers: { authorization: `Bearer ${tokens.company}` }, body: form });
    expect(directUpload.status).toBe(403);
  });
});

describe('document routes under the gateway\'s rate limits', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ database: 'sqlite', only: ['membership', 'certification'], gatewayEnv: { RATE_LIMIT_AUTHENTICATED: '3' } });
    // Starting a stack in this process blocks its event loop for a moment; the load shedder answers 503 until
    // the next sample. /health (not rate-limited) says when every process answers again.
    for (let tries = 0; tries < 50; tries += 1) {
      if ((await fetch(`${stack.gatewayBaseUrl}/health`)).status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });
  afterAll(() => stack?.stop());

  it('counts uploads and downloads against the caller\'s limit: 429 with Retry-After, nothing stored', async () => {
    const token = await stack.token('member', ORG.montanaAzul);
    const first = await upload(stack, pdf('one'), 'one.pdf', { token });
    expect(first.status).toBe(201);
    expect((await download(stack, first.body.id, token)).status).toBe(200);
    expect((await upload(stack, pdf('two'), 'two.pdf', { token })).status).toBe(201);
    const before = await stack.subgraphs.certification.database.dataSource.manager.count(StoredDocument);
    const response = await fetch(`${stack.gatewayBaseUrl}/documents/${first.body.id}`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await response.json()) as any).errors[0].extensions.code).toBe('RATE_LIMITED');
    const refused = await upload(stack, pdf('three'), 'three.pdf', { token });
    expect(refused.status).toBe(429);
    expect(await stack.subgraphs.certification.database.dataSource.manager.count(StoredDocument)).toBe(before);
  });

  it('answers 503 SERVICE_UNAVAILABLE for uploads and downloads while the certification subgraph is down', async () => {
    const token = await stack.token('secretariat');
    await stack.subgraphs.certification.stop();
    const uploaded = await upload(stack, pdf('during an outage'), 'outage.pdf', { token, organizationId: ORG.montanaAzul });
    expect(uploaded.status).toBe(503);
    expect(uploaded.body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    const fetched = await download(stack, '00000000-0000-4000-8000-000000000000', token);
    expect(fetched.status).toBe(503);
  });
});

/** Live memory of this process (all of the stack runs in it): the heap and the buffers, after a full collection. */
function liveMemory(): () => number {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  return () => {
    // Twice: buffers that died in the first collection are freed (swept) by the start of the second.
    gc();
    gc();
    const usage = process.memoryUsage();
    return usage.heapUsed + usage.arrayBuffers;
  };
}

describe('document uploads within the bounds of a process', () => {
  let stack: Stack;
  let token: string;
  beforeAll(async () => {
    stack = await startStack({ database: 'sqlite', only: ['membership', 'certification'], env: { DOCUMENT_CONCURRENT_UPLOADS: '1' } });
    token = await stack.token('member', ORG.montanaAzul);
  });
  afterAll(() => stack?.stop());

  it('receives one upload at a time here (DOCUMENT_CONCURRENT_UPLOADS=1): the others get 503 with Retry-After', async () => {
    // An upload held open half-way: its first MiB sent, the rest when `finish` is called.
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const bytes = pdf('held open', 3 * MiB);
    const { head, tail } = envelope('held.pdf');
    async function* held() {
      yield Buffer.concat([head, bytes.subarray(0, MiB)]);
      await finished;
      yield Buffer.concat([bytes.subarray(MiB), tail]);
    }
    const holding = streamUpload(stack, held(), token);
    // Until the held upload has its slot, a probe (an executable: refused for its type) reaches the type check.
    const busy = (answer: { status: number; body: Record<string, any> }) => answer.status === 503 && /Too many documents/.test(answer.body.errors?.[0]?.message);
    let probe = await upload(stack, EXE, 'probe.pdf', { token });
    for (let tries = 0; !busy(probe) && tries < 100; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      probe = await upload(stack, EXE, 'probe.pdf', { token });
    }
    expect(probe.status).toBe(503);
    expect(probe.body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    for (let tries = 0; tries < 3; tries += 1) {
      const busy = await fetchFromAnotherProcess(`${stack.gatewayBaseUrl}/documents`, token, 8 * MiB);
      expect(busy.status).toBe(503);
      expect(Number(busy.retryAfter)).toBeGreaterThan(0);
      expect(busy.body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    }
    finish();
    const stored = await holding;
    expect(stored.status).toBe(201);
    expect(stored.body.sha256).toBe(sha256(bytes));
    expect((await upload(stack, pdf('after the held one'), 'after.pdf', { token })).status).toBe(201);
  });

  it('holds a chunk of an upload in memory, not the file: a 24 MiB upload grows the gateway and subgraph by far less', async () => {
    const live = liveMemory();
    const size = 24 * MiB;
    const baseline = live();
    let peak = 0;
    const sample = () => {
      peak = Math.max(peak, live() - baseline);
    };
    // Sampled while the body arrives and while it is stored (each sample is a full collection: not too often).
    const timer = setInterval(sample, 1000);
    try {
      // The client is another process, making the body as it sends it: what grows here is the gateway's and the subgraph's.
      const answer = await uploadFromAnotherProcess(`${stack.gatewayBaseUrl}/documents`, token, size);
      sample();
      expect(answer.status).toBe(201);
      expect(answer.body).toMatchObject({ sizeBytes: size, sha256: answer.sha256 });
    } finally {
      clearInterval(timer);
    }
    expect(peak, `grew by ${(peak / MiB).toFixed(1)} MiB for a ${size / MiB} MiB upload`).toBeLessThan(size / 3);
  }, 120_000);

  it('gives Node\'s fetch (in another process) the 413 of a body over 25 MB, every time, with or without Content-Length', async () => {
    for (let tries = 0; tries < 3; tries += 1) {
      const refused = await fetchFromAnotherProcess(`${stack.gatewayBaseUrl}/documents`, token, 26 * MiB);
      expect(refused.status).toBe(413);
      expect(refused.body.errors[0].extensions.code).toBe('BAD_REQUEST');
      const { head, tail } = envelope('streamed.pdf');
      const streamed = await streamUpload(stack, [head, pdf(`streamed ${tries}`, 26 * MiB), tail].values(), token);
      expect(streamed.status).toBe(413);
      expect(streamed.body.errors[0].extensions.code).toBe('BAD_REQUEST');
    }
  });
});
