import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '../gateway/src/config';
import { checkAddress } from '../gateway/src/membership-proof';
import { visualLine } from '../gateway/src/proof-text';
import { DATABASES } from './support/databases';
import { today } from './support/dates';
import { applicationInput, ORG } from './support/membership';
import { pdfToolsAvailable, readPdf } from './support/pdf-tools';
import { startStack, type Stack } from './support/stack';

/** A fictional company with an Arabic name (the sample register has none): "Al-Dir' Security Protection Company". */
const ARABIC_NAME = 'شركة الدرع للحماية الأمنية';

/** pdftotext marks right-to-left runs with Unicode direction controls; a reader does not see them. */
const withoutDirectionMarks = (text: string) => text.replace(/[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, '');

async function fetchPdf(url: string, token?: string) {
  const response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { response, body: Buffer.from(await response.arrayBuffer()) };
}

async function fetchPage(url: string) {
  const response = await fetch(url);
  return { response, html: await response.text() };
}

describe.skipIf(!pdfToolsAvailable).each(DATABASES)('a printable proof of membership on %s', (database) => {
  let stack: Stack;
  let secretariat: string;
  let arabicId: string;
  let codeUrl: string;
  let receipt: string;

  beforeAll(async () => {
    stack = await startStack({ database });
    secretariat = await stack.token('secretariat');
    const submitted = await stack.query<any>(
      /* GraphQL */ `mutation($input: MembershipApplicationInput!) { submitMembershipApplication(input: $input) { id } }`,
      { input: applicationInput({ organizationName: ARABIC_NAME, headquartersCountry: 'JO', countriesOfOperation: ['IQ'], website: null }) },
    );
    expect(submitted.errors).toBeUndefined();
    const decided = await stack.query<any>(
      /* GraphQL */ `mutation($id: ID!) { decideMembershipApplication(id: $id, decision: ADMIT, note: "Admitted by the Board") { organization { id } } }`,
      { id: submitted.data.submitMembershipApplication.id },
      { token: secretariat },
    );
    expect(decided.errors).toBeUndefined();
    arabicId = decided.data.decideMembershipApplication.organization.id;
  });
  afterAll(() => stack?.stop());

  it('prints the organization in Arabic, its standing, the time of the check and the receipt, with a QR code of the check page', async () => {
    const { response, body } = await fetchPdf(`${stack.gatewayBaseUrl}/membership-proof?organizationId=${arabicId}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="icoca-membership-proof-${today()}.pdf"`);
    const { text, boxes, fonts, codes } = await readPdf(body);

    expect(text).toContain('Proof of ICoCA membership');
    // The name reads back in reading order, and is drawn right to left: its first word rightmost.
    // Shaped: lam and alef are drawn as one ligature glyph, whose two letters poppler writes back in reverse order
    // (it reverses a right-to-left word letter by letter, a ligature's letters included); unjoined letters would not be.
    expect(withoutDirectionMarks(text)).toContain(ARABIC_NAME.replace(/لأ/g, 'أل'));
    // The words without a ligature, where pdftotext's word boxes can be told apart.
    const words = ARABIC_NAME.split(' ').slice(0, 3);
    const xOf = (word: string) => {
      const drawn = [...word].reverse().join('');
      const match = new RegExp(`<word xMin="([\\d.]+)"[^>]*>(?:${word}|${drawn})</word>`).exec(boxes);
      expect(match, `${word} is on the page`).not.toBeNull();
      return Number(match![1]);
    };
    const positions = words.map(xOf);
    expect([...positions].sort((a, b) => b - a)).toEqual(positions);
    // Both fonts are embedded (a reader needs none installed).
    expect(fonts).toMatch(/NotoNaskhArabic-Bold +CID TrueType +Identity-H +yes/);
    expect(fonts).toMatch(/NotoSans-Regular +CID TrueType +Identity-H +yes/);

    expect(text).toContain('MEMBER_PENDING_CERTIFICATION');
    expect(text).toContain('not yet certified');
    expect(text).toContain(today());
    expect(codes).toHaveLength(1);
    codeUrl = codes[0];
    expect(codeUrl.startsWith(`${stack.gatewayBaseUrl}/membership-proof/check?receipt=`)).toBe(true);
    receipt = new URL(codeUrl).searchParams.get('receipt')!;
    // The receipt printed on the page is the one in the code, and its checkedAt is printed too.
    expect(text.replace(/\s+/g, '')).toContain(receipt);
    const payload = JSON.parse(Buffer.from(receipt.split('.')[1], 'base64url').toString('utf8'));
    expect(payload).toMatchObject({ organizationId: arabicId, organizationName: ARABIC_NAME, standing: 'MEMBER_PENDING_CERTIFICATION' });
    expect(text).toContain(payload.checkedAt);
  });

  it('opens, from the code, a page that says the receipt is genuine and that nothing changed since', async () => {
    expect(codeUrl).toBeDefined();
    const { response, html } = await fetchPage(codeUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html).toContain('Genuine receipt');
    expect(html).toContain(ARABIC_NAME);
    expect(html).toContain('No change has been recorded since the check.');
  });

  it('says a tampered receipt is not genuine, and shows nothing it claims', async () => {
    const [header, payload, signature] = receipt.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const forged = Buffer.from(JSON.stringify({ ...claims, standing: 'CERTIFIED_MEMBER' })).toString('base64url');
    const url = new URL(codeUrl);
    url.searchParams.set('receipt', `${header}.${forged}.${signature}`);
    const { response, html } = await fetchPage(url.toString());
    expect(response.status).toBe(200);
    expect(html).toContain('Not genuine');
    expect(html).toContain('The signature does not match');
    expect(html).not.toContain('Genuine receipt');
    expect(html).not.toContain('certified member');
  });

  it('lists a change of status recorded after the check', async () => {
    const changed = await stack.query<any>(
      /* GraphQL */ `mutation($id: ID!) { changeMembershipStatus(organizationId: $id, status: SUSPENDED, reason: "Pattern of non-compliance with the Code") { membershipStatus } }`,
      { id: arabicId },
      { token: secretariat },
    );
    expect(changed.errors).toBeUndefined();
    const { html } = await fetchPage(codeUrl);
    expect(html).toContain('Genuine receipt');
    expect(html).toContain('Membership status became suspended');
    expect(html).toContain('Pattern of non-compliance with the Code');
    expect(html).toMatch(/Standing today<\/dt><dd>suspended/);
    expect(html).not.toContain('No change has been recorded');
  });

  it('prints a certified member\'s certificate on the day asked about', async () => {
    const { response, body } = await fetchPdf(`${stack.gatewayBaseUrl}/membership-proof?organizationId=${ORG.aegisMeridian}`, secretariat);
    expect(response.status).toBe(200);
    const { text, codes } = await readPdf(body);
    expect(text).toContain('Aegis Meridian Security Ltd');
    expect(text).toContain('CERTIFIED_MEMBER');
    expect(text).toMatch(/Certificate valid\s+from \d{4}-\d{2}-\d{2} until \d{4}-\d{2}-\d{2}/);
    const { html } = await fetchPage(codes[0]);
    expect(html).toContain('Genuine receipt');
  });

  it('refuses bad input with a JSON error and a code, as the GraphQL route would', async () => {
    const refused = async (url: string, token?: string) => {
      const response = await fetch(url, { headers: token ? { authorization: token } : {} });
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
      return [response.status, body.errors[0].extensions.code];
    };
    const base = stack.gatewayBaseUrl;
    expect(await refused(`${base}/membership-proof`)).toEqual([400, 'BAD_USER_INPUT']);
    expect(await refused(`${base}/membership-proof?organizationId=${arabicId}&asOf=2026-02-30`)).toEqual([400, 'BAD_USER_INPUT']);
    expect(await refused(`${base}/membership-proof?organizationId=${arabicId}&asOf=2999-01-01`)).toEqual([400, 'BAD_USER_INPUT']);
    expect(await refused(`${base}/membership-proof?organizationId=00000000-0000-4000-8000-000000000000`)).toEqual([404, 'NOT_FOUND']);
    // The caller's token is the GraphQL route's business: a bad one is refused there.
    expect(await refused(`${base}/membership-proof?organizationId=${arabicId}`, 'Bearer not-a-token')).toEqual([401, 'UNAUTHENTICATED']);
    expect(await refused(`${base}/membership-proof/check?receipt=garbage`)).toEqual([400, 'BAD_USER_INPUT']);
    expect(await refused(`${base}/membership-proof/check`)).toEqual([400, 'BAD_USER_INPUT']);
    expect(await refused(`${base}/membership-proof/check?organizationId=${arabicId}&checkedAt=yesterday`)).toEqual([400, 'BAD_USER_INPUT']);
  });

  it('counts in the GraphQL rate limits, and points the code at the configured page', async () => {
    const replica = await stack.anotherGateway({ RATE_LIMIT_PUBLIC_READS: '2', MEMBERSHIP_PROOF_CHECK_URL: 'https://verify.icoca.example/proof' });
    const base = replica.url.replace(/\/graphql$/, '');
    const first = await fetchPdf(`${base}/membership-proof?organizationId=${arabicId}`);
    expect(first.response.status).toBe(200);
    const { codes } = await readPdf(first.body);
    expect(codes[0]).toMatch(/^https:\/\/verify\.icoca\.example\/proof\?receipt=/);
    expect((await fetch(`${base}/membership-proof?organizationId=${arabicId}`)).status).toBe(200);
    const third = await fetch(`${base}/membership-proof?organizationId=${arabicId}`);
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(((await third.json()) as any).errors[0].extensions.code).toBe('RATE_LIMITED');
  });

  it('counts an anonymous proof in a scarce bucket of its own: PDFs are refused while reads from the address go on', async () => {
    const replica = await stack.anotherGateway({ RATE_LIMIT_PROOFS: '2' });
    const base = replica.url.replace(/\/graphql$/, '');
    for (let i = 0; i < 2; i += 1) expect((await fetch(`${base}/membership-proof?organizationId=${arabicId}`)).status).toBe(200);
    const refused = await fetch(`${base}/membership-proof?organizationId=${arabicId}`);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    expect(refused.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await refused.json()) as any).errors[0].extensions.code).toBe('RATE_LIMITED');
    // The same address still reads the graph, and the check page (a read) still opens.
    const read = await fetch(replica.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ organization(id: "${arabicId}") { name } }` }),
    });
    expect(read.status).toBe(200);
    expect(((await read.json()) as any).data.organization.name).toBe(ARABIC_NAME);
    const page = await fetch(codeUrl.replace(stack.gatewayBaseUrl, base));
    expect(page.status).toBe(200);
    // A caller with a token counts in its own bucket, not in the address's.
    expect((await fetchPdf(`${base}/membership-proof?organizationId=${arabicId}`, secretariat)).response.status).toBe(200);
  });

  it('makes only a few proofs at once: beyond the queue it answers 503 at once, then serves again', async () => {
    const replica = await stack.anotherGateway({ MEMBERSHIP_PROOF_RENDERS: '1', MEMBERSHIP_PROOF_QUEUE: '1' });
    const url = `${replica.url.replace(/\/graphql$/, '')}/membership-proof?organizationId=${arabicId}`;
    const burst = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const response = await fetch(url);
        const body = Buffer.from(await response.arrayBuffer());
        return { status: response.status, retryAfter: response.headers.get('retry-after'), body };
      }),
    );
    const served = burst.filter((r) => r.status === 200);
    const busy = burst.filter((r) => r.status === 503);
    // One drawn, one waiting its turn (both served); the others turned away without waiting.
    expect(served.length).toBeGreaterThanOrEqual(2);
    expect(busy.length).toBeGreaterThanOrEqual(1);
    expect(served.length + busy.length).toBe(6);
    for (const answer of served) expect(answer.body.subarray(0, 5).toString()).toBe('%PDF-');
    for (const answer of busy) {
      expect(answer.retryAfter).toBe('2');
      expect(JSON.parse(answer.body.toString()).errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    }
    // The burst over, the gate has let everyone go: proofs are made again.
    const after = await fetchPdf(url);
    expect(after.response.status).toBe(200);
    expect((await readPdf(after.body)).text).toContain('Proof of ICoCA membership');
  });

  it('puts a receipt too long for a printable code on the page, and the code asks for it', async () => {
    const checkedAt = new Date(Date.now() - 60_000).toISOString();
    const long = checkAddress(`${stack.gatewayBaseUrl}/membership-proof/check`, `${'h'.repeat(100)}.${'p'.repeat(1500)}.${'s'.repeat(86)}`, arabicId, checkedAt);
    expect(long.receiptInCode).toBe(false);
    const { html } = await fetchPage(long.url);
    expect(html).toContain('Receipt not checked');
    expect(html).toContain('<textarea name="receipt"');
    expect(html).toContain('Membership status became suspended');
  });

  // Last: it stops a subgraph of this stack.
  it('makes no proof and says nothing about a receipt while the certification subgraph is down', async () => {
    await stack.subgraphs.certification.stop();
    const unavailable = async (url: string) => {
      const response = await fetch(url);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      return [response.status, ((await response.json()) as any).errors[0].extensions.code];
    };
    expect(await unavailable(`${stack.gatewayBaseUrl}/membership-proof?organizationId=${arabicId}`)).toEqual([503, 'SERVICE_UNAVAILABLE']);
    expect(await unavailable(codeUrl)).toEqual([503, 'SERVICE_UNAVAILABLE']);
  });
});

describe('right-to-left lines', () => {
  it('orders the runs of a mixed line as the Unicode bidirectional algorithm does', () => {
    // An Arabic paragraph: the digits come last in reading order, so leftmost; brackets take their mirrored shape.
    expect(visualLine('شركة الدرع (ش.م.م) 2024')).toEqual({
      rightToLeft: true,
      runs: [
        { text: '2024', arabic: false, space: false },
        { text: ' ', arabic: false, space: true },
        { text: '(', arabic: false, space: false },
        { text: 'ش.م.م', arabic: true, space: false },
        { text: ')', arabic: false, space: false },
        { text: ' ', arabic: false, space: true },
        { text: 'الدرع', arabic: true, space: false },
        { text: ' ', arabic: false, space: true },
        { text: 'شركة', arabic: true, space: false },
      ],
    });
    // A Latin paragraph keeps its order; two Arabic words inside it are swapped.
    expect(visualLine('Aegis شركة الدرع Ltd').runs.map((r) => r.text)).toEqual(['Aegis', ' ', 'الدرع', ' ', 'شركة', ' ', 'Ltd']);
  });
});

describe('the check page\'s address', () => {
  it('is the gateway\'s own unless MEMBERSHIP_PROOF_CHECK_URL names an http(s) page', () => {
    expect(loadGatewayConfig({}).membershipProofCheckUrl).toBeUndefined();
    expect(loadGatewayConfig({ MEMBERSHIP_PROOF_CHECK_URL: 'https://www.icoca.example/verify' }).membershipProofCheckUrl).toBe(
      'https://www.icoca.example/verify',
    );
    expect(() => loadGatewayConfig({ MEMBERSHIP_PROOF_CHECK_URL: 'ftp://www.icoca.example/verify' })).toThrow(/MEMBERSHIP_PROOF_CHECK_URL/);
    expect(() => loadGatewayConfig({ MEMBERSHIP_PROOF_CHECK_URL: 'verify' })).toThrow(/MEMBERSHIP_PROOF_CHECK_URL/);
  });

  it('carries the receipt when the code stays printable, and keeps a frontend page\'s own query', () => {
    const receipt = `${'h'.repeat(110)}.${'p'.repeat(480)}.${'s'.repeat(86)}`;
    const address = checkAddress('https://www.icoca.example/verify?lang=ar', receipt, 'org-1', '2026-03-01T10:00:00.000Z');
    expect(address.receiptInCode).toBe(true);
    const url = new URL(address.url);
    expect(url.searchParams.get('lang')).toBe('ar');
    expect(url.searchParams.get('receipt')).toBe(receipt);
  });
});
