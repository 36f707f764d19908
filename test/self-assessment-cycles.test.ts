import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleCycleYear } from '../services/certification/src/self-assessment/self-assessment.sample-data';
import { DATABASES } from './support/databases';
import { today } from './support/dates';
import { ORG } from './support/membership';
import { codes, startStack, type Stack } from './support/stack';

/** The sample's latest cycle, sent on 1 July and due on 23 September. */
const S = sampleCycleYear(today());

const answers = {
  humanRightsCommitment: 'The Code is part of our policies.',
  humanRightsDueDiligence: 'Risk assessment before each contract.',
  grievanceAndIncidentReporting: 'A hotline open to anyone.',
  training: 'Yearly training on the Code.',
};
const CYCLE = /* GraphQL */ `
  query Cycle($year: Int, $id: ID, $on: Date, $first: Int, $after: String) {
    selfAssessmentCycle(year: $year, id: $id) {
      id year sentOn dueOn
      companies(on: $on, first: $first, after: $after) {
        totalCount
        edges { node { status dueOn submittedAt organization { id } } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`;
const OPEN = /* GraphQL */ `
  mutation Open($input: OpenSelfAssessmentCycleInput!) { openSelfAssessmentCycle(input: $input) { id year sentOn dueOn } }
`;
const SUBMIT = /* GraphQL */ `
  mutation Submit($input: SubmitSelfAssessmentInput!) { submitSelfAssessment(input: $input) { id year status dueOn cycle { id } } }
`;
const MISSING = /* GraphQL */ `
  query Missing($cycle: ID, $year: Int) {
    missingSelfAssessments(cycle: $cycle, year: $year, first: 100) { totalCount edges { node { status organization { id } } } }
  }
`;
const ORGANIZATION = /* GraphQL */ `
  query O($id: ID!, $from: Int, $to: Int) { organization(id: $id) { selfAssessments(fromYear: $from, toYear: $to) { id year status dueOn } } }
`;

const statusOf = (response: any, id: string) =>
  response.data.selfAssessmentCycle.companies.edges.find((e: any) => e.node.organization.id === id)?.node.status;

describe.each(DATABASES)('self-assessment cycles on %s', (database) => {
  let stack: Stack;
  let secretariat: string;
  beforeAll(async () => {
    stack = await startStack({ database });
    secretariat = await stack.token('secretariat');
  });
  afterAll(() => stack?.stop());

  it('shows a company that has not answered a cycle sent 1 July as DUE on 20 September and OVERDUE on 24 September', async () => {
    const on20 = await stack.query<any>(CYCLE, { year: S, on: `${S}-09-20`, first: 100 }, { token: secretariat });
    expect(on20.errors).toBeUndefined();
    expect(on20.data.selfAssessmentCycle).toMatchObject({ year: S, sentOn: `${S}-07-01`, dueOn: `${S}-09-23` });
    expect(statusOf(on20, ORG.cordillera)).toBe('DUE');
    expect(statusOf(on20, ORG.aegisMeridian)).toBe('SUBMITTED');
    expect(statusOf(on20, ORG.nordhavn)).toBe('REVIEWED');
    expect(statusOf(on20, ORG.mwangaza)).toBeUndefined(); // not a company
    // Observers owe none, whatever their kind (a certification body included).
    for (const observer of [ORG.tallisCertification, ORG.veldtInstitute, ORG.harbourWorkers, ORG.ostmark]) expect(statusOf(on20, observer)).toBeUndefined();
    const on24 = await stack.query<any>(CYCLE, { year: S, on: `${S}-09-24`, first: 100 }, { token: secretariat });
    expect(statusOf(on24, ORG.cordillera)).toBe('OVERDUE');
    expect(statusOf(on24, ORG.aegisMeridian)).toBe('SUBMITTED');
    expect(on24.data.selfAssessmentCycle.companies.edges.every((e: any) => e.node.dueOn === `${S}-09-23`)).toBe(true);

    // A company reads its own row only; the public is asked to sign in.
    const own = await stack.query<any>(CYCLE, { year: S, on: `${S}-09-24` }, { token: await stack.token('member', ORG.cordillera) });
    expect(own.data.selfAssessmentCycle.companies.edges.map((e: any) => [e.node.organization.id, e.node.status])).toEqual([
      [ORG.cordillera, 'OVERDUE'],
    ]);
    expect(codes(await stack.query<any>(CYCLE, { year: S }))).toEqual(['UNAUTHENTICATED']);
  });

  it('opens a cycle for the Secretariat alone, once a year, sent before it is due', async () => {
    const input = { year: 2090, sentOn: '2090-07-01', dueOn: '2090-09-23' };
    const member = await stack.token('member', ORG.cordillera);
    expect(codes(await stack.query<any>(OPEN, { input }, { token: member }))).toEqual(['FORBIDDEN']);
    expect(codes(await stack.query<any>(OPEN, { input: { ...input, dueOn: '2090-06-30' } }, { token: secretariat }))).toEqual(['BAD_USER_INPUT']);
    const opened = await stack.query<any>(OPEN, { input }, { token: secretariat });
    expect(opened.errors).toBeUndefined();
    expect(opened.data.openSelfAssessmentCycle).toMatchObject(input);
    expect(codes(await stack.query<any>(OPEN, { input }, { token: secretariat }))).toEqual(['BAD_USER_INPUT']);

    // Not sent yet: answering it is refused and nothing is stored.
    const early = await stack.query<any>(SUBMIT, { input: { year: 2090, ...answers } }, { token: member });
    expect(codes(early)).toEqual(['BAD_USER_INPUT']);
    const entry = await stack.query<any>(ORGANIZATION, { id: ORG.cordillera, from: 2090, to: 2090 });
    expect(entry.data.organization.selfAssessments).toEqual([{ id: null, year: 2090, status: 'DUE', dueOn: '2090-09-23' }]);
    // No cycle for that year.
    expect(codes(await stack.query<any>(SUBMIT, { input: { year: 2091, ...answers } }, { token: member }))).toEqual(['BAD_USER_INPUT']);

    const cycles = await stack.query<any>(
      /* GraphQL */ `query { selfAssessmentCycles(first: 2) { edges { node { year } } pageInfo { hasNextPage endCursor } } }`,
      {},
      { token: member },
    );
    expect(cycles.data.selfAssessmentCycles.edges.map((e: any) => e.node.year)).toEqual([2090, S]);
    const next = await stack.query<any>(
      /* GraphQL */ `query C($after: String) { selfAssessmentCycles(first: 2, after: $after) { edges { node { year } } } }`,
      { after: cycles.data.selfAssessmentCycles.pageInfo.endCursor },
      { token: member },
    );
    expect(next.data.selfAssessmentCycles.edges.map((e: any) => e.node.year)).toEqual([S - 1, S - 2]);
  });

  it('takes answers only from the companies a cycle covers, and lists the missing ones per cycle', async () => {
    // Sent on 1 January 2024: Cordillera was a member then, Bastion Shield joined in June 2024.
    const opened = await stack.query<any>(OPEN, { input: { year: 2089, sentOn: '2024-01-01', dueOn: '2024-03-31' } }, { token: secretariat });
    const cycle = opened.data.openSelfAssessmentCycle.id;
    const before = await stack.query<any>(MISSING, { cycle }, { token: secretariat });
    const ids = before.data.missingSelfAssessments.edges.map((e: any) => e.node.organization.id);
    expect(ids).toContain(ORG.cordillera);
    expect(ids).not.toContain(ORG.bastionShield);
    expect(before.data.missingSelfAssessments.edges.every((e: any) => e.node.status === 'OVERDUE')).toBe(true);

    const bastion = await stack.query<any>(SUBMIT, { input: { year: 2089, ...answers } }, { token: await stack.token('member', ORG.bastionShield) });
    expect(codes(bastion)).toEqual(['BAD_USER_INPUT']);
    const late = await stack.query<any>(SUBMIT, { input: { year: 2089, ...answers } }, { token: await stack.token('member', ORG.cordillera) });
    expect(late.errors).toBeUndefined();
    expect(late.data.submitSelfAssessment).toMatchObject({ year: 2089, status: 'SUBMITTED', dueOn: '2024-03-31', cycle: { id: cycle } });

    const after = await stack.query<any>(MISSING, { cycle }, { token: secretariat });
    expect(after.data.missingSelfAssessments.totalCount).toBe(before.data.missingSelfAssessments.totalCount - 1);
    expect(after.data.missingSelfAssessments.edges.map((e: any) => e.node.organization.id)).not.toContain(ORG.cordillera);
    // The year names the same cycle.
    expect((await stack.query<any>(MISSING, { year: 2089 }, { token: secretariat })).data).toEqual(after.data);
    expect(codes(await stack.query<any>(MISSING, { year: 1999 }, { token: secretariat }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await stack.query<any>(MISSING, { cycle: 'nope' }, { token: secretariat }))).toEqual(['NOT_FOUND']);
    expect(codes(await stack.query<any>(MISSING, { cycle }, { token: await stack.token('member', ORG.cordillera) }))).toEqual(['FORBIDDEN']);
  });

  it('covers only the companies listed when a cycle is opened with a list', async () => {
    const input = { year: 2088, sentOn: '2024-01-01', dueOn: '2024-03-31' };
    const notCompany = await stack.query<any>(OPEN, { input: { ...input, organizationIds: [ORG.mwangaza] } }, { token: secretariat });
    expect(codes(notCompany)).toEqual(['BAD_USER_INPUT']);
    const observer = await stack.query<any>(OPEN, { input: { ...input, organizationIds: [ORG.cordillera, ORG.tallisCertification] } }, { token: secretariat });
    expect(codes(observer)).toEqual(['BAD_USER_INPUT']);
    const opened = await stack.query<any>(OPEN, { input: { ...input, organizationIds: [ORG.cordillera] } }, { token: secretariat });
    expect(opened.errors).toBeUndefined();
    const list = await stack.query<any>(CYCLE, { year: 2088 }, { token: secretariat });
    expect(list.data.selfAssessmentCycle.companies.edges.map((e: any) => [e.node.organization.id, e.node.status])).toEqual([
      [ORG.cordillera, 'OVERDUE'],
    ]);
    // A member on the day it was sent, but not listed.
    const dunmore = await stack.query<any>(SUBMIT, { input: { year: 2088, ...answers } }, { token: await stack.token('member', ORG.dunmoreMaritime) });
    expect(codes(dunmore)).toEqual(['BAD_USER_INPUT']);
    const missing = await stack.query<any>(MISSING, { year: 2088 }, { token: secretariat });
    expect(missing.data.missingSelfAssessments.edges.map((e: any) => e.node.organization.id)).toEqual([ORG.cordillera]);
    const entry = await stack.query<any>(ORGANIZATION, { id: ORG.dunmoreMaritime, from: 2088, to: 2088 });
    expect(entry.data.organization.selfAssessments).toEqual([]);
  });

  it('lists cycles with their companies in the same number of statements, one cycle or three', async () => {
    const LIST = /* GraphQL */ `
      query L($first: Int) {
        selfAssessmentCycles(first: $first) {
          edges { node { year companies(first: 100) { edges { node { status submittedAt organization { id } } } } } }
        }
      }
    `;
    const run = async (first: number) => {
      const before = stack.statements();
      const response = await stack.query<any>(LIST, { first }, { token: secretariat });
      expect(response.errors).toBeUndefined();
      const rows = response.data.selfAssessmentCycles.edges.reduce((n: number, e: any) => n + e.node.companies.edges.length, 0);
      return { statements: stack.statements() - before, rows };
    };
    await run(1); // warm-up
    const one = await run(1);
    const three = await run(3);
    expect(three.rows).toBeGreaterThan(one.rows);
    expect(three.statements).toBe(one.statements);
  });
});
