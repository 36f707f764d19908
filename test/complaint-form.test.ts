import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROVISION_TEXTS } from '../services/complaints/src/catalogue/provision.texts';
import { ERROR_TEXTS } from '../services/complaints/src/catalogue/error.texts';
import { complaintInput, FOLLOW_UP, ORG, SEND_MESSAGE, SUBMIT } from './support/complaints';
import { DATABASES } from './support/databases';
import { codes, startStack, type Stack } from './support/stack';

const FORM = /* GraphQL */ `
  query Form($language: String!, $search: String, $first: Int, $after: String) {
    complaintFormOptions(language: $language) {
      language requestedLanguage fellBackToEnglish direction
      provisions { provision label explanation direction section firstParagraph lastParagraph }
      sections { section label direction }
      kinds { kind label explanation direction }
      descriptionLanguages { tag name englishName direction }
      companies(search: $search, first: $first, after: $after) {
        totalCount
        edges { cursor node { id name headquartersCountry countriesOfOperation } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`;
const DIRECTORY = /* GraphQL */ `
  query All($after: String) {
    organizations(first: 100, after: $after) {
      edges { node { id name pillar statusHistory { category } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;
const COMPLAINT_TEXT = /* GraphQL */ `
  query Text($filter: ComplaintFilter) { complaints(filter: $filter, first: 100) { totalCount edges { node { id description language } } } }
`;

// Arabic, then Arabic with Latin words, digits and explicit direction marks (RLM, LRM, an isolate) inside.
const ARABIC = 'قام الحراس بدفعي عند البوابة وأصيب ذراعي. لم يقدم لي أحد المساعدة.';
const MIXED =
  'وقع الحادث قرب موقع Aegis Meridian يوم 2026-09-14 الساعة 06:30 \u200Fصباحًا\u200F؛ the guard said "move!" ' +
  '\u200Eرقم اللوحة KBZ-123A\u200E و\u2067بطاقة الهوية ID 5541\u2069 — 🙏';

describe.each(DATABASES)('complaint form catalogue and errors through the gateway on %s', (database) => {
  let stack: Stack;
  let secretariat: string;

  beforeAll(async () => {
    stack = await startStack({ database, only: ['membership', 'complaints'] });
    secretariat = await stack.token('secretariat');
  });
  afterAll(() => stack?.stop());

  it('offers every provision and kind in Arabic, right to left, with the Code\'s sections and paragraphs', async () => {
    const { data, errors } = await stack.query<any>(FORM, { language: 'ar', first: 5 });
    expect(errors).toBeUndefined();
    const form = data.complaintFormOptions;
    expect(form).toMatchObject({ language: 'ar', requestedLanguage: 'ar', fellBackToEnglish: false, direction: 'RTL' });
    expect(form.provisions).toHaveLength(25);
    const torture = form.provisions.find((p: any) => p.provision === 'TORTURE_OR_CRUEL_TREATMENT');
    expect(torture).toMatchObject({
      label: PROVISION_TEXTS.TORTURE_OR_CRUEL_TREATMENT.ar[0],
      direction: 'RTL',
      section: 'CONDUCT_OF_PERSONNEL',
      firstParagraph: 35,
      lastParagraph: 37,
    });
    expect(form.provisions.find((p: any) => p.provision === 'GRIEVANCE_PROCEDURES').section).toBe('MANAGEMENT_AND_GOVERNANCE');
    expect(form.kinds.map((k: any) => k.kind)).toEqual(['HARM_TO_COMPLAINANT', 'HARM_TO_REPRESENTED_PERSON', 'VIOLATION_REPORT']);
    expect(form.kinds.every((k: any) => k.direction === 'RTL' && /[\u0600-\u06FF]/.test(k.explanation))).toBe(true);
    expect(form.descriptionLanguages).toContainEqual({ tag: 'ar', name: 'العربية', englishName: 'Arabic', direction: 'RTL' });
    expect(form.descriptionLanguages).toContainEqual({ tag: 'sw', name: 'Kiswahili', englishName: 'Swahili', direction: 'LTR' });
  });

  it('is public and cacheable: a GET is served with max-age, repeats from the gateway\'s cache', async () => {
    const url = new URL(stack.gatewayUrl);
    url.searchParams.set('query', FORM);
    url.searchParams.set('variables', JSON.stringify({ language: 'fr', first: 3 }));
    const get = () => fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    const first = await get();
    expect(first.headers.get('cache-control')).toBe('max-age=60, public');
    const body = await first.json();
    const before = stack.statements();
    const second = await get();
    expect(await second.json()).toEqual(body);
    expect(stack.statements()).toBe(before);
    // Read with a token: never cached.
    const withToken = await fetch(url, { headers: { 'apollo-require-preflight': 'true', authorization: `Bearer ${secretariat}` } });
    expect(withToken.headers.get('cache-control')).toBe('no-store');
  });

  it('falls back to English for a language it is not written in, and says so', async () => {
    const { data } = await stack.query<any>(FORM, { language: 'sw-KE', first: 1 });
    expect(data.complaintFormOptions).toMatchObject({ language: 'en', requestedLanguage: 'sw-KE', fellBackToEnglish: true, direction: 'LTR' });
    expect(data.complaintFormOptions.provisions[0].label).toBe('General conduct');
    const bad = await stack.query(FORM, { language: '<script>' });
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors![0].extensions!.field).toBe('language');
  });

  it('lists exactly the companies that are or were members or affiliates, by name, page after page, with their country', async () => {
    // Worked out independently from the public directory.
    const all: any[] = [];
    let after: string | null = null;
    do {
      const page: any = (await stack.query<any>(DIRECTORY, { after })).data!.organizations;
      all.push(...page.edges.map((e: any) => e.node));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    const expected = all
      .filter((o) => o.pillar === 'PRIVATE_SECURITY_COMPANY' && o.statusHistory.some((e: any) => ['MEMBER', 'AFFILIATE'].includes(e.category)))
      .map((o) => o.name);
    expect(expected.length).toBeGreaterThan(10);
    const seen: any[] = [];
    after = null;
    let pages = 0;
    do {
      const response: { data?: any; errors?: unknown } = await stack.query<any>(FORM, { language: 'fr', first: 4, after });
      expect(response.errors).toBeUndefined();
      const companies: any = response.data.complaintFormOptions.companies;
      expect(companies.totalCount).toBe(expected.length);
      seen.push(...companies.edges.map((e: any) => e.node));
      after = companies.pageInfo.hasNextPage ? companies.pageInfo.endCursor : null;
      pages += 1;
    } while (after);
    expect(pages).toBe(Math.ceil(expected.length / 4));
    // In the directory's order (by name, as the database collates it).
    expect(seen.map((c) => c.name)).toEqual(expected);
    const aegis = seen.find((c) => c.id === ORG.aegisMeridian);
    expect(aegis.headquartersCountry).toBe('GB');
    expect(aegis.countriesOfOperation).toEqual(expect.arrayContaining(['IQ', 'AF', 'KE']));
    // No State, IGO or civil society organization is offered.
    expect(seen.some((c) => c.id === ORG.mwangaza || c.id === ORG.arvenia)).toBe(false);
  });

  it('finds companies by part of a registered, former or trading name, accents and case aside', async () => {
    const search = async (text: string) =>
      (await stack.query<any>(FORM, { language: 'en', search: text })).data!.complaintFormOptions.companies.edges.map((e: any) => e.node.id);
    expect(await search('eclat securite')).toEqual([ORG.eclatSecurite]);
    expect(await search('MERIDIAN RISK')).toEqual([ORG.aegisMeridian]);
    expect(await search('Human Security Watch')).toEqual([]);
  });

  it('reads a page of companies with a bounded number of statements, whatever its length', async () => {
    const cost = async (first: number) => {
      const before = stack.statements();
      const { errors } = await stack.query(FORM, { language: 'es', first });
      expect(errors).toBeUndefined();
      return stack.statements() - before;
    };
    const small = await cost(2);
    const large = await cost(16);
    expect(large).toBe(small);
    expect(large).toBeLessThanOrEqual(4);
  });

  it('answers errors of a filing in the filing\'s language, else Accept-Language, with the field to highlight, and stores nothing', async () => {
    const before = (await stack.query<any>(COMPLAINT_TEXT, {}, { token: secretariat })).data.complaints.totalCount;
    const french = await stack.query(SUBMIT, { input: complaintInput({ language: 'fr', description: '   ' }) }, { headers: { 'accept-language': 'es' } });
    expect(codes(french)).toEqual(['BAD_USER_INPUT']);
    expect(french.errors![0]).toMatchObject({ message: ERROR_TEXTS['input.description'].fr, extensions: { field: 'input.description' } });
    // Swahili is not offered: the browser's language decides.
    const arabic = await stack.query(SUBMIT, { input: complaintInput({ language: 'sw', incidentDate: '2031-01-01' }) }, {
      headers: { 'accept-language': 'de-CH, ar;q=0.8, en;q=0.5' },
    });
    expect(arabic.errors![0]).toMatchObject({ message: ERROR_TEXTS['input.incidentDate'].ar, extensions: { code: 'BAD_USER_INPUT', field: 'input.incidentDate' } });
    const spanish = await stack.query(SUBMIT, { input: complaintInput({ language: 'es-419', companyId: ORG.mwangaza }) });
    expect(spanish.errors![0]).toMatchObject({ message: ERROR_TEXTS['input.companyId'].es, extensions: { code: 'BAD_USER_INPUT', field: 'input.companyId' } });
    const english = await stack.query(SUBMIT, { input: complaintInput({ language: 'sw', allegations: [] }) }, { headers: { 'accept-language': 'de' } });
    expect(english.errors![0]).toMatchObject({ message: ERROR_TEXTS['input.allegations'].en, extensions: { field: 'input.allegations' } });
    expect(english.errors![0].message).not.toMatch(/input\.|BAD_USER_INPUT/);
    expect((await stack.query<any>(COMPLAINT_TEXT, {}, { token: secretariat })).data.complaints.totalCount).toBe(before);
  });

  it('answers a complainant\'s message errors in the complaint\'s language, else Accept-Language', async () => {
    const filed = await stack.query<any>(SUBMIT, { input: complaintInput({ language: 'ar', description: ARABIC }) });
    expect(filed.errors).toBeUndefined();
    const code = filed.data.submitComplaint.receiptCode;
    const empty = await stack.query(SEND_MESSAGE, { code, body: ' ' }, { headers: { 'accept-language': 'fr' } });
    expect(empty.errors![0]).toMatchObject({ message: ERROR_TEXTS.body.ar, extensions: { code: 'BAD_USER_INPUT', field: 'body' } });
    const wrong = await stack.query(SEND_MESSAGE, { code: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF', body: 'hola' }, { headers: { 'accept-language': 'es-ES,es;q=0.9' } });
    expect(wrong.errors![0]).toMatchObject({ message: ERROR_TEXTS.receiptCode.es, extensions: { code: 'NOT_FOUND', field: 'receiptCode' } });
  });

  it('stores and returns Arabic and mixed-direction descriptions and messages exactly', async () => {
    const filed = await stack.query<any>(SUBMIT, { input: complaintInput({ language: 'ar', description: MIXED }) });
    expect(filed.errors).toBeUndefined();
    const code = filed.data.submitComplaint.receiptCode;
    const sent = await stack.query<any>(SEND_MESSAGE, { code, body: `${ARABIC}\n${MIXED}` });
    expect(sent.data.sendComplaintMessage.body).toBe(`${ARABIC}\n${MIXED}`);
    const followed = await stack.query<any>(FOLLOW_UP, { code });
    expect(followed.data.complaintByReceipt.messages.map((m: any) => m.body)).toEqual([`${ARABIC}\n${MIXED}`]);
    const stored = (await stack.query<any>(COMPLAINT_TEXT, { filter: { companyId: ORG.aegisMeridian } }, { token: secretariat })).data.complaints.edges.map(
      (e: any) => e.node,
    );
    expect(stored.find((c: any) => c.description === MIXED)).toMatchObject({ language: 'ar' });
    expect(stored.find((c: any) => c.description === ARABIC)).toMatchObject({ language: 'ar' });
    if (database === 'mysql') {
      const columns = (await stack.subgraphs.complaints.database.dataSource.query(
        'SELECT TABLE_NAME AS tableName, COLUMN_NAME AS columnName, CHARACTER_SET_NAME AS charset FROM information_schema.COLUMNS ' +
          "WHERE TABLE_SCHEMA = DATABASE() AND DATA_TYPE IN ('text', 'varchar') AND TABLE_NAME LIKE 'complaint%'",
      )) as { tableName: string; columnName: string; charset: string }[];
      expect(columns.length).toBeGreaterThan(20);
      expect(columns.filter((c) => c.charset !== 'utf8mb4')).toEqual([]);
    }
  });
});
