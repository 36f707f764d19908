import { afterEach, describe, expect, it } from 'vitest';
import { complaintInput, SUBMIT } from './support/complaints';
import { ORG } from './support/membership';
import { startStack, type Stack } from './support/stack';

/**
 * One subgraph down, the others answering: each outage nulls only the fields of the subgraph that is
 * down, with an error at the path of each missing part (list items with their index) and the code
 * SERVICE_UNAVAILABLE, never the neighbours' data. Which subgraph failed goes to the logs only.
 */
const ORGANIZATION = /* GraphQL */ `
  query Organization($id: ID!) {
    organization(id: $id) { name membershipStatus standing certificationStatus complaintStatistics { total { value fewerThan } } }
  }
`;
const DIRECTORY = /* GraphQL */ `
  query Directory {
    organizations(filter: { pillar: PRIVATE_SECURITY_COMPANY }, first: 3) {
      edges { node { name standing complaintStatistics { total { value fewerThan } } } }
    }
  }
`;
const CERTIFICATES = /* GraphQL */ `
  query Certificates { certifications(first: 2) { edges { node { certificateNumber organization { name } } } } }
`;

const unavailable = (path: (string | number)[]) =>
  expect.objectContaining({ path, extensions: { code: 'SERVICE_UNAVAILABLE' } });

describe('answers while one subgraph is down', () => {
  let stack: Stack | undefined;
  afterEach(async () => {
    await stack?.stop();
    stack = undefined;
  });

  /** The whole graph with `down` stopped after start (the gateway still routes to its address). */
  async function without(down: string): Promise<Stack> {
    stack = await startStack({ database: 'sqlite' });
    await stack.subgraphs[down].stop();
    return stack;
  }

  it('certification down: membership and complaints still answer; standing and certification status are null with their paths', async () => {
    const graph = await without('certification');
    const one = await graph.query<any>(ORGANIZATION, { id: ORG.aegisMeridian });
    expect(one.status).toBe(200);
    expect(one.data.organization).toEqual({
      name: 'Aegis Meridian Security Ltd',
      membershipStatus: 'ACTIVE',
      standing: null,
      certificationStatus: null,
      // Its public total: fewer than 5 complaints (the exact counts are the Secretariat's and the company's).
      complaintStatistics: { total: { value: null, fewerThan: 5 } },
    });
    expect(one.errors).toEqual([unavailable(['organization', 'standing']), unavailable(['organization', 'certificationStatus'])]);
    // The client learns that a part is missing, not where the graph's parts live.
    expect(JSON.stringify(one.errors)).not.toMatch(/certification subgraph|localhost|127\.0\.0\.1|:\d{4,5}/);

    const list = await graph.query<any>(DIRECTORY);
    expect(list.data.organizations.edges).toHaveLength(3);
    for (const edge of list.data.organizations.edges) {
      expect(edge.node.name).toEqual(expect.any(String));
      expect(edge.node.standing).toBeNull();
      const { value, fewerThan } = edge.node.complaintStatistics.total;
      expect(value ?? fewerThan).toEqual(expect.any(Number));
    }
    expect(list.errors).toEqual([0, 1, 2].map((i) => unavailable(['organizations', 'edges', i, 'node', 'standing'])));
  });

  it('one subgraph down while a query asks all three: only its root field is null, the others answer', async () => {
    const THREE = /* GraphQL */ `
      query ThreeSubgraphs {
        organizations(first: 2) { edges { node { name } } }
        certifications(first: 2) { edges { node { certificateNumber } } }
        complaintFormOptions(language: "fr") { language }
      }
    `;
    const graph = await without('certification');
    const response = await graph.query<any>(THREE);
    expect(response.status).toBe(200);
    // Root fields are nullable: a non-null one would have nulled the whole `data` for one subgraph's outage.
    expect(response.data.organizations.edges).toHaveLength(2);
    expect(response.data.certifications).toBeNull();
    expect(response.data.complaintFormOptions).toEqual({ language: 'fr' });
    expect(response.errors).toEqual([unavailable(['certifications'])]);
  });

  it('membership down: certificates still answer, each without its company', async () => {
    const graph = await without('membership');
    const response = await graph.query<any>(CERTIFICATES);
    expect(response.data.certifications.edges).toHaveLength(2);
    for (const edge of response.data.certifications.edges) {
      expect(edge.node.certificateNumber).toEqual(expect.any(String));
      expect(edge.node.organization).toBeNull();
    }
    expect(response.errors).toEqual([0, 1].map((i) => unavailable(['certifications', 'edges', i, 'node', 'organization'])));
    const organization = await graph.query<any>(ORGANIZATION, { id: ORG.aegisMeridian });
    expect(organization.data.organization).toBeNull();
    expect(organization.errors).toEqual([unavailable(['organization'])]);
    // A complaint is never lost: stored at once, its company checked once membership answers again.
    const filed = await graph.query<any>(SUBMIT, { input: complaintInput() });
    expect(filed.errors).toBeUndefined();
    expect(filed.data.submitComplaint.receiptCode).toEqual(expect.any(String));
  });

  it('complaints down: membership and certification still answer; the statistics are null with their path', async () => {
    const graph = await without('complaints');
    const response = await graph.query<any>(ORGANIZATION, { id: ORG.aegisMeridian });
    expect(response.data.organization).toMatchObject({
      name: 'Aegis Meridian Security Ltd',
      standing: expect.any(String),
      certificationStatus: expect.any(String),
      complaintStatistics: null,
    });
    expect(response.errors).toEqual([unavailable(['organization', 'complaintStatistics'])]);
  });
});
