import { randomUUID } from 'node:crypto';
import { compactVerify, createLocalJWKSet, type JSONWebKeySet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES } from './support/databases';
import { ORG } from './support/membership';
import { codes, startStack, type Stack } from './support/stack';
import { addDays, today } from './support/dates';

const STANDINGS = /* GraphQL */ `
  query Standings($first: Int) {
    organizations(first: $first) { edges { node { id name standing } } }
  }
`;
const VERIFY = /* GraphQL */ `
  query Verify($names: [String!], $ids: [ID!], $asOf: Date) {
    verifyMembers(names: $names, ids: $ids, asOf: $asOf) {
      query matched
      matches {
        exactMatch matchedName
        result {
          organizationId organizationName asOf standing membershipStatus certificationStatus
          certificate { certificateNumber issuedOn expiresOn }
          receipt
        }
      }
    }
  }
`;
const CHECK = /* GraphQL */ `
  query Check($receipt: String!) {
    checkVerificationReceipt(receipt: $receipt) {
      genuine reason keyId organizationId organizationName asOf standing certificateNumber certificateValidUntil checkedAt
    }
  }
`;

describe.each(DATABASES)('standing and verification for partners on %s', (database) => {
  let stack: Stack;
  let secretariat: string;
  beforeAll(async () => {
    stack = await startStack({ database });
    secretariat = await stack.token('secretariat');
  });
  afterAll(() => stack?.stop());

  async function standingsOn(id: string, dates: string[]): Promise<string[]> {
    const fields = dates.map((date, i) => `d${i}: standingOn(date: "${date}")`).join(' ');
    const response = await stack.query<any>(`query($id: ID!) { organization(id: $id) { ${fields} } }`, { id });
    expect(response.errors).toBeUndefined();
    return dates.map((_, i) => response.data.organization[`d${i}`]);
  }

  it('gives every organization one of the standings, in words a procurement officer understands', async () => {
    const response = await stack.query<any>(STANDINGS, { first: 100 });
    expect(response.errors).toBeUndefined();
    const byId = new Map(response.data.organizations.edges.map((e: any) => [e.node.id, e.node.standing]));
    expect(byId.get(ORG.aegisMeridian)).toBe('CERTIFIED_MEMBER');
    expect(byId.get(ORG.bastionShield)).toBe('MEMBER_PENDING_CERTIFICATION');
    expect(byId.get(ORG.cordillera)).toBe('CERTIFICATION_OVERDUE');
    expect(byId.get(ORG.eclatSecurite)).toBe('AFFILIATE');
    expect(byId.get(ORG.falconRidge)).toBe('SUSPENDED');
    expect(byId.get(ORG.garrisonPoint)).toBe('NOT_A_MEMBER');
    expect(byId.get(ORG.ironwood)).toBe('NOT_A_MEMBER');
    expect(byId.get(ORG.arvenia)).toBe('MEMBER');
    expect(byId.get(ORG.ostmark)).toBe('OBSERVER');
    expect(byId.get(ORG.sorrentoBay)).toBe('NOT_A_MEMBER');
    const introspection = await stack.query<any>(`{ __type(name: "Standing") { enumValues { name description } } }`);
    for (const value of introspection.data.__type.enumValues) expect(value.description.length).toBeGreaterThan(40);
  });

  it('answers standings on past dates at the boundaries of membership changes', async () => {
    // Pallas: admitted 2024-11-18, suspended 2025-10-06, reinstated 2026-02-09.
    expect(await standingsOn(ORG.pallasCrisis, ['2024-11-17', '2024-11-18', '2025-10-05', '2025-10-06', '2026-02-08', '2026-02-09'])).toEqual([
      'NOT_A_MEMBER',
      'MEMBER_PENDING_CERTIFICATION',
      'MEMBER_PENDING_CERTIFICATION',
      'SUSPENDED',
      'SUSPENDED',
      'MEMBER_PENDING_CERTIFICATION',
    ]);
    // Cordillera: deadline 2025-12-31, never certified.
    expect(await standingsOn(ORG.cordillera, ['2025-12-31', '2026-01-01'])).toEqual([
      'MEMBER_PENDING_CERTIFICATION',
      'CERTIFICATION_OVERDUE',
    ]);
    // Éclat: became an affiliate on 2024-01-15 after missing its deadline.
    expect(await standingsOn(ORG.eclatSecurite, ['2024-01-14', '2024-01-15'])).toEqual(['CERTIFICATION_OVERDUE', 'AFFILIATE']);
  });

  it('answers standings at the boundaries of certificate changes', async () => {
    const body: any = await stack.query(/* GraphQL */ `{ certificationBodies { id } }`);
    const recorded: any = await stack.query(
      /* GraphQL */ `mutation($input: RecordCertificationInput!) { recordCertification(input: $input) { id } }`,
      {
        input: {
          organizationId: ORG.bastionShield,
          standard: 'ISO 18788:2015',
          certificationBodyId: body.data.certificationBodies[0].id,
          certificateNumber: 'VERIFY-BOUNDARY-1',
          scope: 'Static guarding',
          countriesCovered: ['DE'],
          issuedOn: '2025-09-01',
          expiresOn: '2028-08-31',
        },
      },
      { token: secretariat },
    );
    expect(recorded.errors).toBeUndefined();
    expect(await standingsOn(ORG.bastionShield, ['2025-08-31', '2025-09-01', today()])).toEqual([
      'MEMBER_PENDING_CERTIFICATION',
      'CERTIFIED_MEMBER',
      'CERTIFIED_MEMBER',
    ]);
    const suspended: any = await stack.query(
      /* GraphQL */ `mutation($id: ID!) { changeCertificationStatus(id: $id, status: SUSPENDED, reason: "Surveillance audit missed") { id } }`,
      { id: recorded.data.recordCertification.id },
      { token: secretariat },
    );
    expect(suspended.errors).toBeUndefined();
    expect(await standingsOn(ORG.bastionShield, [addDays(today(), -1), today()])).toEqual([
      'CERTIFIED_MEMBER',
      'MEMBER_PENDING_CERTIFICATION',
    ]);
  });

  it('verifies by name with standing, certificate and a receipt that jose verifies against the published JWKS', async () => {
    const response = await stack.query<any>(VERIFY, { names: ['aegis meridian security limited'] });
    expect(response.errors).toBeUndefined();
    const [answer] = response.data.verifyMembers;
    const result = answer.matches[0].result;
    expect(result).toMatchObject({ organizationId: ORG.aegisMeridian, standing: 'CERTIFIED_MEMBER', certificationStatus: 'CERTIFIED' });
    expect(result.certificate.certificateNumber).toBeTruthy();

    const jwksResponse = await fetch(`${stack.gatewayBaseUrl}/.well-known/jwks.json`);
    expect(jwksResponse.status).toBe(200);
    const jwks = (await jwksResponse.json()) as JSONWebKeySet;
    expect(jwks.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA' });
    expect(JSON.stringify(jwks)).not.toContain('"d"');
    const { payload, protectedHeader } = await compactVerify(result.receipt, createLocalJWKSet(jwks), { algorithms: ['EdDSA'] });
    expect(protectedHeader).toMatchObject({ alg: 'EdDSA', typ: 'icoca-verification-receipt+jws', kid: jwks.keys[0].kid });
    const statement = JSON.parse(new TextDecoder().decode(payload));
    expect(statement).toMatchObject({
      organizationId: ORG.aegisMeridian,
      organizationName: 'Aegis Meridian Security Ltd',
      asOf: today(),
      standing: 'CERTIFIED_MEMBER',
      certificate: { number: result.certificate.certificateNumber, validUntil: result.certificate.expiresOn },
    });
    expect(Date.parse(statement.checkedAt)).toBeGreaterThan(Date.now() - 60_000);

    const checked = await stack.query<any>(CHECK, { receipt: result.receipt });
    expect(checked.data.checkVerificationReceipt).toMatchObject({
      genuine: true,
      reason: null,
      organizationName: 'Aegis Meridian Security Ltd',
      standing: 'CERTIFIED_MEMBER',
      certificateNumber: result.certificate.certificateNumber,
    });
  });

  it('rejects a tampered receipt and answers garbage with BAD_USER_INPUT', async () => {
    const response = await stack.query<any>(VERIFY, { ids: [ORG.cordillera], asOf: '2026-01-05' });
    const receipt: string = response.data.verifyMembers[0].matches[0].result.receipt;
    const [header, payload, signature] = receipt.split('.');
    const forged = JSON.parse(Buffer.from(payload, 'base64url').toString());
    expect(forged.standing).toBe('CERTIFICATION_OVERDUE');
    forged.standing = 'CERTIFIED_MEMBER';
    const tampered = [header, Buffer.from(JSON.stringify(forged)).toString('base64url'), signature].join('.');
    const checked = await stack.query<any>(CHECK, { receipt: tampered });
    expect(checked.data.checkVerificationReceipt).toMatchObject({ genuine: false, standing: null });
    const jwks = (await (await fetch(`${stack.gatewayBaseUrl}/.well-known/jwks.json`)).json()) as JSONWebKeySet;
    await expect(compactVerify(tampered, createLocalJWKSet(jwks))).rejects.toThrow();
    for (const garbage of ['garbage', 'a.b', '', 'x'.repeat(20_000)]) {
      expect(codes(await stack.query(CHECK, { receipt: garbage }))).toEqual(['BAD_USER_INPUT']);
    }
  });

  it('signs receipts only for callers holding the gateway\'s secret', async () => {
    const ENTITY = /* GraphQL */ `
      query($reps: [_Any!]!) { _entities(representations: $reps) { ... on VerificationResult { standing receipt } } }
    `;
    const forged = {
      __typename: 'VerificationResult',
      organizationId: ORG.garrisonPoint,
      asOf: today(),
      organizationName: 'Garrison Point Security (Pty) Ltd',
      pillar: 'PRIVATE_SECURITY_COMPANY',
      membershipStatus: 'ACTIVE',
      membershipCategory: 'MEMBER',
      certificationDeadline: null,
    };
    const refused = await stack.querySubgraph('certification', ENTITY, { reps: [forged] }, { withSecret: false });
    expect(refused.status).toBe(403);
  });

  it('signs only membership facts it fetched itself: forged representations with its secret yield no false receipt', async () => {
    const ENTITIES = /* GraphQL */ `
      query Forged($reps: [_Any!]!) {
        _entities(representations: $reps) { ... on VerificationResult { organizationId standing receipt } }
      }
    `;
    // What the gateway would hand over: the membership subgraph's own answer, as the starting point of each forgery.
    const stated = await stack.querySubgraph<any>(
      'membership',
      /* GraphQL */ `query($ids: [ID!]) { verifyMembers(ids: $ids, asOf: "2026-03-01") { matches { result {
        organizationId asOf organizationName pillar membershipStatus membershipCategory certificationDeadline
      } } } }`,
      { ids: [ORG.garrisonPoint, ORG.aegisMeridian] },
    );
    const [garrison, aegis] = stated.data.verifyMembers.map((v: any) => v.matches[0].result);
    expect(garrison.membershipStatus).toBe('TERMINATED');
    const representation = (overrides: Record<string, unknown>, honest = garrison) => ({
      __typename: 'VerificationResult',
      ...honest,
      ...overrides,
    });
    const forge = (reps: Record<string, unknown>[], requestId = `forged-${randomUUID()}`) =>
      stack.querySubgraph<any>('certification', ENTITIES, { reps }, { headers: { 'x-request-id': requestId } });

    // A terminated company (since 2025-08-30) handed over as ACTIVE, and under a 500 KB name.
    const requestId = `forged-${randomUUID()}`;
    const hugeName = `Certified Guarding ${'x'.repeat(500_000)}`;
    const forged = await forge(
      [representation({ membershipStatus: 'ACTIVE' }), representation({ membershipStatus: 'ACTIVE', organizationName: hugeName })],
      requestId,
    );
    expect(forged.errors).toBeUndefined();
    for (const entity of forged.data._entities) {
      expect(entity.standing).toBe('NOT_A_MEMBER');
      const checked = await stack.query<any>(CHECK, { receipt: entity.receipt });
      expect(checked.data.checkVerificationReceipt).toMatchObject({
        genuine: true,
        organizationId: ORG.garrisonPoint,
        organizationName: 'Garrison Point Security (Pty) Ltd',
        asOf: '2026-03-01',
        standing: 'NOT_A_MEMBER',
      });
    }
    const events = (await stack.logLinesOf(requestId)).filter((line) => line.event === 'security');
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ level: 'warn', service: 'certification', organizationId: ORG.garrisonPoint, asOf: '2026-03-01' });
    expect(events.map((e) => e.fields)).toEqual([
      ['membershipStatus'],
      ['organizationName', 'membershipStatus'],
    ]);
    expect(JSON.stringify(events)).not.toContain('xxxxxxxx');

    // What the gateway hands over, unchanged, is no security event.
    const honestId = `honest-${randomUUID()}`;
    const honest = await forge([representation({}, aegis), representation({})], honestId);
    expect(honest.errors).toBeUndefined();
    expect(honest.data._entities.map((e: any) => e.standing)).toEqual(['CERTIFIED_MEMBER', 'NOT_A_MEMBER']);

    // An organization that does not exist, and dates that are not dates, get no receipt at all.
    const unknown = await forge([representation({ organizationId: randomUUID(), membershipStatus: 'ACTIVE' })]);
    expect(new Set(codes(unknown))).toEqual(new Set(['NOT_FOUND']));
    expect(unknown.data?._entities?.[0]?.receipt ?? null).toBeNull();
    for (const asOf of ['garbage', '2026-02-30', '', 20260301, addDays(today(), 2)]) {
      const bad = await forge([representation({ asOf, membershipStatus: 'ACTIVE' })]);
      expect(codes(bad), String(asOf)).toEqual(['BAD_USER_INPUT']);
      expect(bad.errors![0].extensions).toMatchObject({ field: 'asOf' });
      expect(bad.data?._entities?.[0] ?? null).toBeNull();
    }
    const noId = await forge([representation({ organizationId: 'x'.repeat(1000) })]);
    expect(codes(noId)).toEqual(['BAD_USER_INPUT']);
    const honestEvents = (await stack.logLinesOf(honestId)).filter((line) => line.event === 'security');
    expect(honestEvents).toEqual([]);
  });

  it('asks the membership subgraph once per request for the facts it signs, for 2 names as for 100', async () => {
    const names = ['Aegis Meridian', 'Bastion Shield', 'Cordillera', 'Eclat Securite', 'Falcon Ridge', 'Garrison Point', 'Ironwood'];
    const callsFor = async (count: number) => {
      const requestId = `verify-${count}-${randomUUID()}`;
      const list = Array.from({ length: count }, (_, i) => names[i % names.length]);
      const response = await stack.query<any>(VERIFY, { names: list, asOf: '2026-03-01' }, { headers: { 'x-request-id': requestId } });
      expect(response.errors).toBeUndefined();
      const receipts = response.data.verifyMembers.flatMap((v: any) => v.matches.map((m: any) => m.result.receipt));
      expect(receipts.length).toBeGreaterThanOrEqual(count);
      const lines = await stack.logLinesOf(requestId);
      expect(lines.filter((l) => l.event === 'security')).toEqual([]);
      return lines.filter((l) => l.service === 'membership' && l.message === 'operation' && /^Certification/.test(l.operationName));
    };
    const two = await callsFor(2);
    const hundred = await callsFor(100);
    expect(two).toHaveLength(1);
    expect(hundred).toHaveLength(1);
    expect(hundred[0]).toMatchObject({ operationName: 'CertificationAsksMembership', errors: 0 });
  });

  it('verifies 100 names with as many SQL statements as 2, across both subgraphs', async () => {
    const names = [
      'Aegis Meridian', 'Bastion Shield', 'Cordillera', 'Dunmore Maritime', 'Eclat Securite', 'Falcon Ridge',
      'Garrison Point', 'Harbourline', 'Ironwood', 'Jadeport', 'Kestrel Guarding', 'Lindqvist', 'Nordhavn',
    ];
    const hundred = Array.from({ length: 100 }, (_, i) => names[i % names.length]);
    const cost = async (list: string[]) => {
      const before = stack.statements();
      const response = await stack.query<any>(VERIFY, { names: list, asOf: '2026-03-01' });
      expect(response.errors).toBeUndefined();
      expect(response.data.verifyMembers).toHaveLength(list.length);
      return stack.statements() - before;
    };
    const two = await cost(hundred.slice(0, 2));
    const all = await cost(hundred);
    expect(all).toBe(two);
  });
});
