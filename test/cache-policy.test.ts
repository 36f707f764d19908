import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerCachePolicyPlugin } from '../services/shared/src/cache-policy';
import { buildFederatedSchema, loadSubgraphConfig, PUBLIC_VIEWER, type RequestContext, type Viewer } from '../services/shared/src';
import { SUBGRAPHS } from '../services/subgraphs';
import { complaintInput } from './support/complaints';
import { ORG } from './support/membership';
import { startStack, type Stack } from './support/stack';

/**
 * The subgraphs work out an answer's cache policy once per operation (services/shared/src/cache-policy.ts)
 * instead of running Apollo's cache-control plugin, which restricts it field by field as they resolve. Its
 * claim: never laxer than Apollo's plugin, and equal to it whenever every selected field is resolved. Each
 * operation below runs on two servers over the same subgraph, database and viewer: A with Apollo's plugin
 * (the auth checker and viewer-dependent fields restrict `context.cachePolicy`, Apollo's overall policy, as
 * before), B as the subgraphs run. Their `Cache-Control` must be equal; where some selected field is never
 * resolved (under a null, in an empty list, in a fragment on a type not met) B may only be stricter.
 */

const MAX_AGE = 60;

const VIEWERS: Record<string, Viewer> = {
  anonymous: PUBLIC_VIEWER,
  partner: { role: 'partner', subject: 'test-partner', partnerOrganizationId: ORG.humanSecurityWatch },
  member: { role: 'member', organizationId: ORG.aegisMeridian, subject: 'test-member' },
  secretariat: { role: 'secretariat', subject: 'test-secretariat' },
};

interface Case {
  name: string;
  query: string;
  variables?: () => Record<string, unknown>;
  /** Some selected field is never resolved: B may be stricter than A (`no-store`), never laxer. */
  unresolved?: true;
  /** What A (Apollo's plugin) answers the anonymous caller: keeps each case from passing by both saying `no-store`. */
  anonymous?: string;
}

const PUBLIC = `max-age=${MAX_AGE}, public`;
const NO_STORE = 'no-store';
const ENTITIES = 'query Entities($representations: [_Any!]!) { _entities(representations: $representations) {';
const representations = (...list: Record<string, unknown>[]) => () => ({ representations: list });
const organization = (id: string) => ({ __typename: 'Organization', id });
const TODAY = new Date().toISOString().slice(0, 10);
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
/** A representation of a verification result, as the gateway sends it to certification for `standing` and `receipt`. */
const VERIFICATION_RESULT = {
  __typename: 'VerificationResult',
  organizationId: ORG.aegisMeridian,
  asOf: TODAY,
  organizationName: 'Aegis Meridian Security Ltd',
  pillar: 'PRIVATE_SECURITY_COMPANY',
  membershipStatus: 'ACTIVE',
  membershipCategory: 'MEMBER',
  certificationDeadline: null,
};
/** Fragments on the abstract `_Entity`, spread and inline, nested. */
const ENTITY_FRAGMENTS = `
  query Entities($representations: [_Any!]!) { _entities(representations: $representations) { ...Entity } }
  fragment Entity on _Entity { __typename ... on Organization { ...OrganizationId } }
  fragment OrganizationId on Organization { id }
`;

const CORPUS: Record<string, Case[]> = {
  membership: [
    {
      name: 'the public directory',
      query: `{ organizations(first: 5, filter: { pillar: PRIVATE_SECURITY_COMPANY }) {
        totalCount pageInfo { hasNextPage endCursor }
        edges { cursor node { id name membershipStatus statusHistory { status effectiveFrom } names { name kind } } } } }`,
      anonymous: PUBLIC,
    },
    {
      name: 'an organization by id',
      query: `query($id: ID!) { organization(id: $id) { id name headquartersCountryName(language: FR) memberSince
        montreuxDocumentParticipation { since } statusHistory { status category } } }`,
      variables: () => ({ id: ORG.aegisMeridian }),
      anonymous: PUBLIC,
    },
    {
      name: '_entities of several hinted types',
      query: `${ENTITIES} __typename ... on Organization { id name } ... on ComplaintFormOptions { language }
        ... on TransparencyReport { year } ... on VerificationResult { organizationName membershipStatus } } }`,
      variables: representations(
        organization(ORG.aegisMeridian),
        { __typename: 'ComplaintFormOptions', language: 'fr' },
        { __typename: 'TransparencyReport', year: 2025 },
        { __typename: 'VerificationResult', organizationId: ORG.bastionShield, asOf: TODAY },
      ),
      anonymous: PUBLIC,
    },
    {
      name: '_entities with a type that is no entity here',
      query: `${ENTITIES} ... on Organization { id } } }`,
      variables: representations(organization(ORG.aegisMeridian), { __typename: 'MembershipApplication', id: 'x' }),
      anonymous: NO_STORE,
    },
    {
      name: 'a restricted field (contacts)',
      query: 'query($id: ID!) { organization(id: $id) { id name contacts { name email } } }',
      variables: () => ({ id: ORG.aegisMeridian }),
      anonymous: NO_STORE,
    },
    {
      name: 'a viewer-dependent field (history)',
      query: 'query($id: ID!) { organization(id: $id) { id history { kind before after } } }',
      variables: () => ({ id: ORG.aegisMeridian }),
      anonymous: PUBLIC,
    },
    {
      name: 'a viewer-dependent entity (TransparencyReport)',
      query: `${ENTITIES} ... on TransparencyReport { year } } }`,
      variables: representations({ __typename: 'TransparencyReport', year: 2025 }),
      anonymous: PUBLIC,
    },
    {
      name: 'verification by name, nested hinted types',
      query: '{ verifyMembers(names: ["Aegis Meridian"]) { matched matches { matchedName result { organizationName organization { id } } } } }',
      anonymous: PUBLIC,
    },
    { name: 'fragments on the abstract _Entity', query: ENTITY_FRAGMENTS, variables: representations(organization(ORG.bastionShield)), anonymous: PUBLIC },
    {
      name: 'an unhinted field under a null entity',
      query: `${ENTITIES} ... on Organization { id contacts { email } } } }`,
      variables: representations(organization(UNKNOWN_ID)),
      unresolved: true,
      anonymous: PUBLIC,
    },
    {
      name: 'an unhinted field in an empty list',
      query: '{ organizations(filter: { search: "no organization is called this zzqx" }) { totalCount edges { node { id contacts { email } } } } }',
      unresolved: true,
      anonymous: PUBLIC,
    },
    {
      name: 'a fragment on a type not met',
      query: `${ENTITIES} ... on Organization { id } ... on VerificationResult { organization { contacts { email } } } } }`,
      variables: representations(organization(ORG.aegisMeridian)),
      unresolved: true,
      anonymous: PUBLIC,
    },
    { name: '__typename alone', query: '{ __typename }', anonymous: NO_STORE },
    {
      name: 'a mutation',
      query: `mutation($input: SubmitMembershipApplicationInput!) { submitMembershipApplication(input: $input) { id status } }`,
      variables: () => ({
        input: {
          organizationName: `Cache Policy Guarding ${Math.random().toString(36).slice(2, 8)}`,
          pillar: 'CIVIL_SOCIETY',
          requestedCategory: 'MEMBER',
          headquartersCountry: 'KE',
          contactName: 'A. Person',
          contactEmail: 'a.person@example.org',
        },
      }),
      anonymous: NO_STORE,
    },
  ],
  certification: [
    {
      name: 'the public certificates and bodies',
      query: `{ certifications(first: 5) { totalCount pageInfo { hasNextPage } edges { cursor node { id certificateNumber standard
        certificationBody { name country } organization { id certificationStatus } } } } certificationBodies { id name } }`,
      anonymous: PUBLIC,
    },
    {
      name: 'risk areas (a root field with its own hint)',
      query: '{ riskAreas { code country current { __typename } } }',
      anonymous: PUBLIC,
    },
    {
      name: 'an organization by id',
      query: `${ENTITIES} ... on Organization { id certificationStatus currentCertification { certificateNumber certificationBody { name } }
        certificationsPage(first: 2) { totalCount edges { node { id } } } } } }`,
      variables: representations(organization(ORG.aegisMeridian)),
      anonymous: PUBLIC,
    },
    {
      name: '_entities of hinted and unhinted types',
      query: `${ENTITIES} __typename ... on Organization { id certificationStatus } ... on TransparencyReport { year }
        ... on VerificationResult { certificationStatus } ... on RiskReport { id } } }`,
      variables: representations(
        organization(ORG.bastionShield),
        { __typename: 'TransparencyReport', year: 2025 },
        VERIFICATION_RESULT,
        { __typename: 'RiskReport', id: UNKNOWN_ID },
      ),
      anonymous: NO_STORE,
    },
    {
      name: '_entities of hinted types only',
      query: `${ENTITIES} __typename ... on Organization { id certificationStatus } ... on VerificationResult { certificationStatus } } }`,
      variables: representations(organization(ORG.bastionShield), VERIFICATION_RESULT),
      anonymous: PUBLIC,
    },
    {
      name: 'restricted fields (findings)',
      query: `${ENTITIES} ... on Organization { id openFindingsCount findings { id } } } }`,
      variables: representations(organization(ORG.aegisMeridian)),
      anonymous: NO_STORE,
    },
    {
      name: 'a viewer-dependent field (watchlists)',
      query: '{ watchlists { id name } }',
      anonymous: NO_STORE,
    },
    {
      name: 'a NeverCache field (receipt)',
      query: `${ENTITIES} ... on VerificationResult { standing certificationStatus receipt } } }`,
      variables: representations(VERIFICATION_RESULT),
      anonymous: NO_STORE,
    },
    {
      name: 'the same without the receipt',
      query: `${ENTITIES} ... on VerificationResult { standing certificationStatus certificate { id } } } }`,
      variables: representations(VERIFICATION_RESULT),
      anonymous: PUBLIC,
    },
    { name: 'fragments on the abstract _Entity', query: ENTITY_FRAGMENTS, variables: representations(organization(ORG.bastionShield)), anonymous: PUBLIC },
    {
      name: 'an unhinted, restricted field under a null certificate',
      query: `${ENTITIES} ... on Organization { id currentCertification { id organization { findings { id } } } } } }`,
      variables: representations(organization(ORG.humanSecurityWatch)),
      unresolved: true,
      anonymous: PUBLIC,
    },
    {
      name: 'a receipt in a fragment on a type not met',
      query: `${ENTITIES} ... on Organization { id } ... on VerificationResult { receipt } } }`,
      variables: representations(organization(ORG.aegisMeridian)),
      unresolved: true,
      anonymous: PUBLIC,
    },
    { name: '__typename alone', query: '{ __typename }', anonymous: NO_STORE },
    {
      name: 'a mutation',
      query: 'mutation($name: String!) { createWatchlist(name: $name) { id name } }',
      variables: () => ({ name: `Cache policy ${Math.random().toString(36).slice(2, 8)}` }),
      anonymous: NO_STORE,
    },
  ],
  complaints: [
    {
      name: 'the public complaint form',
      query: `{ complaintFormOptions(language: "fr") { language fellBackToEnglish direction
        provisions { provision label section references { __typename } } kinds { __typename } } }`,
      anonymous: PUBLIC,
    },
    {
      name: 'an organization by id',
      query: `${ENTITIES} ... on Organization { id complaintStatistics { asOf total { value fewerThan withheld } } } } }`,
      variables: representations(organization(ORG.aegisMeridian)),
      anonymous: PUBLIC,
    },
    {
      name: '_entities of several hinted types',
      query: `${ENTITIES} __typename ... on Organization { id } ... on ComplaintFormOptions { language direction }
        ... on TransparencyReport { year complete } } }`,
      variables: representations(
        organization(ORG.aegisMeridian),
        { __typename: 'ComplaintFormOptions', language: 'ar' },
        { __typename: 'TransparencyReport', year: 2025 },
      ),
      anonymous: PUBLIC,
    },
    {
      name: '_entities with a type that is no entity here',
      query: `${ENTITIES} ... on Organization { id } } }`,
      variables: representations(organization(ORG.aegisMeridian), { __typename: 'Complaint', id: 'x' }),
      anonymous: NO_STORE,
    },
    {
      name: 'a restricted field (complaintsPage)',
      query: `${ENTITIES} ... on Organization { id complaintsPage(first: 2) { totalCount edges { node { id status } } } } } }`,
      variables: representations(organization(ORG.aegisMeridian)),
      anonymous: NO_STORE,
    },
    {
      name: 'viewer-dependent fields (transparency report, statistics by year)',
      query: `{ transparencyReport(year: 2025) { year complete complaints { received threshold byKind { __typename } } } }`,
      anonymous: PUBLIC,
    },
    {
      name: 'the case list (viewer-dependent)',
      query: '{ complaints(first: 2) { totalCount edges { node { id status } } } }',
      anonymous: NO_STORE,
    },
    { name: 'fragments on the abstract _Entity', query: ENTITY_FRAGMENTS, variables: representations(organization(ORG.bastionShield)), anonymous: PUBLIC },
    {
      name: 'restricted exact counts (the Secretariat and the organization\'s members)',
      query: `${ENTITIES} ... on Organization { id complaintStatistics { open byYear { year received } byProvision { provision count } } } } }`,
      variables: representations(organization(ORG.aegisMeridian)),
      anonymous: NO_STORE,
    },
    {
      name: 'an unhinted field in a fragment on a type not met',
      query: `${ENTITIES} ... on ComplaintFormOptions { language } ... on Organization { complaintsPage { totalCount } } } }`,
      variables: representations({ __typename: 'ComplaintFormOptions', language: 'en' }),
      unresolved: true,
      anonymous: PUBLIC,
    },
    { name: '__typename alone', query: '{ __typename }', anonymous: NO_STORE },
    {
      name: 'a mutation',
      query: 'mutation($input: SubmitComplaintInput!) { submitComplaint(input: $input) { referenceNumber status } }',
      variables: () => ({ input: complaintInput() }),
      anonymous: NO_STORE,
    },
  ],
};

/** Apollo's per-field policy with the subgraph's dynamic restrictions, capped as `answerCachePolicyPlugin` caps it. */
function apolloPlugins(): ApolloServerPlugin<RequestContext>[] {
  return [
    ApolloServerPluginCacheControl({ calculateHttpHeaders: true }),
    {
      async requestDidStart({ contextValue, overallCachePolicy }) {
        contextValue.cachePolicy = overallCachePolicy;
        return {
          async willSendResponse({ overallCachePolicy: policy }) {
            policy.restrict({ maxAge: MAX_AGE });
          },
        };
      },
    },
  ];
}

interface Answer {
  header: string | null | undefined;
  codes: unknown[];
}

describe('the subgraphs\' per-operation cache policy, against Apollo\'s per-field plugin', () => {
  let stack: Stack;
  const servers: Record<string, { a: ApolloServer<RequestContext>; b: ApolloServer<RequestContext>; ask(server: ApolloServer<RequestContext>, c: Case, viewer: Viewer): Promise<Answer> }> = {};

  beforeAll(async () => {
    stack = await startStack({ database: 'sqlite' });
    for (const { definition } of SUBGRAPHS) {
      const running = stack.subgraphs[definition.name];
      const config = loadSubgraphConfig(definition.name, 0, { NODE_ENV: 'test' });
      const schemaA = (await buildFederatedSchema(definition)).schema;
      const schemaB = (await buildFederatedSchema(definition)).schema;
      const a = new ApolloServer<RequestContext>({ schema: schemaA, plugins: apolloPlugins() });
      const b = new ApolloServer<RequestContext>({
        schema: schemaB,
        plugins: [ApolloServerPluginCacheControlDisabled(), answerCachePolicyPlugin(schemaB, MAX_AGE)],
      });
      await a.start();
      await b.start();
      let requests = 0;
      servers[definition.name] = {
        a,
        b,
        ask: async (server, c, viewer) => {
          requests += 1;
          const requestId = `cache-policy-${definition.name}-${requests}`;
          const contextValue: RequestContext = {
            viewer,
            requestId,
            logger: running.logger,
            database: running.database,
            services: running.services,
            loaders: definition.createLoaders(running.database, viewer, config, running.services, requestId),
          };
          const response = await server.executeOperation({ query: c.query, variables: c.variables?.() }, { contextValue });
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          return { header: response.http.headers.get('cache-control'), codes: (body?.errors ?? []).map((e) => e.extensions?.code) };
        },
      };
    }
  });
  afterAll(async () => {
    for (const { a, b } of Object.values(servers)) {
      await a.stop();
      await b.stop();
    }
    await stack?.stop();
  });

  for (const { definition } of SUBGRAPHS) {
    describe(definition.name, () => {
      for (const c of CORPUS[definition.name]) {
        it(`${c.unresolved ? 'is never laxer' : 'answers as Apollo'} for ${c.name}`, async () => {
          const { a, b, ask } = servers[definition.name];
          for (const [who, viewer] of Object.entries(VIEWERS)) {
            const apollo = await ask(a, c, viewer);
            const once = await ask(b, c, viewer);
            const seen = `${who}: Apollo ${apollo.header} ${JSON.stringify(apollo.codes)}, per operation ${once.header} ${JSON.stringify(once.codes)}`;
            // The same operation ran the same way on both (same errors), so only the policy differs.
            expect(once.codes, seen).toEqual(apollo.codes);
            if (who === 'anonymous' && c.anonymous) expect(apollo.header, seen).toBe(c.anonymous);
            if (c.unresolved) expect([apollo.header, NO_STORE], seen).toContain(once.header);
            else expect(once.header, seen).toBe(apollo.header);
          }
        });
      }
    });
  }

  it('is stricter than Apollo\'s plugin, for the public, where a selected field is never resolved', async () => {
    // For the anonymous caller every "unresolved" case above is cacheable with Apollo's plugin and not here.
    for (const { definition } of SUBGRAPHS) {
      const { a, b, ask } = servers[definition.name];
      for (const c of CORPUS[definition.name].filter((x) => x.unresolved)) {
        expect((await ask(a, c, PUBLIC_VIEWER)).header, `${definition.name}: ${c.name}`).toBe(PUBLIC);
        expect((await ask(b, c, PUBLIC_VIEWER)).header, `${definition.name}: ${c.name}`).toBe(NO_STORE);
      }
    }
  });

  it('walks each fragment once, so fragments spreading one another twice over cost what they weigh', async () => {
    // 40 fragments, each spreading the next twice: a walk that followed every spread would take 2^40 steps.
    const depth = 40;
    const fragments = Array.from({ length: depth }, (_, i) =>
      i < depth - 1
        ? `fragment F${i} on Organization { name ...F${i + 1} ...F${i + 1} }`
        : `fragment F${i} on Organization { name membershipStatus }`,
    );
    const query = `query($id: ID!) { organization(id: $id) { ...F0 } } ${fragments.join(' ')}`;
    const response = await stack.querySubgraph<any>('membership', query, { id: ORG.aegisMeridian });
    expect(response.errors).toBeUndefined();
    expect(response.data.organization.name).toBeTruthy();
    expect(response.headers.get('cache-control')).toBe(PUBLIC);
  });
});
