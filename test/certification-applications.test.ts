import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_CERTIFICATION_BODY_ID } from '../services/certification/src/sample-data';
import { DATABASES } from './support/databases';
import { pdf, upload } from './support/documents';
import { ORG } from './support/membership';
import { codes, startStack, type Stack } from './support/stack';
import { addDays, anniversary, today } from './support/dates';

const TODAY = today();
const Y = Number(TODAY.slice(0, 4));
/** A certificate issued 3 months ago: no surveillance audit yet, so no surveillance report is required. */
const ISSUED = addDays(today(), -90);
const EXPIRES = anniversary(ISSUED, 3);

const APPLICATION = /* GraphQL */ `
  id status version standard certificateNumber issuedOn expiresOn countriesCovered missingDocuments correctiveActionPlanRequired
  certificationBody { name }
  documents { kind documentId sha256 redacted redactionExplanation document { fileName contentType sizeBytes } }
  history { sequence kind status message author }
  decision decisionReasons missingItems
  certification { id certificateNumber status expiresOn }
`;
/** The whole history of an application, as the Secretariat reads it. */
const HISTORY = /* GraphQL */ `query H($id: ID!) { certificationApplication(id: $id) { history { sequence } } }`;
const CREATE = /* GraphQL */ `
  mutation Create($input: CertificationApplicationInput!, $organizationId: ID) {
    createCertificationApplication(input: $input, organizationId: $organizationId) { ${APPLICATION} }
  }
`;
const UPDATE = /* GraphQL */ `
  mutation Update($id: ID!, $input: CertificationApplicationInput!, $v: Int!) {
    updateCertificationApplication(id: $id, input: $input, expectedVersion: $v) { ${APPLICATION} }
  }
`;
const SUBMIT = /* GraphQL */ `mutation Submit($id: ID!, $v: Int!) { submitCertificationApplication(id: $id, expectedVersion: $v) { ${APPLICATION} } }`;
const START = /* GraphQL */ `mutation Start($id: ID!, $v: Int!) { startCertificationReview(id: $id, expectedVersion: $v) { ${APPLICATION} } }`;
const ASK = /* GraphQL */ `
  mutation Ask($id: ID!, $q: String!, $v: Int!) { askCertificationQuestions(id: $id, questions: $q, expectedVersion: $v) { ${APPLICATION} } }
`;
const ANSWER = /* GraphQL */ `
  mutation Answer($id: ID!, $a: String!, $v: Int!) { answerCertificationQuestions(id: $id, answer: $a, expectedVersion: $v) { ${APPLICATION} } }
`;
const DECIDE = /* GraphQL */ `
  mutation Decide($id: ID!, $input: CertificationDecisionInput!, $v: Int!) {
    decideCertificationApplication(id: $id, input: $input, expectedVersion: $v) { ${APPLICATION} decidedBy history { recordedBy } }
  }
`;
const OUTCOME = /* GraphQL */ `
  query Outcome($id: ID!) {
    organization(id: $id) {
      certificationStatus standing
      currentCertification { standard certificateNumber issuedOn expiresOn certificationBody { name } history { event reason } }
    }
  }
`;

describe.each(DATABASES)('applying for ICoCA certification through the gateway on %s', (database) => {
  let stack: Stack;
  const tokens: Record<string, string> = {};
  const documents: Record<string, { id: string; sha256: string }> = {};

  async function document(label: string, token = tokens.company) {
    const uploaded = await upload(stack, pdf(label), `${label}.pdf`, { token });
    expect(uploaded.status).toBe(201);
    return uploaded.body as { id: string; sha256: string };
  }

  const certificate = (number: string) => ({
    standard: 'ISO 18788:2015',
    certificationBodyId: SAMPLE_CERTIFICATION_BODY_ID.meridianAssurance,
    certificateNumber: number,
    scope: 'Static guarding of mining sites',
    countriesCovered: ['pe', 'BO'],
    issuedOn: ISSUED,
    expiresOn: EXPIRES,
  });
  const allDocuments = () => [
    { kind: 'CERTIFICATE', documentId: documents.certificate.id },
    { kind: 'AUDIT_REPORT', documentId: documents.audit.id, redacted: true, redactionExplanation: 'Client names removed under contract' },
    { kind: 'CORRECTIVE_ACTION_PLAN', documentId: documents.plan.id },
    { kind: 'HUMAN_RIGHTS_RISK_ASSESSMENT', documentId: documents.risk.id },
    { kind: 'ADDITIONAL_INFORMATION', documentId: documents.extra.id },
  ];

  beforeAll(async () => {
    stack = await startStack({ database });
    tokens.company = await stack.token('member', ORG.montanaAzul);
    tokens.otherCompany = await stack.token('member', ORG.bastionShield);
    tokens.secretariat = await stack.token('secretariat');
    for (const label of ['certificate', 'audit', 'plan', 'risk', 'extra']) documents[label] = await document(label);
    documents.others = await document('not theirs', tokens.otherCompany);
  });
  afterAll(() => stack?.stop());

  it('takes a company from a draft to certified: submission, review, questions and answers, decision', async () => {
    const before = await stack.query<any>(OUTCOME, { id: ORG.montanaAzul });
    expect(before.data.organization.certificationStatus).toBe('NOT_CERTIFIED');
    expect(before.data.organization.standing).toBe('MEMBER_PENDING_CERTIFICATION');

    const created = await stack.query<any>(CREATE, { input: { standard: 'ISO 18788' } }, { token: tokens.company });
    expect(created.errors).toBeUndefined();
    let application = created.data.createCertificationApplication;
    expect(application).toMatchObject({ status: 'DRAFT', version: 1, standard: 'ISO_18788', documents: [] });
    expect(application.history).toEqual([{ sequence: 1, kind: 'CREATED', status: 'DRAFT', message: null, author: 'COMPANY' }]);

    const incomplete = await stack.query<any>(SUBMIT, { id: application.id, v: 1 }, { token: tokens.company });
    expect(codes(incomplete)).toEqual(['BAD_USER_INPUT']);
    expect(incomplete.errors![0].message).toContain('certificationBodyId');

    const filled = await stack.query<any>(
      UPDATE,
      // The audit report says the certification body required a corrective action plan.
      { id: application.id, v: 1, input: { ...certificate('MAC-18788-9001'), correctiveActionPlanRequired: true, documents: allDocuments().slice(0, 2) } },
      { token: tokens.company },
    );
    expect(filled.errors).toBeUndefined();
    application = filled.data.updateCertificationApplication;
    expect(application.version).toBe(2);
    expect(application.countriesCovered).toEqual(['PE', 'BO']);
    expect(application.documents[1]).toMatchObject({ kind: 'AUDIT_REPORT', sha256: documents.audit.sha256, redacted: true });
    expect(application.documents[0].document).toEqual({ fileName: 'certificate.pdf', contentType: 'application/pdf', sizeBytes: expect.any(Number) });
    expect(application.missingDocuments).toEqual(['CORRECTIVE_ACTION_PLAN', 'HUMAN_RIGHTS_RISK_ASSESSMENT', 'ADDITIONAL_INFORMATION']);

    const missing = await stack.query<any>(SUBMIT, { id: application.id, v: 2 }, { token: tokens.company });
    expect(missing.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'documents' });
    expect(missing.errors![0].message).toBe('Missing required documents: CORRECTIVE_ACTION_PLAN, HUMAN_RIGHTS_RISK_ASSESSMENT, ADDITIONAL_INFORMATION');

    application = (await stack.query<any>(UPDATE, { id: application.id, v: 2, input: { documents: allDocuments() } }, { token: tokens.company }))
      .data.updateCertificationApplication;
    const submitted = await stack.query<any>(SUBMIT, { id: application.id, v: 3 }, { token: tokens.company });
    expect(submitted.errors).toBeUndefined();
    expect(submitted.data.submitCertificationApplication).toMatchObject({ status: 'SUBMITTED', version: 4, missingDocuments: [] });
    const afterSubmit = await stack.query<any>(UPDATE, { id: application.id, v: 4, input: { scope: 'changed' } }, { token: tokens.company });
    expect(codes(afterSubmit)).toEqual(['BAD_USER_INPUT']);

    const started = await stack.query<any>(START, { id: application.id, v: 4 }, { token: tokens.secretariat });
    expect(started.data.startCertificationReview.status).toBe('UNDER_REVIEW');
    const asked = await stack.query<any>(
      ASK,
      { id: application.id, v: 5, q: 'Please explain the open minor nonconformity on vetting.' },
      { token: tokens.secretariat },
    );
    expect(asked.data.askCertificationQuestions.status).toBe('AWAITING_COMPANY');
    const early = await stack.query<any>(DECIDE, { id: application.id, v: 6, input: { decision: 'CERTIFY', reasons: 'x' } }, { token: tokens.secretariat });
    expect(codes(early)).toEqual(['BAD_USER_INPUT']);
    const answered = await stack.query<any>(
      ANSWER,
      { id: application.id, v: 6, a: 'Closed in March: vetting now includes a second reference check.' },
      { token: tokens.company },
    );
    expect(answered.data.answerCertificationQuestions.status).toBe('UNDER_REVIEW');

    const decided = await stack.query<any>(
      DECIDE,
      { id: application.id, v: 7, input: { decision: 'CERTIFY', reasons: 'Certificate and audit reports reviewed; human-rights information sufficient.' } },
      { token: tokens.secretariat },
    );
    expect(decided.errors).toBeUndefined();
    application = decided.data.decideCertificationApplication;
    expect(application).toMatchObject({ status: 'CERTIFIED', decision: 'CERTIFY', decidedBy: 'test-secretariat', version: 8 });
    expect(application.certification).toMatchObject({ certificateNumber: 'MAC-18788-9001', status: 'ACTIVE', expiresOn: EXPIRES });
    expect(application.history.map((e: { kind: string; author: string }) => `${e.kind}:${e.author}`)).toEqual([
      'CREATED:COMPANY', 'SUBMITTED:COMPANY', 'REVIEW_STARTED:SECRETARIAT', 'QUESTION:SECRETARIAT', 'ANSWER:COMPANY', 'CERTIFIED:SECRETARIAT',
    ]);
    expect(application.history[3].message).toContain('vetting');
    expect(application.history.map((e: { recordedBy: string }) => e.recordedBy)).toEqual([
      'test-member', 'test-member', 'test-secretariat', 'test-secretariat', 'test-member', 'test-secretariat',
    ]);

    // What the public reads (standing, verification) now rests on the certificate the decision recorded.
    const after = await stack.query<any>(OUTCOME, { id: ORG.montanaAzul });
    expect(JSON.stringify(after.data)).not.toMatch(/vetting|human-rights information sufficient/);
    const verified = await stack.query<any>(
      /* GraphQL */ `query V($ids: [ID!]) { verifyMembers(ids: $ids) { matches { result { standing certificate { certificateNumber expiresOn } } } } }`,
      { ids: [ORG.montanaAzul] },
      { token: await stack.token('partner') },
    );
    expect(verified.data.verifyMembers[0].matches[0].result).toEqual({
      standing: 'CERTIFIED_MEMBER',
      certificate: { certificateNumber: 'MAC-18788-9001', expiresOn: EXPIRES },
    });
    expect(after.data.organization).toMatchObject({
      certificationStatus: 'CERTIFIED',
      standing: 'CERTIFIED_MEMBER',
      currentCertification: { standard: 'ISO_18788', certificateNumber: 'MAC-18788-9001', issuedOn: ISSUED, expiresOn: EXPIRES },
    });
  });

  it('needs the corrective action plan only when the certification body required one', async () => {
    const withoutPlan = allDocuments().filter((d) => d.kind !== 'CORRECTIVE_ACTION_PLAN');
    const notRequired = await stack.query<any>(
      CREATE, { input: { ...certificate('MAC-18788-9200'), documents: withoutPlan } }, { token: tokens.company },
    );
    expect(notRequired.errors).toBeUndefined();
    expect(notRequired.data.createCertificationApplication).toMatchObject({ correctiveActionPlanRequired: false, missingDocuments: [] });
    const complete = await stack.query<any>(SUBMIT, { id: notRequired.data.createCertificationApplication.id, v: 1 }, { token: tokens.company });
    expect(complete.errors).toBeUndefined();
    expect(complete.data.submitCertificationApplication.status).toBe('SUBMITTED');

    const required = await stack.query<any>(
      CREATE,
      { input: { ...certificate('MAC-18788-9201'), correctiveActionPlanRequired: true, documents: withoutPlan } },
      { token: tokens.company },
    );
    const id = required.data.createCertificationApplication.id;
    expect(required.data.createCertificationApplication).toMatchObject({ correctiveActionPlanRequired: true, missingDocuments: ['CORRECTIVE_ACTION_PLAN'] });
    const incomplete = await stack.query<any>(SUBMIT, { id, v: 1 }, { token: tokens.company });
    expect(incomplete.errors![0].message).toBe('Missing required documents: CORRECTIVE_ACTION_PLAN');
    const unchanged = await stack.query<any>(/* GraphQL */ `query A($id: ID!) { certificationApplication(id: $id) { status version } }`, { id }, { token: tokens.company });
    expect(unchanged.data.certificationApplication).toEqual({ status: 'DRAFT', version: 1 });
  });

  it('refuses with what is missing; a refusal without it is BAD_USER_INPUT and changes nothing', async () => {
    const created = await stack.query<any>(
      CREATE,
      { input: { ...certificate('NAC-18788-77'), certificationBodyId: SAMPLE_CERTIFICATION_BODY_ID.nordicAudit, documents: allDocuments() } },
      { token: tokens.company },
    );
    const id = created.data.createCertificationApplication.id;
    await stack.query(SUBMIT, { id, v: 1 }, { token: tokens.company });
    await stack.query(START, { id, v: 2 }, { token: tokens.secretariat });
    const statements = stack.statements();
    const noMissing = await stack.query<any>(DECIDE, { id, v: 3, input: { decision: 'REFUSE', reasons: 'Incomplete' } }, { token: tokens.secretariat });
    expect(noMissing.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'missing' });
    expect(stack.statements() - statements).toBeLessThanOrEqual(1);
    const refused = await stack.query<any>(
      DECIDE,
      { id, v: 3, input: { decision: 'REFUSE', reasons: 'The stage 2 report does not cover Bolivia.', missing: 'Stage 2 audit report for the Bolivian sites' } },
      { token: tokens.secretariat },
    );
    expect(refused.data.decideCertificationApplication).toMatchObject({
      status: 'REFUSED',
      decision: 'REFUSE',
      missingItems: 'Stage 2 audit report for the Bolivian sites',
      certification: null,
    });
    expect(refused.data.decideCertificationApplication.history.at(-1).message).toContain('Missing: Stage 2 audit report');
    const again = await stack.query<any>(DECIDE, { id, v: 4, input: { decision: 'CERTIFY', reasons: 'Changed my mind' } }, { token: tokens.secretariat });
    expect(codes(again)).toEqual(['BAD_USER_INPUT']);
  });

  it('makes every change conditional on expectedVersion: a stale one is CONFLICT and appends nothing', async () => {
    const created = await stack.query<any>(CREATE, { input: { documents: allDocuments(), ...certificate('MAC-18788-9100') } }, { token: tokens.company });
    const id = created.data.createCertificationApplication.id;
    await stack.query(SUBMIT, { id, v: 1 }, { token: tokens.company });
    const events = async () => {
      const read = await stack.query<any>(HISTORY, { id }, { token: tokens.secretariat });
      expect(read.errors).toBeUndefined();
      return read.data.certificationApplication.history.length as number;
    };
    const before = await events();
    const stale = await stack.query<any>(START, { id, v: 1 }, { token: tokens.secretariat });
    expect(codes(stale)).toEqual(['CONFLICT']);
    expect(await events()).toBe(before);
    // Two reviewers at once on the same version: one wins, the other gets CONFLICT.
    const [a, b] = await Promise.all([
      stack.query<any>(START, { id, v: 2 }, { token: tokens.secretariat }),
      stack.query<any>(START, { id, v: 2 }, { token: tokens.secretariat }),
    ]);
    expect([...codes(a), ...codes(b)]).toEqual(['CONFLICT']);
    expect(await events()).toBe(before + 1);
  });

  it('checks what is given: redactions need an explanation, documents must be the company\'s, standards recognized', async () => {
    const redacted = await stack.query<any>(
      CREATE,
      { input: { documents: [{ kind: 'AUDIT_REPORT', documentId: documents.audit.id, redacted: true }] } },
      { token: tokens.company },
    );
    expect(redacted.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'documents[0].redactionExplanation' });
    const foreign = await stack.query<any>(
      CREATE,
      { input: { documents: [{ kind: 'CERTIFICATE', documentId: documents.others.id }] } },
      { token: tokens.company },
    );
    expect(foreign.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'documents[0].documentId' });
    const iso9001 = await stack.query<any>(CREATE, { input: { standard: 'ISO 9001' } }, { token: tokens.company });
    expect(iso9001.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'standard' });
    const notCompany = await stack.query<any>(CREATE, { input: {}, organizationId: ORG.mwangaza }, { token: tokens.secretariat });
    expect(notCompany.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'organizationId' });
  });

  it('renews through the same application: certifying a known certificate number moves its expiry later', async () => {
    // A recertification issued today, valid three years: later than the certificate recorded 90 days ago.
    const renewalExpiry = `${Y + 3}${TODAY.slice(4)}`.replace(/-02-29$/, '-02-28');
    const issued = TODAY;
    const created = await stack.query<any>(
      CREATE,
      { input: { ...certificate('MAC-18788-9001'), issuedOn: issued, expiresOn: renewalExpiry, documents: allDocuments() }, organizationId: ORG.montanaAzul },
      { token: tokens.secretariat },
    );
    expect(created.errors).toBeUndefined();
    const id = created.data.createCertificationApplication.id;
    expect(created.data.createCertificationApplication.history[0].author).toBe('SECRETARIAT');
    for (const [query, v, token] of [[SUBMIT, 1, tokens.secretariat], [START, 2, tokens.secretariat]] as const) {
      expect((await stack.query<any>(query, { id, v }, { token })).errors).toBeUndefined();
    }
    const decided = await stack.query<any>(DECIDE, { id, v: 3, input: { decision: 'CERTIFY', reasons: 'Recertification audit passed' } }, { token: tokens.secretariat });
    expect(decided.errors).toBeUndefined();
    expect(decided.data.decideCertificationApplication.certification).toMatchObject({ certificateNumber: 'MAC-18788-9001', expiresOn: renewalExpiry });
    const history = await stack.query<any>(
      /* GraphQL */ `query H($id: ID!) { organization(id: $id) { certifications { certificateNumber history { event expiresOn } } } }`,
      { id: ORG.montanaAzul },
    );
    expect(history.data.organization.certifications).toHaveLength(1);
    expect(history.data.organization.certifications[0].history.map((h: { event: string }) => h.event)).toEqual(['ISSUED', 'RENEWED']);
  });
});
