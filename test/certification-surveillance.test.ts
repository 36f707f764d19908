import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_CERTIFICATION_BODY_ID } from '../services/certification/src/sample-data';
import { DATABASES } from './support/databases';
import { pdf, upload } from './support/documents';
import { ORG } from './support/membership';
import { codes, startStack, type Stack } from './support/stack';
import { addDays, anniversary, today } from './support/dates';

const TODAY = today();
/** Issued a year and 40 days ago: its first surveillance report fell due 40 days ago, 10 days past the 30-day grace. */
const ISSUED = anniversary(addDays(TODAY, -40), -1);
const EXPIRES = addDays(anniversary(ISSUED, 3), -1);
const FIRST_DUE = anniversary(ISSUED, 1);

const RECORD = /* GraphQL */ `
  mutation R($input: RecordCertificationInput!) { recordCertification(input: $input) { id } }
`;
const REPORTS = /* GraphQL */ `
  query S($id: ID!) { organization(id: $id) { surveillanceReports { dueOn overdueFrom status submittedAt certification { id } document { sha256 } } } }
`;
const QUEUE = /* GraphQL */ `
  query Q($after: String) { overdueSurveillanceReports(first: 100, after: $after) { totalCount edges { node { dueOn status certification { id } organization { id } } } } }
`;
const RANKING = /* GraphQL */ `
  query P($on: Date) { monitoringPriorities(on: $on, first: 100) { edges { node { organization { id } factors { factor value } } } } }
`;
const SUBMIT = /* GraphQL */ `
  mutation Send($c: ID!, $due: Date!, $doc: ID!) { submitSurveillanceReport(certificationId: $c, dueOn: $due, documentId: $doc) { dueOn status submittedAt } }
`;

describe.each(DATABASES)('surveillance follow-up through the gateway on %s', (database) => {
  let stack: Stack;
  const tokens: Record<string, string> = {};
  let certificationId: string;

  beforeAll(async () => {
    stack = await startStack({ database });
    tokens.company = await stack.token('member', ORG.montanaAzul);
    tokens.otherCompany = await stack.token('member', ORG.bastionShield);
    tokens.secretariat = await stack.token('secretariat');
    const recorded = await stack.query<any>(
      RECORD,
      {
        input: {
          organizationId: ORG.montanaAzul, standard: 'PSC.1', certificationBodyId: SAMPLE_CERTIFICATION_BODY_ID.meridianAssurance,
          certificateNumber: 'MAC-PSC1-4040', scope: 'Guarding', countriesCovered: ['PE'], issuedOn: ISSUED, expiresOn: EXPIRES,
        },
      },
      { token: tokens.secretariat },
    );
    expect(recorded.errors).toBeUndefined();
    certificationId = recorded.data.recordCertification.id;
  });
  afterAll(() => stack?.stop());

  /** Overdue surveillance reports per company on `on`, as the Secretariat's monitoring ranking counts them. */
  const overdueReports = async (on: string): Promise<Map<string, number>> => {
    const response = await stack.query<any>(RANKING, { on }, { token: tokens.secretariat });
    expect(response.errors).toBeUndefined();
    return new Map(response.data.monitoringPriorities.edges.map((e: any) => [
      e.node.organization.id,
      e.node.factors.find((f: any) => f.factor === 'OVERDUE_SURVEILLANCE_REPORTS').value,
    ]));
  };

  it('shows the company a report due each anniversary of the issue date until expiry, overdue 30 days after', async () => {
    const response = await stack.query<any>(REPORTS, { id: ORG.montanaAzul }, { token: tokens.company });
    expect(response.errors).toBeUndefined();
    expect(response.data.organization.surveillanceReports).toEqual([
      { dueOn: FIRST_DUE, overdueFrom: addDays(FIRST_DUE, 30), status: 'OVERDUE', submittedAt: null, certification: { id: certificationId }, document: null },
      { dueOn: anniversary(ISSUED, 2), overdueFrom: addDays(anniversary(ISSUED, 2), 30), status: 'UPCOMING', submittedAt: null,
        certification: { id: certificationId }, document: null },
    ]);
  });

  it('lists the overdue report in the Secretariat\'s queue and in the monitoring ranking, read for all companies at once', async () => {
    const queue = await stack.query<any>(QUEUE, {}, { token: tokens.secretariat });
    expect(queue.errors).toBeUndefined();
    const ours = queue.data.overdueSurveillanceReports.edges.filter((e: any) => e.node.certification.id === certificationId);
    expect(ours).toEqual([{ node: { dueOn: FIRST_DUE, status: 'OVERDUE', certification: { id: certificationId }, organization: { id: ORG.montanaAzul } } }]);
    expect(queue.data.overdueSurveillanceReports.totalCount).toBe(queue.data.overdueSurveillanceReports.edges.length);

    // The monitoring ranking reads the overdue reports of all its companies at once (OVERDUE_SURVEILLANCE_REPORTS).
    const statements = stack.subgraphs.certification.database.statements;
    const before = statements.count;
    const byOrganization = await overdueReports(TODAY);
    // Nine statements for the whole ranking: six reads of its own, and three for the overdue reports of every company.
    expect(statements.count - before).toBe(9);
    expect(byOrganization.get(ORG.montanaAzul)).toBe(1);
    expect(byOrganization.get(ORG.bastionShield)).toBe(0);
    // On the day the grace period ends it is not yet overdue; on the next it is.
    expect((await overdueReports(addDays(FIRST_DUE, 29))).get(ORG.montanaAzul)).toBe(0);
    expect((await overdueReports(addDays(FIRST_DUE, 30))).get(ORG.montanaAzul)).toBe(1);
  });

  it('takes the company\'s report for a due date once; then it is no longer overdue', async () => {
    const uploaded = await upload(stack, pdf('surveillance audit report'), 'surveillance.pdf', { token: tokens.company });
    const doc = uploaded.body.id;
    const wrongDay = await stack.query<any>(SUBMIT, { c: certificationId, due: addDays(FIRST_DUE, 1), doc }, { token: tokens.company });
    expect(wrongDay.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'dueOn' });
    const byOther = await stack.query<any>(SUBMIT, { c: certificationId, due: FIRST_DUE, doc }, { token: tokens.otherCompany });
    expect(codes(byOther)).toEqual(['NOT_FOUND']);
    const othersDocument = (await upload(stack, pdf('not theirs'), 'x.pdf', { token: tokens.otherCompany })).body.id;
    const foreign = await stack.query<any>(SUBMIT, { c: certificationId, due: FIRST_DUE, doc: othersDocument }, { token: tokens.secretariat });
    expect(foreign.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'documentId' });
    const sent = await stack.query<any>(SUBMIT, { c: certificationId, due: FIRST_DUE, doc }, { token: tokens.company });
    expect(sent.errors).toBeUndefined();
    expect(sent.data.submitSurveillanceReport).toMatchObject({ dueOn: FIRST_DUE, status: 'SUBMITTED' });
    const twice = await stack.query<any>(SUBMIT, { c: certificationId, due: FIRST_DUE, doc }, { token: tokens.company });
    expect(twice.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'dueOn' });

    const reports = await stack.query<any>(REPORTS, { id: ORG.montanaAzul }, { token: tokens.company });
    expect(reports.data.organization.surveillanceReports[0]).toMatchObject({ status: 'SUBMITTED', document: { sha256: uploaded.body.sha256 } });
    const queue = await stack.query<any>(QUEUE, {}, { token: tokens.secretariat });
    expect(queue.data.overdueSurveillanceReports.edges.some((e: any) => e.node.certification.id === certificationId)).toBe(false);
  });

  it('reads the applications, their histories and documents, and the reports of a whole directory in bounded statements', async () => {
    const LIST = /* GraphQL */ `
      query L($first: Int!) {
        organizations(first: $first, filter: { pillar: PRIVATE_SECURITY_COMPANY }) {
          edges { node { id surveillanceReports { status certification { id } } certificationApplications {
            status history { kind } documents { kind document { fileName } } certificationBody { name } certification { id }
          } } }
        }
      }
    `;
    const count = async (first: number) => {
      const before = stack.statements();
      const response = await stack.query<any>(LIST, { first }, { token: tokens.secretariat });
      expect(response.errors).toBeUndefined();
      return { statements: stack.statements() - before, organizations: response.data.organizations.edges.length };
    };
    await count(8); // warm-up
    // Statements that background jobs cause (an outbox poll calling membership, say) are counted apart.
    // The first 8 companies by name already hold an application in each state and certificates with reports.
    const few = await count(8);
    const many = await count(16);
    expect(many.organizations).toBeGreaterThan(few.organizations);
    expect(many.statements).toBe(few.statements);
    expect(many.statements).toBeLessThanOrEqual(12);
  });
});
