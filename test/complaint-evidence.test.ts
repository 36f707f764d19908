import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSubgraphConfig, startSubgraph } from '../services/shared/src';
import { complaintsSubgraph } from '../services/complaints/src/subgraph';
import { clamdAvailable, startClamd, type RunningClamd } from './support/clamav';
import { complaintInput, ORG, SUBMIT } from './support/complaints';
import { DATABASES } from './support/databases';
import { PRODUCTION_IDENTITY, PRODUCTION_SCANNER } from './support/production';
import {
  AUTHOR,
  CAMERA_SERIAL,
  exiftoolAlone,
  fetchEvidence,
  metadataOf,
  pdfWithAuthor,
  pdfWithEicar,
  photoWithMetadata,
  sendEvidence,
  sendFromAnotherProcess,
  XMP_CREATOR,
} from './support/evidence';
import sharp from 'sharp';
import { codes, startStack, type Stack } from './support/stack';

const FOLLOW_UP_EVIDENCE = /* GraphQL */ `
  query FollowUpEvidence($code: String!) {
    complaintByReceipt(receiptCode: $code) {
      referenceNumber
      evidence { id fileName contentType sizeBytes sha256 scanStatus downloadPath messageId sharedWithCompany }
      messages { id body evidence { id } }
    }
  }
`;
const COMPLAINT_EVIDENCE = /* GraphQL */ `
  query ComplaintEvidence($id: ID!) {
    complaint(id: $id) { id evidence { id scanStatus scanFinding downloadPath sharedWithCompany sharedWithCompanyAt sharedBy } }
  }
`;
const COMPANY_EVIDENCE = /* GraphQL */ `
  query CompanyEvidence($id: ID!) { complaint(id: $id) { id evidence { id scanStatus downloadPath } } }
`;
const ENTITY_EVIDENCE = /* GraphQL */ `
  query EntityEvidence($id: ID!) {
    _entities(representations: [{ __typename: "Organization", id: $id }]) {
      ... on Organization { complaints { id evidence { id scanStatus } } }
    }
  }
`;
const SHARE = /* GraphQL */ `
  mutation Share($id: ID!) { shareComplaintEvidence(id: $id) { id sharedWithCompany sharedWithCompanyAt sharedBy } }
`;
const UNSHARE = /* GraphQL */ `
  mutation Unshare($id: ID!) { unshareComplaintEvidence(id: $id) { id sharedWithCompany } }
`;
const PAGE_EVIDENCE = /* GraphQL */ `
  query PageEvidence($first: Int) {
    complaints(first: $first) { edges { node { id evidence { id scanStatus } messages { id evidence { id } } } } }
  }
`;

const includes = (haystack: Buffer, needle: string | Buffer) => haystack.includes(typeof needle === 'string' ? Buffer.from(needle) : needle);

describe.skipIf(!clamdAvailable).each(DATABASES)('evidence from complainants on %s', (database) => {
  let stack: Stack;
  let clamd: RunningClamd;
  const tokens: Record<string, string> = {};
  let base: string;
  /** Where this stack's complaints subgraph writes uploads while it receives and cleans them. */
  let spoolDir: string;
  /** A small, real PNG (a scan, say). */
  let PNG: Buffer;

  async function file(): Promise<{ id: string; receiptCode: string }> {
    const receipt = await stack.query<any>(SUBMIT, { input: complaintInput() });
    expect(receipt.errors).toBeUndefined();
    const rows = await stack.subgraphs.complaints.database.dataSource.query('SELECT id FROM complaint WHERE reference_number = ?', [
      receipt.data.submitComplaint.referenceNumber,
    ]);
    return { id: rows[0].id, receiptCode: receipt.data.submitComplaint.receiptCode };
  }

  /** The item's status as its complainant sees it, once it is no longer PENDING_SCAN (or after 20 s). */
  async function scanned(receiptCode: string, id: string): Promise<Record<string, any>> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const answer = await stack.query<any>(FOLLOW_UP_EVIDENCE, { code: receiptCode });
      const item = answer.data.complaintByReceipt.evidence.find((e: any) => e.id === id);
      if (item.scanStatus !== 'PENDING_SCAN' || Date.now() > deadline) return item;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  const storedRow = async (id: string): Promise<Buffer> => {
    const [row] = await stack.subgraphs.complaints.database.dataSource.query('SELECT data FROM complaint_evidence WHERE id = ?', [id]);
    return Buffer.from(row.data);
  };

  beforeAll(async () => {
    PNG = await sharp({ create: { width: 16, height: 16, channels: 3, background: { r: 20, g: 90, b: 160 } } }).png().toBuffer();
    clamd = await startClamd();
    spoolDir = await mkdtemp(path.join(tmpdir(), 'icoca-evidence-spool-'));
    stack = await startStack({
      database,
      only: ['membership', 'complaints'],
      env: { CLAMAV_URL: clamd.url, EVIDENCE_QUOTA_FILES: '3', EVIDENCE_QUOTA_BYTES: String(1024 * 1024), EVIDENCE_SPOOL_DIR: spoolDir },
    });
    base = stack.gatewayBaseUrl;
    tokens.secretariat = await stack.token('secretariat');
    tokens.aegis = await stack.token('member', ORG.aegisMeridian);
    tokens.bastion = await stack.token('member', ORG.bastionShield);
    tokens.partner = await stack.token('partner');
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
    await clamd?.stop();
    if (spoolDir) await rm(spoolDir, { recursive: true, force: true });
  });

  it('removes a photo\'s GPS position, camera serial and author before storing it encrypted, and serves it once scanned CLEAN', async () => {
    const { receiptCode, id: complaintId } = await file();
    const photo = await photoWithMetadata();
    expect(includes(photo, CAMERA_SERIAL) && includes(photo, AUTHOR)).toBe(true);
    const sent = await sendEvidence(base, photo, 'IMG_2041 – gate.jpg', { receiptCode, message: 'The photo of the gate, taken that evening.' });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ contentType: 'image/jpeg', fileName: 'IMG_2041 – gate.jpg', scanStatus: 'PENDING_SCAN' });

    const item = await scanned(receiptCode, sent.body.id);
    expect(item).toMatchObject({ scanStatus: 'CLEAN', downloadPath: `/complaints/evidence/${sent.body.id}`, sharedWithCompany: false });
    const downloaded = await fetchEvidence(base, sent.body.id, { receiptCode });
    expect(downloaded.status).toBe(200);
    expect(downloaded.headers.get('content-type')).toBe('image/jpeg');
    expect(downloaded.headers.get('cache-control')).toBe('private, no-store');
    expect(downloaded.headers.get('x-content-type-options')).toBe('nosniff');
    expect(downloaded.headers.get('content-disposition')).toMatch(/^attachment; filename="IMG_2041 _ gate.jpg"/);
    for (const secret of [AUTHOR, CAMERA_SERIAL, XMP_CREATOR, 'Exif', 'http://ns.adobe.com/xap', 'Photoshop 3.0']) {
      expect(includes(downloaded.bytes, secret), secret).toBe(false);
    }
    const metadata = await metadataOf(downloaded.bytes);
    expect(Object.keys(metadata).filter((tag) => /^(GPS|ExifIFD|IFD0|XMP|IPTC)/.test(tag))).toEqual([]);
    // The orientation was applied to the pixels: the 64×48 photo turned a quarter is 48×64.
    expect([metadata['File:ImageWidth'], metadata['File:ImageHeight']]).toEqual([48, 64]);

    // At rest: neither the photo nor the cleaned file appear in the row.
    const row = await storedRow(sent.body.id);
    expect(includes(row, Buffer.from([0xff, 0xd8, 0xff]))).toBe(false);
    expect(includes(row, downloaded.bytes.subarray(0, 64))).toBe(false);
    expect(includes(row, AUTHOR)).toBe(false);

    // The item hangs on the message it came with, in the complainant's thread and the Secretariat's view.
    const followUp = await stack.query<any>(FOLLOW_UP_EVIDENCE, { code: receiptCode });
    expect(followUp.data.complaintByReceipt.messages).toEqual([
      { id: item.messageId, body: 'The photo of the gate, taken that evening.', evidence: [{ id: sent.body.id }] },
    ]);
    const seen = await stack.query<any>(COMPLAINT_EVIDENCE, { id: complaintId }, { token: tokens.secretariat });
    expect(seen.data.complaint.evidence).toEqual([
      expect.objectContaining({ id: sent.body.id, scanStatus: 'CLEAN', scanFinding: null, sharedWithCompany: false }),
    ]);
  });

  it('removes a PDF\'s author and XMP, which exiftool alone leaves recoverable in the file', async () => {
    const { receiptCode } = await file();
    const report = pdfWithAuthor();
    const byExiftoolAlone = await exiftoolAlone(report);
    expect(includes(byExiftoolAlone, AUTHOR)).toBe(true);
    const first = await sendEvidence(base, report, 'medical-report.pdf', { receiptCode, message: 'The clinic\'s report.' });
    expect(first.status).toBe(201);
    // A second item on the same message, named by its id.
    const photo = await sendEvidence(base, PNG, 'scan.png', { receiptCode, messageId: first.body.messageId });
    expect(photo.status).toBe(201);
    expect(photo.body.messageId).toBe(first.body.messageId);
    expect((await scanned(receiptCode, first.body.id)).scanStatus).toBe('CLEAN');
    const downloaded = await fetchEvidence(base, first.body.id, { receiptCode });
    expect(downloaded.status).toBe(200);
    expect(downloaded.headers.get('content-type')).toBe('application/pdf');
    expect(downloaded.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    for (const secret of [AUTHOR, XMP_CREATOR, CAMERA_SERIAL, 'xmpmeta']) expect(includes(downloaded.bytes, secret), secret).toBe(false);
    const row = await storedRow(first.body.id);
    expect(includes(row, '%PDF')).toBe(false);
  });

  it('quarantines the EICAR test file: INFECTED, shown to the Secretariat, never served to anyone, never shared', async () => {
    const { receiptCode, id: complaintId } = await file();
    const sent = await sendEvidence(base, pdfWithEicar(), 'letter.pdf', { receiptCode, message: 'The letter they gave me.' });
    expect(sent.status).toBe(201);
    const item = await scanned(receiptCode, sent.body.id);
    expect(item).toMatchObject({ scanStatus: 'INFECTED', downloadPath: null });
    const seen = await stack.query<any>(COMPLAINT_EVIDENCE, { id: complaintId }, { token: tokens.secretariat });
    expect(seen.data.complaint.evidence[0]).toMatchObject({ id: sent.body.id, scanStatus: 'INFECTED', scanFinding: 'ICoCA.Test.EICAR.UNOFFICIAL' });
    const share = await stack.query<any>(SHARE, { id: sent.body.id }, { token: tokens.secretariat });
    expect(codes(share)).toEqual(['BAD_USER_INPUT']);
    for (const who of [{ receiptCode }, { token: tokens.secretariat }]) {
      const refused = await fetchEvidence(base, sent.body.id, who);
      expect(refused.status).toBe(403);
      expect(refused.body?.errors[0].extensions).toMatchObject({ code: 'FORBIDDEN', scanStatus: 'INFECTED' });
      expect(includes(refused.bytes, 'EICAR')).toBe(false);
    }
    for (const token of [tokens.aegis, tokens.bastion, tokens.partner]) {
      expect((await fetchEvidence(base, sent.body.id, { token })).status).toBe(404);
    }
    const company = await stack.query<any>(COMPANY_EVIDENCE, { id: complaintId }, { token: tokens.aegis });
    expect(company.data.complaint.evidence).toEqual([]);
  });

  it('shows each reader what is theirs: complainant, Secretariat, the company once shared; never another company, a partner or the public', async () => {
    const { receiptCode, id: complaintId } = await file();
    // A file name that names the complainant: the company must never read it.
    const sent = await sendEvidence(base, await photoWithMetadata(), 'Yusuf Ombati at the gate.jpg', { receiptCode, message: 'Photo.' });
    expect((await scanned(receiptCode, sent.body.id)).scanStatus).toBe('CLEAN');
    const id = sent.body.id;

    // Public: no credentials at all; a wrong receipt code is "not found".
    expect((await fetchEvidence(base, id)).status).toBe(401);
    expect((await fetchEvidence(base, id, { receiptCode: 'AAAA-BBBB-CCCC-DDDD' })).status).toBe(404);
    expect(codes(await stack.query<any>(COMPANY_EVIDENCE, { id: complaintId }))).toEqual(['NOT_FOUND']);
    // Partner and another company: nothing.
    expect((await fetchEvidence(base, id, { token: tokens.partner })).status).toBe(404);
    expect(codes(await stack.query<any>(COMPANY_EVIDENCE, { id: complaintId }, { token: tokens.partner }))).toEqual(['NOT_FOUND']);
    expect((await fetchEvidence(base, id, { token: tokens.bastion })).status).toBe(404);
    expect(codes(await stack.query<any>(COMPANY_EVIDENCE, { id: complaintId }, { token: tokens.bastion }))).toEqual(['NOT_FOUND']);
    // The company before sharing: not listed, not served; only the Secretariat shares.
    expect((await stack.query<any>(COMPANY_EVIDENCE, { id: complaintId }, { token: tokens.aegis })).data.complaint.evidence).toEqual([]);
    expect((await fetchEvidence(base, id, { token: tokens.aegis })).status).toBe(404);
    for (const token of [tokens.aegis, tokens.partner, undefined]) {
      expect(codes(await stack.query<any>(SHARE, { id }, { token }))).not.toEqual([]);
    }
    const entityBefore = await stack.querySubgraph<any>('complaints', ENTITY_EVIDENCE, { id: ORG.aegisMeridian }, { token: tokens.aegis });
    expect(entityBefore.data._entities[0].complaints.find((c: any) => c.id === complaintId).evidence).toEqual([]);

    const shared = await stack.query<any>(SHARE, { id }, { token: tokens.secretariat });
    expect(shared.errors).toBeUndefined();
    expect(shared.data.shareComplaintEvidence).toMatchObject({ sharedWithCompany: true, sharedBy: 'test-secretariat' });
    expect((await stack.query<any>(COMPANY_EVIDENCE, { id: complaintId }, { token: tokens.aegis })).data.complaint.evidence).toEqual([
      { id, scanStatus: 'CLEAN', downloadPath: `/complaints/evidence/${id}` },
    ]);
    const byCompany = await fetchEvidence(base, id, { token: tokens.aegis });
    expect(byCompany.status).toBe(200);
    expect(includes(byCompany.bytes, AUTHOR)).toBe(false);
    // Under a neutral name, in the list and the download alike; the Secretariat and the complainant read the given one.
    const named = /* GraphQL */ `query Named($id: ID!) { complaint(id: $id) { evidence { fileName } } }`;
    expect((await stack.query<any>(named, { id: complaintId }, { token: tokens.aegis })).data.complaint.evidence).toEqual([
      { fileName: `evidence-${id.slice(0, 8)}.jpg` },
    ]);
    expect(byCompany.headers.get('content-disposition')).toContain(`evidence-${id.slice(0, 8)}.jpg`);
    expect(byCompany.headers.get('content-disposition')).not.toContain('Ombati');
    const namedEntity = /* GraphQL */ `query NamedEntity($id: ID!) {
      _entities(representations: [{ __typename: "Organization", id: $id }]) { ... on Organization { complaints { id evidence { fileName } } } }
    }`;
    const entityNamed = await stack.querySubgraph<any>('complaints', namedEntity, { id: ORG.aegisMeridian }, { token: tokens.aegis });
    expect(entityNamed.data._entities[0].complaints.find((c: any) => c.id === complaintId).evidence).toEqual([{ fileName: `evidence-${id.slice(0, 8)}.jpg` }]);
    expect((await stack.query<any>(named, { id: complaintId }, { token: tokens.secretariat })).data.complaint.evidence).toEqual([
      { fileName: 'Yusuf Ombati at the gate.jpg' },
    ]);
    expect((await fetchEvidence(base, id, { token: tokens.secretariat })).headers.get('content-disposition')).toContain('Ombati');
    const followUp = await stack.query<any>(FOLLOW_UP_EVIDENCE, { code: receiptCode });
    expect(followUp.data.complaintByReceipt.evidence[0].fileName).toBe('Yusuf Ombati at the gate.jpg');
    const entityAfter = await stack.querySubgraph<any>('complaints', ENTITY_EVIDENCE, { id: ORG.aegisMeridian }, { token: tokens.aegis });
    expect(entityAfter.data._entities[0].complaints.find((c: any) => c.id === complaintId).evidence).toEqual([{ id, scanStatus: 'CLEAN' }]);
    expect((await fetchEvidence(base, id, { token: tokens.bastion })).status).toBe(404);
    // The Secretariat and the complainant download it too.
    expect((await fetchEvidence(base, id, { token: tokens.secretariat })).status).toBe(200);
    expect((await fetchEvidence(base, id, { receiptCode })).status).toBe(200);
    // Another complaint's receipt code does not open it.
    const other = await file();
    expect((await fetchEvidence(base, id, { receiptCode: other.receiptCode })).status).toBe(404);

    const unshared = await stack.query<any>(UNSHARE, { id }, { token: tokens.secretariat });
    expect(unshared.data.unshareComplaintEvidence).toEqual({ id, sharedWithCompany: false });
    expect((await fetchEvidence(base, id, { token: tokens.aegis })).status).toBe(404);
  });

  it('refuses a wrong type (read from the bytes), a wrong receipt code, a missing message, and keeps each complaint within its quota', async () => {
    const { receiptCode, id: complaintId } = await file();
    const count = async () =>
      Number((await stack.subgraphs.complaints.database.dataSource.query('SELECT COUNT(*) AS n FROM complaint_evidence WHERE complaint_id = ?', [complaintId]))[0].n);
    const text = await sendEvidence(base, Buffer.from('MZ this is a program renamed photo.jpg'.padEnd(200, ' ')), 'photo.jpg', {
      receiptCode,
      message: 'x',
      type: 'image/jpeg',
    });
    expect(text.status).toBe(415);
    expect(text.body.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'file' });
    const broken = await sendEvidence(base, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(300, 7)]), 'x.jpg', { receiptCode, message: 'x' });
    expect(broken.status).toBe(415);
    const wrongCode = await sendEvidence(base, PNG, 'a.png', { receiptCode: 'AAAA-BBBB-CCCC-DDDD', message: 'x' });
    expect(wrongCode.status).toBe(404);
    expect(wrongCode.body.errors[0].extensions.code).toBe('NOT_FOUND');
    const noCode = await sendEvidence(base, PNG, 'a.png', { message: 'x' });
    expect(noCode.status).toBe(401);
    const noMessage = await sendEvidence(base, PNG, 'a.png', { receiptCode });
    expect(noMessage.status).toBe(400);
    const notTheirs = await sendEvidence(base, PNG, 'a.png', { receiptCode, messageId: '00000000-0000-4000-8000-000000000000' });
    expect(notTheirs.status).toBe(400);
    expect(await count()).toBe(0);

    // Three files at most here (EVIDENCE_QUOTA_FILES=3), and 1 MiB.
    for (let i = 0; i < 3; i += 1) expect((await sendEvidence(base, PNG, `${i}.png`, { receiptCode, message: `file ${i}` })).status).toBe(201);
    const fourth = await sendEvidence(base, PNG, '3.png', { receiptCode, message: 'file 3' });
    expect(fourth.status).toBe(413);
    expect(fourth.body.errors[0].extensions).toMatchObject({ code: 'QUOTA_EXCEEDED', quotaFiles: 3, usedFiles: 3 });
    expect(await count()).toBe(3);
    // The message of a refused upload is not written either.
    const thread = await stack.query<any>(FOLLOW_UP_EVIDENCE, { code: receiptCode });
    expect(thread.data.complaintByReceipt.messages.map((m: any) => m.body)).toEqual(['file 0', 'file 1', 'file 2']);

    // Uploads sent at once to one complaint take turns at the quota: three stored, whichever they are.
    const racing = await file();
    const raced = await Promise.all(
      Array.from({ length: 6 }, (_, i) => sendEvidence(base, PNG, `r${i}.png`, { receiptCode: racing.receiptCode, message: `race ${i}` })),
    );
    expect(raced.filter((answer) => answer.status === 201)).toHaveLength(3);
    // The others: over the quota, or the process's upload slots were all taken (503, Retry-After).
    for (const answer of raced.filter((a) => a.status !== 201)) expect([413, 503]).toContain(answer.status);
    const stored = await stack.subgraphs.complaints.database.dataSource.query(
      'SELECT COUNT(*) AS n FROM complaint_evidence WHERE complaint_id = ?',
      [racing.id],
    );
    expect(Number(stored[0].n)).toBe(3);

    const big = await file();
    // Noise does not compress: over 1 MiB once cleaned, past the complaint's bytes.
    const noise = await sharp(randomBytes(640 * 640 * 3), { raw: { width: 640, height: 640, channels: 3 } }).png().toBuffer();
    const overBytes = await sendEvidence(base, noise, 'noise.png', { receiptCode: big.receiptCode, message: 'big' });
    expect(overBytes.status).toBe(413);
    expect(overBytes.body.errors[0].extensions).toMatchObject({ code: 'QUOTA_EXCEEDED', quotaBytes: 1024 * 1024, usedFiles: 0 });
  });

  it('refuses a file over 10 MiB, at the gateway (Content-Length) and at the complaints subgraph (the file part alone)', async () => {
    const { receiptCode } = await file();
    const large = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * 1024 * 1024 + 70 * 1024, 0x25)]);
    const refused = await sendEvidence(base, large, 'huge.pdf', { receiptCode, message: 'big' });
    expect(refused.status).toBe(413);
    expect(refused.body.errors[0].extensions.code).toBe('BAD_REQUEST');
    // Within the body's limit (the envelope's allowance), past the file's.
    const justOver = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * 1024 * 1024 + 1024, 0x25)]);
    const overFile = await sendEvidence(base, justOver, 'over.pdf', { receiptCode, message: 'big' });
    expect(overFile.status).toBe(413);
    expect(overFile.body.errors[0].message).toMatch(/at most 10485760 bytes/);
    const thread = await stack.query<any>(FOLLOW_UP_EVIDENCE, { code: receiptCode });
    expect(thread.data.complaintByReceipt.evidence).toEqual([]);
    expect(thread.data.complaintByReceipt.messages).toEqual([]);
  });

  it('reads the evidence of a page of complaints, and of their messages, in a bounded number of statements', async () => {
    for (let index = 0; index < 5; index++) {
      const filed = await file();
      expect((await sendEvidence(base, PNG, `scan-${index}.png`, { receiptCode: filed.receiptCode, message: `Scan ${index}` })).status).toBe(201);
    }
    const statementsFor = async (first: number) => {
      const before = stack.statements();
      const page = await stack.query<any>(PAGE_EVIDENCE, { first }, { token: tokens.secretariat });
      expect(page.errors).toBeUndefined();
      expect(page.data.complaints.edges).toHaveLength(first);
      for (const edge of page.data.complaints.edges) {
        expect(edge.node.evidence).toHaveLength(1);
        expect(edge.node.messages[0].evidence).toHaveLength(1);
      }
      return stack.statements() - before;
    };
    const two = await statementsFor(2);
    const five = await statementsFor(5);
    expect(five).toBe(two);
  });

  it('leaves no temporary file behind, whether an upload was stored or refused', async () => {
    expect(await readdir(spoolDir)).toEqual([]);
  });

  it('keeps an item PENDING_SCAN, not downloadable, while clamd cannot be asked', async () => {
    const replica = await stack.anotherReplica('complaints', { CLAMAV_URL: 'tcp://127.0.0.1:9', EVIDENCE_SCAN_RETRY_MS: '600000' });
    const gateway = await stack.anotherGateway({ COMPLAINTS_URL: replica.url });
    const { receiptCode } = await file();
    const sent = await sendEvidence(`http://127.0.0.1:${gateway.port}`, PNG, 'a.png', { receiptCode, message: 'x' });
    expect(sent.status).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const who of [{ receiptCode }, { token: tokens.secretariat }]) {
      const pending = await fetchEvidence(`http://127.0.0.1:${gateway.port}`, sent.body.id, who);
      expect(pending.status).toBe(409);
      expect(pending.body?.errors[0].extensions).toMatchObject({ code: 'CONFLICT', scanStatus: 'PENDING_SCAN' });
    }
    const [row] = await stack.subgraphs.complaints.database.dataSource.query('SELECT scan_status, scan_attempts FROM complaint_evidence WHERE id = ?', [sent.body.id]);
    expect(row.scan_status).toBe('PENDING_SCAN');
  });

  it('stores NOT_SCANNED without CLAMAV_URL (development), and production refuses to start without it', async () => {
    const replica = await stack.anotherReplica('complaints', { CLAMAV_URL: '' });
    // The operator is told at start (the log file is written asynchronously).
    for (let tries = 0; tries < 40 && !readFileSync(stack.logFile, 'utf8').includes('CLAMAV_URL is not set'); tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(readFileSync(stack.logFile, 'utf8')).toContain('CLAMAV_URL is not set');
    const gateway = await stack.anotherGateway({ COMPLAINTS_URL: replica.url });
    const { receiptCode } = await file();
    const sent = await sendEvidence(`http://127.0.0.1:${gateway.port}`, PNG, 'a.png', { receiptCode, message: 'x' });
    expect(sent.status).toBe(201);
    expect(sent.body.scanStatus).toBe('NOT_SCANNED');
    expect((await fetchEvidence(`http://127.0.0.1:${gateway.port}`, sent.body.id, { receiptCode })).status).toBe(200);

    const production: Record<string, string> = {
      NODE_ENV: 'production',
      DATABASE_URL: 'mysql://nobody@127.0.0.1:1/none',
      GATEWAY_SECRET: 'a-gateway-secret-of-enough-length',
      ...PRODUCTION_IDENTITY,
      COMPLAINANT_DATA_KEY: randomBytes(32).toString('hex'),
      MEMBERSHIP_URL: 'http://membership:4001/graphql',
      MEMBERSHIP_GATEWAY_SECRET: 'membership-secret-of-enough-length',
    };
    await expect(startSubgraph(complaintsSubgraph, loadSubgraphConfig('complaints', 0, production))).rejects.toThrow(/production needs CLAMAV_URL/);
    expect(() => complaintsSubgraph.checkConfig!(loadSubgraphConfig('complaints', 0, { ...production, ...PRODUCTION_SCANNER }))).not.toThrow();
  });
});

describe.skipIf(!clamdAvailable)('evidence uploads within the bounds of the gateway and a process', () => {
  let stack: Stack;
  let clamd: RunningClamd;
  beforeAll(async () => {
    clamd = await startClamd();
    stack = await startStack({
      database: 'sqlite',
      only: ['membership', 'complaints'],
      env: { CLAMAV_URL: clamd.url },
      gatewayEnv: { RATE_LIMIT_PUBLIC_MUTATIONS: '4' },
    });
    for (let tries = 0; tries < 50; tries += 1) {
      if ((await fetch(`${stack.gatewayBaseUrl}/health`)).status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
    await clamd?.stop();
  });

  it('holds a chunk of an upload in memory, not the file: a 9.5 MiB scan grows the gateway and subgraph by far less, and is refused unreadable', async () => {
    const receipt = await stack.query<any>(SUBMIT, { input: complaintInput() });
    const receiptCode = receipt.data.submitComplaint.receiptCode;
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const live = () => {
      gc();
      gc();
      const usage = process.memoryUsage();
      return usage.heapUsed + usage.arrayBuffers;
    };
    const size = 9.5 * 1024 * 1024;
    const baseline = live();
    let peak = 0;
    const sample = () => {
      peak = Math.max(peak, live() - baseline);
    };
    const timer = setInterval(sample, 500);
    try {
      // The client is another process: what grows here is the gateway's and the subgraph's.
      const answer = await sendFromAnotherProcess(`${stack.gatewayBaseUrl}/complaints/evidence`, receiptCode, size);
      sample();
      // Padding after a PDF head is no PDF qpdf can read: refused, never stored as it came.
      expect(answer.status).toBe(415);
      expect(answer.body.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'file' });
    } finally {
      clearInterval(timer);
    }
    expect(peak, `grew by ${(peak / 1024 / 1024).toFixed(1)} MiB for a 9.5 MiB upload`).toBeLessThan(size / 3);
  }, 60_000);

  it('counts uploads against the public mutations\' limit of the caller: 429 with Retry-After, nothing stored', async () => {
    // Filing took one of the four public mutations above; this one takes another.
    const receipt = await stack.query<any>(SUBMIT, { input: complaintInput() });
    const receiptCode = receipt.data.submitComplaint.receiptCode;
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 1, g: 2, b: 3 } } }).png().toBuffer();
    const answers: number[] = [];
    for (let i = 0; i < 3; i += 1) answers.push((await sendEvidence(stack.gatewayBaseUrl, png, 'a.png', { receiptCode, message: `try ${i}` })).status);
    expect(answers.slice(0, 1)).toEqual([201]);
    expect(answers).toContain(429);
    const refused = await sendEvidence(stack.gatewayBaseUrl, png, 'a.png', { receiptCode, message: 'again' });
    expect(refused.status).toBe(429);
    expect(refused.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    const [row] = await stack.subgraphs.complaints.database.dataSource.query('SELECT COUNT(*) AS n FROM complaint_evidence');
    expect(Number(row.n)).toBe(answers.filter((status) => status === 201).length);
  });
});
