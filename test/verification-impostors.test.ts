import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBMIT as SUBMIT_COMPLAINT, complaintInput } from './support/complaints';
import { DATABASES } from './support/databases';
import { applicationInput, ORG } from './support/membership';
import { codes, startStack, type Stack } from './support/stack';

const AEGIS = 'Aegis Meridian Security Ltd';

const SUBMIT = /* GraphQL */ `
  mutation Submit($input: MembershipApplicationInput!) {
    submitMembershipApplication(input: $input) { id organizationName contactName codeImplementationPlan status }
  }
`;
const SUBMIT_SEEING_DUPLICATES = /* GraphQL */ `
  mutation Submit($input: MembershipApplicationInput!) {
    submitMembershipApplication(input: $input) { id possibleDuplicates { name } }
  }
`;
const APPLICATION = /* GraphQL */ `
  query Application($id: ID!) {
    membershipApplication(id: $id) {
      id organizationName contactName codeImplementationPlan status decisionNote
      possibleDuplicates { name nameKind organization { id name } }
    }
  }
`;
const DECIDE = /* GraphQL */ `
  mutation Decide($id: ID!, $decision: ApplicationDecision!, $note: String, $acknowledge: Boolean) {
    decideMembershipApplication(id: $id, decision: $decision, note: $note, acknowledgeSimilarNames: $acknowledge) {
      id status decisionNote organization { id name }
      possibleDuplicates { name organization { id } }
    }
  }
`;
const QUEUE = /* GraphQL */ `
  query Queue($first: Int) {
    membershipApplications(first: $first) {
      totalCount
      edges { node { id organizationName possibleDuplicates { name nameKind organization { id name } } } }
    }
  }
`;
const PAGE = /* GraphQL */ `
  query Page($first: Int, $after: String) {
    membershipApplications(first: $first, after: $after) {
      edges { node { id possibleDuplicates { name organization { id name } } } }
      pageInfo { endCursor }
    }
  }
`;
const VERIFY = /* GraphQL */ `
  query Verify($names: [String!]) {
    verifyMembers(names: $names) {
      query matched ambiguous
      matches { matchedName matchedNameKind exactMatch result { organizationId organizationName } }
    }
  }
`;
const COMPLAINT = /* GraphQL */ `
  query Complaint($id: ID!) {
    complaint(id: $id) { description complainant { name representative { name organization } } }
  }
`;

describe.each(DATABASES)('names that cannot impersonate, on %s', (database) => {
  let stack: Stack;
  let secretariat: string;

  beforeAll(async () => {
    stack = await startStack({ database, only: ['membership', 'complaints'] });
    secretariat = await stack.token('secretariat');
  });
  afterAll(() => stack?.stop());

  async function submit(overrides: Record<string, unknown>) {
    const response = await stack.query<any>(SUBMIT, { input: applicationInput(overrides) });
    expect(response.errors).toBeUndefined();
    return response.data.submitMembershipApplication;
  }
  async function application(id: string) {
    const response = await stack.query<any>(APPLICATION, { id }, { token: secretariat });
    expect(response.errors).toBeUndefined();
    return response.data.membershipApplication;
  }
  async function totals() {
    const applications = await stack.query<any>(QUEUE, { first: 1 }, { token: secretariat });
    const organizations = await stack.query<any>(`{ organizations(first: 1) { totalCount } }`);
    return {
      applications: applications.data.membershipApplications.totalCount as number,
      organizations: organizations.data.organizations.totalCount as number,
    };
  }
  async function verify(name: string) {
    const response = await stack.query<any>(VERIFY, { names: [name] });
    expect(response.errors).toBeUndefined();
    return response.data.verifyMembers[0];
  }

  it('refuses the impostors hidden by a zero-width space or a right-to-left override, storing nothing', async () => {
    const before = await totals();
    const hidden: [Record<string, unknown>, string][] = [
      [{ organizationName: 'Aegis\u200bMeridian Security Ltd' }, 'input.organizationName'],
      [{ organizationName: `${AEGIS}\u202e` }, 'input.organizationName'],
      [{ organizationName: `\u202eAegis Meridian Security Ltd\u202c` }, 'input.organizationName'],
      [{ organizationName: `\ufeff${AEGIS}` }, 'input.organizationName'],
      [{ organizationName: `Aegis\u0000Meridian Security Ltd` }, 'input.organizationName'],
      [{ organizationName: `Aegis\u001b[2KMeridian Security Ltd` }, 'input.organizationName'],
      [{ organizationName: `${AEGIS}\u200f` }, 'input.organizationName'],
      [{ organizationName: `\u2066${AEGIS}\u2069` }, 'input.organizationName'],
      [{ organizationName: 'Aegis\u200cMeridian Security Ltd' }, 'input.organizationName'],
      [{ contactName: 'Ada\u200bTest' }, 'input.contactName'],
      [{ contactName: 'Ada\u0085Test' }, 'input.contactName'],
      [{ codeImplementationPlan: 'We vet.\u0000' }, 'input.codeImplementationPlan'],
    ];
    for (const [override, field] of hidden) {
      const response = await stack.query(SUBMIT, { input: applicationInput(override) });
      expect(codes(response), JSON.stringify(override)).toEqual(['BAD_USER_INPUT']);
      expect(response.errors![0].extensions?.field).toBe(field);
    }
    expect(await totals()).toEqual(before);
  });

  it('refuses blank, placeholder, letterless and over-accented names, and keeps real names that stack marks', async () => {
    const before = await totals();
    for (const organizationName of [
      '\u2800', 'Aegis\u2800Meridian Security Ltd', `${AEGIS}\ufffc`, 'Aegis\ufffd Ltd', '\u3164', 'Aegis\uffa0Meridian',
      '...', '🛡', `A${'\u0301'.repeat(20)}egis Meridian`, `Aegiś${'\u0302\u0303\u0304'} Meridian`,
    ]) {
      const response = await stack.query(SUBMIT, { input: applicationInput({ organizationName }) });
      expect(codes(response), JSON.stringify(organizationName)).toEqual(['BAD_USER_INPUT']);
      expect(response.errors![0].extensions?.field).toBe('input.organizationName');
    }
    const contact = await stack.query(SUBMIT, { input: applicationInput({ contactName: '\u2800' }) });
    expect(contact.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.contactName' });
    expect(await totals()).toEqual(before);

    for (const organizationName of [
      'Công ty Bảo vệ Nguyễn Thị Hồng', 'عَبْدُ ٱللَّٰهِ لِلْأَمْنِ', 'श्री सुरक्षा सेवाएँ प्राइवेट लिमिटेड', 'บริษัท รักษาความปลอดภัย กิ่งแก้ว',
      '葛\u{e0100}城警備株式会社',
    ]) {
      expect((await submit({ organizationName })).organizationName).toBe(organizationName.normalize('NFKC'));
    }
  });

  it('accepts the exact copy and the GmbH copy, shows the Secretariat whom they look like, and admits them only when told', async () => {
    const exact = await submit({ organizationName: AEGIS });
    const gmbh = await submit({ organizationName: 'Aegis Meridian Security GmbH' });
    for (const copy of [exact, gmbh]) {
      expect((await application(copy.id)).possibleDuplicates).toEqual([
        { name: AEGIS, nameKind: 'REGISTERED', organization: { id: ORG.aegisMeridian, name: AEGIS } },
      ]);
    }
    // Secretariat only: the applicant does not learn whom its name resembles.
    const seen = await stack.query<any>(SUBMIT_SEEING_DUPLICATES, { input: applicationInput({ organizationName: 'Aegis Meridian Security S.A.' }) });
    expect(codes(seen)).toEqual(['UNAUTHENTICATED']);
    expect(seen.data?.submitMembershipApplication?.possibleDuplicates ?? null).toBeNull();
    const member = await stack.token('member', ORG.bastionShield);
    const forMember = await stack.query<any>(APPLICATION, { id: gmbh.id }, { token: member });
    expect(codes(forMember)).toEqual(['FORBIDDEN']);

    const before = await totals();
    for (const acknowledge of [undefined, null, false]) {
      const refused = await stack.query<any>(DECIDE, { id: gmbh.id, decision: 'ADMIT', acknowledge }, { token: secretariat });
      expect(codes(refused)).toEqual(['BAD_USER_INPUT']);
      expect(refused.errors![0].extensions?.field).toBe('acknowledgeSimilarNames');
    }
    expect(await totals()).toEqual(before);
    expect((await application(gmbh.id)).status).toBe('PENDING');

    const admitted = await stack.query<any>(
      DECIDE,
      { id: gmbh.id, decision: 'ADMIT', note: 'A different company, registered in Germany', acknowledge: true },
      { token: secretariat },
    );
    expect(admitted.errors).toBeUndefined();
    const gmbhId = admitted.data.decideMembershipApplication.organization.id;
    expect(admitted.data.decideMembershipApplication).toMatchObject({
      status: 'ADMITTED',
      organization: { name: 'Aegis Meridian Security GmbH' },
      // Its own organization is not a duplicate of itself.
      possibleDuplicates: [{ name: AEGIS, organization: { id: ORG.aegisMeridian } }],
    });

    let answer = await verify(AEGIS);
    expect(answer.matches.map((m: any) => [m.result.organizationId, m.exactMatch])).toEqual([
      [ORG.aegisMeridian, true],
      [gmbhId, false],
    ]);
    expect(answer.ambiguous).toBe(false);

    // The exact copy now also looks like the admitted GmbH.
    expect((await application(exact.id)).possibleDuplicates.map((d: any) => d.organization.id).sort()).toEqual(
      [ORG.aegisMeridian, gmbhId].sort(),
    );
    const copyAdmitted = await stack.query<any>(DECIDE, { id: exact.id, decision: 'ADMIT', acknowledge: true }, { token: secretariat });
    expect(copyAdmitted.errors).toBeUndefined();
    const copyId = copyAdmitted.data.decideMembershipApplication.organization.id;
    answer = await verify(AEGIS);
    // Two organizations bear the name exactly: the one that has borne it longest comes first, and the answer is ambiguous.
    expect(answer.matches.map((m: any) => [m.result.organizationId, m.exactMatch])).toEqual([
      [ORG.aegisMeridian, true],
      [copyId, true],
      [gmbhId, false],
    ]);
    expect(answer.ambiguous).toBe(true);
    const upper = await verify('AEGIS MERIDIAN SECURITY GMBH');
    expect(upper.matches[0]).toMatchObject({ exactMatch: true, result: { organizationId: gmbhId } });
    expect(upper.ambiguous).toBe(false);
  });

  it('finds look-alike letters from other scripts and former names; rejecting needs no acknowledgement', async () => {
    const cyrillic = await submit({ organizationName: '\u0410egis Meridian Security Ltd' }); // Cyrillic А
    expect(cyrillic.organizationName).toBe('\u0410egis Meridian Security Ltd');
    expect((await application(cyrillic.id)).possibleDuplicates).toContainEqual({
      name: AEGIS,
      nameKind: 'REGISTERED',
      organization: { id: ORG.aegisMeridian, name: AEGIS },
    });
    const formerLookAlike = await submit({ organizationName: '\u041Ceridian Risk Management Limited' }); // Cyrillic М
    expect((await application(formerLookAlike.id)).possibleDuplicates).toEqual([
      { name: 'Meridian Risk Management Limited', nameKind: 'FORMER', organization: { id: ORG.aegisMeridian, name: AEGIS } },
    ]);
    // Sharing words is not looking alike.
    const different = await submit({ organizationName: 'Meridian Risk Advisory' });
    expect((await application(different.id)).possibleDuplicates).toEqual([]);
    const rejected = await stack.query<any>(DECIDE, { id: cyrillic.id, decision: 'REJECT', note: 'Impersonation' }, { token: secretariat });
    expect(rejected.data.decideMembershipApplication.status).toBe('REJECTED');
  });

  it('keeps Persian and Indic names with their joiners, normalizes compatibility forms, and keeps free text exactly', async () => {
    const persian = 'شرکت امنیتی پارس\u200cنگار';
    const plan = 'خطة تنفيذ المدونة: التدقيق والتدريب.\n\tآلية الشكاوى مفتوحة للجميع \u2067(Grievance Desk)\u2069 \u200fوالمجتمع.\r\nEnd.';
    const submitted = await submit({
      organizationName: persian,
      contactName: 'अनु क्\u200dषत्रिय',
      codeImplementationPlan: plan,
    });
    expect(submitted).toMatchObject({ organizationName: persian, contactName: 'अनु क्\u200dषत्रिय', codeImplementationPlan: plan });
    const stored = await application(submitted.id);
    expect(stored).toMatchObject({ organizationName: persian, codeImplementationPlan: plan, possibleDuplicates: [] });
    const note = 'قُبِل الطلب — admitted \u2067بعد المراجعة\u2069.';
    const decided = await stack.query<any>(DECIDE, { id: submitted.id, decision: 'ADMIT', note }, { token: secretariat });
    expect(decided.data.decideMembershipApplication).toMatchObject({ status: 'ADMITTED', decisionNote: note, organization: { name: persian } });

    const fullWidth = await submit({ organizationName: 'Ｔｅｓｓｅｌｌａｔｅ\u3000Guarding  ﬁrm', contactName: ' Ada\u00a0Test ' });
    expect(fullWidth).toMatchObject({ organizationName: 'Tessellate Guarding firm', contactName: 'Ada Test' });
  });

  it('finds the possible duplicates of a page of applications in as many statements for 12 as for 2', async () => {
    const all = await stack.query<any>(PAGE, { first: 100 }, { token: secretariat });
    const after = all.data.membershipApplications.pageInfo.endCursor;
    const forms = ['AG', 'GmbH', 'Ltd', 'S.A.'];
    for (let i = 0; i < 12; i += 1) await submit({ organizationName: `Bastion Shield ${forms[i % forms.length]}` });
    const cost = async (first: number) => {
      const before = stack.statements();
      const response = await stack.query<any>(PAGE, { first, after }, { token: secretariat });
      expect(response.errors).toBeUndefined();
      const edges = response.data.membershipApplications.edges;
      expect(edges).toHaveLength(first);
      for (const { node } of edges) {
        expect(node.possibleDuplicates).toEqual([{ name: 'Bastion Shield GmbH', organization: { id: ORG.bastionShield, name: 'Bastion Shield GmbH' } }]);
      }
      return stack.statements() - before;
    };
    const two = await cost(2);
    const twelve = await cost(12);
    expect(twelve).toBe(two);
    expect(twelve).toBeLessThanOrEqual(4);
  });

  it('checks names and free text in complaints, and incidents only since the Code was adopted', async () => {
    const refused: [Record<string, unknown>, string][] = [
      [{ complainantName: 'Zephyrine\u202e Quill' }, 'input.complainantName'],
      [{ complainantName: 'Zephyrine\u200b Quill' }, 'input.complainantName'],
      [{ kind: 'HARM_TO_REPRESENTED_PERSON', representative: { name: 'Barnabas\u0000' } }, 'input.representative.name'],
      [{ kind: 'HARM_TO_REPRESENTED_PERSON', representative: { name: 'Barnabas', organization: 'Legal\u200bAid' } }, 'input.representative.organization'],
      [{ description: 'They beat me.\u0000' }, 'input.description'],
      [{ description: 'They beat me.\u001b[8m hidden' }, 'input.description'],
      [{ incidentDate: '1800-01-01' }, 'input.incidentDate'],
      [{ incidentDate: '2010-11-08' }, 'input.incidentDate'],
    ];
    for (const [overrides, field] of refused) {
      const response = await stack.query<any>(SUBMIT_COMPLAINT, { input: complaintInput(overrides) });
      expect(codes(response), JSON.stringify(overrides)).toEqual(['BAD_USER_INPUT']);
      expect(response.errors![0].extensions?.field).toBe(field);
    }
    const description = 'الحراس ضربوني عند البوابة.\n\tThe guards hit me at the gate \u2067(البوابة الشمالية)\u2069.';
    const filed = await stack.query<any>(SUBMIT_COMPLAINT, {
      input: complaintInput({
        incidentDate: '2010-11-09',
        description,
        complainantName: 'Ｚephyrine  Quill',
        kind: 'HARM_TO_REPRESENTED_PERSON',
        representative: { name: 'مریم\u200cالسادات', organization: 'Legal Aid' },
      }),
    });
    expect(filed.errors).toBeUndefined();
    const rows = await stack.subgraphs.complaints.database.dataSource.query(
      'SELECT id FROM complaint WHERE reference_number = ?',
      [filed.data.submitComplaint.referenceNumber],
    );
    const read = await stack.query<any>(COMPLAINT, { id: rows[0].id }, { token: secretariat });
    expect(read.data.complaint).toEqual({
      description,
      complainant: { name: 'Zephyrine Quill', representative: { name: 'مریم\u200cالسادات', organization: 'Legal Aid' } },
    });
  });
});
