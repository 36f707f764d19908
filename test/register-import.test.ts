import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvRows, readRegisterFile, type FileRow } from '../scripts/register-file';
import { syntheticRegisterRows } from '../scripts/bench-import';
import { runImport, type ImportDatabases } from '../scripts/register-import';
import { sampleRegister } from '../scripts/sample-register';
import { refreshDirectoryCopies } from '../services/membership/src/organization/directory-copies';
import { DATABASES } from './support/databases';
import { startStack, type Stack } from './support/stack';

const EXAMPLES = path.resolve(__dirname, '../scripts/examples');

const ORGANIZATION = /* GraphQL */ `
  query($id: ID!) {
    organization(id: $id) {
      id name pillar observerKind headquartersCountry countriesOfOperation regionsOfOperation website membershipStatus
      membershipCategory memberSince certificationDeadline certificationDeadlineRule version
      suspendedThen: membershipStatusOn(date: "2023-03-01")
      statusHistory { status category effectiveFrom reason }
      names { name kind validFrom validUntil }
      certificationStatus
      certifications { certificateNumber standard issuedOn expiresOn certificationBody { name } history { event status effectiveFrom expiresOn } }
    }
  }
`;
const DIRECTORY = /* GraphQL */ `
  query($search: String) { organizations(filter: { search: $search }, first: 100) { totalCount edges { node { id name } } } }
`;
const VERIFY_AMBIGUOUS = /* GraphQL */ `query($names: [String!]) { verifyMembers(names: $names) { query ambiguous } }`;
const VERIFY = /* GraphQL */ `
  query($names: [String!]) { verifyMembers(names: $names) { query matched matches { matchedName matchedNameKind result { organizationId standing } } } }
`;

/** A copy of the example file's organizations with other references, names and certificate numbers (a fresh import). */
function variant(suffix: string): FileRow[] {
  return readRegisterFile(path.join(EXAMPLES, 'register.json')).map(({ row, value }) => {
    const copy = JSON.parse(JSON.stringify(value)) as Record<string, any>;
    copy.externalReference = `${copy.externalReference}-${suffix}`;
    copy.name = `${copy.name.split(' ')[0]} ${suffix} Holdings`;
    delete copy.formerNames;
    delete copy.tradingNames;
    for (const c of copy.certifications ?? []) c.certificateNumber = `${c.certificateNumber}-${suffix}`;
    return { row, value: copy };
  });
}

describe.each(DATABASES)('onboarding the existing register (npm run import) on %s', (database) => {
  let stack: Stack;
  let databases: ImportDatabases;
  let secretariat: string;

  beforeAll(async () => {
    stack = await startStack({ database, sampleData: false });
    databases = { membership: stack.subgraphs.membership.database, certification: stack.subgraphs.certification.database };
    secretariat = await stack.token('secretariat');
  });
  afterAll(() => stack?.stop());

  async function findByName(search: string): Promise<{ id: string; name: string }[]> {
    const response = await stack.query<any>(DIRECTORY, { search }, { token: secretariat });
    expect(response.errors).toBeUndefined();
    return response.data.organizations.edges.map((e: any) => e.node);
  }

  it('plans an import of 40,000 organizations against empty tables: every look-up fits the database\'s limit on bound variables', async () => {
    // One variable per row broke SQLite (32,766 at most) at 50,000 rows; each look-up now goes in slices.
    const count = 40_000;
    const ids = Array.from({ length: count }, (_, i) => `b0000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const rows: FileRow[] = ids.map((id, i) => ({
      row: i + 1,
      value: {
        externalReference: `BULK-${i}`,
        id,
        name: `Bulk Organization ${i.toString(36)} Group`,
        registeredSince: '2020-01-01',
        pillar: 'PRIVATE_SECURITY_COMPANY',
        headquartersCountry: 'CH',
        statusHistory: [{ status: 'ACTIVE', category: 'MEMBER', effectiveFrom: '2020-01-01', reason: 'Admitted' }],
        // Generated names look alike ("l" and "1"); the skeletons are looked up all the same.
        acknowledgeSimilarNames: true,
        certifications: [{
          standard: 'ISO 18788', certificateNumber: `BULK-CERT-${i}`, scope: 'Guarding', countriesCovered: ['CH'],
          certificationBody: { name: `Body ${i}`, accreditationBody: 'Fictional Accreditation Service', country: 'GB' },
          issuedOn: '2023-03-01', expiresOn: '2026-02-28',
        }],
      },
    }));
    // A dry run plans both databases' writes and writes nothing.
    const plan = await runImport(rows, databases, { dryRun: true });
    expect(plan.problems).toEqual([]);
    expect(plan.organizations).toEqual({ created: count, unchanged: 0 });
    expect(plan.certifications).toEqual({ created: count, unchanged: 0 });
    await refreshDirectoryCopies(databases.membership.dataSource.manager, ids);
  }, 120_000); // every row is checked as the command checks it first

  it('imports the README example file, then the graph answers about the imported members through the gateway', async () => {
    const summary = await runImport(readRegisterFile(path.join(EXAMPLES, 'register.json')), databases);
    expect(summary).toMatchObject({ written: true, refused: 0, organizations: { created: 3, unchanged: 0 }, certifications: { created: 2, unchanged: 0 } });

    const [thornbury] = await findByName('Thornbury Vigil Security');
    const response = await stack.query<any>(ORGANIZATION, { id: thornbury.id }, { token: secretariat });
    expect(response.errors).toBeUndefined();
    const organization = response.data.organization;
    expect(organization).toMatchObject({
      name: 'Thornbury Vigil Security Ltd',
      headquartersCountry: 'GB',
      countriesOfOperation: ['GB', 'IQ', 'KE'],
      regionsOfOperation: ['IQ-BA', 'KE-30'],
      membershipStatus: 'ACTIVE',
      memberSince: '2018-04-16',
      certificationDeadline: '2019-12-31',
      certificationDeadlineRule: 'FIXED_DATE',
      suspendedThen: 'SUSPENDED',
      version: 3,
      certificationStatus: 'CERTIFIED',
    });
    expect(organization.statusHistory.map((e: any) => [e.status, e.effectiveFrom])).toEqual([
      ['ACTIVE', '2018-04-16'], ['SUSPENDED', '2023-02-01'], ['ACTIVE', '2023-06-12'],
    ]);
    expect(organization.names).toEqual([
      { name: 'Thornbury Vigil Security Ltd', kind: 'REGISTERED', validFrom: '2022-01-10', validUntil: null },
      { name: 'Thornbury Vigil', kind: 'TRADING', validFrom: '2022-01-10', validUntil: null },
      { name: 'Thornbury Guarding Services Limited', kind: 'FORMER', validFrom: '2009-05-01', validUntil: '2022-01-09' },
    ]);
    expect(organization.certifications[0]).toMatchObject({
      certificateNumber: 'FAR-18788-0042', standard: 'ISO_18788', expiresOn: '2029-02-28',
      certificationBody: { name: 'Fictional Assurance Registrar Ltd' },
    });
    expect(organization.certifications[0].history.map((e: any) => e.event)).toEqual(['ISSUED', 'SUSPENDED', 'REINSTATED', 'RENEWED']);

    // A partner who knows the company by its former name finds it, certified.
    const verified = await stack.query<any>(VERIFY, { names: ['Thornbury Guarding Services'] });
    expect(verified.data.verifyMembers[0].matches[0]).toMatchObject({
      matchedNameKind: 'FORMER', result: { organizationId: thornbury.id, standing: 'CERTIFIED_MEMBER' },
    });
    const [collective] = await findByName('Northern Lantern');
    const withdrawn = await stack.query<any>(ORGANIZATION, { id: collective.id }, { token: secretariat });
    expect(withdrawn.data.organization).toMatchObject({
      pillar: 'OBSERVER', observerKind: 'CIVIL_SOCIETY', membershipStatus: 'WITHDRAWN', membershipCategory: 'OBSERVER', certifications: [],
    });
  });

  it('changes nothing when the same file is imported again', async () => {
    const file = readRegisterFile(path.join(EXAMPLES, 'register.json'));
    const [thornbury] = await findByName('Thornbury Vigil Security');
    const before = await stack.query<any>(ORGANIZATION, { id: thornbury.id }, { token: secretariat });
    const summary = await runImport(file, databases);
    expect(summary).toMatchObject({ written: true, organizations: { created: 0, unchanged: 3 }, certifications: { created: 0, unchanged: 2 } });
    const after = await stack.query<any>(ORGANIZATION, { id: thornbury.id }, { token: secretariat });
    expect(after.data).toEqual(before.data);
    expect(await findByName('Thornbury')).toHaveLength(1);
  });

  it('completes an import interrupted between the two databases when it is run again', async () => {
    const file = variant('Interrupted');
    await expect(runImport(file, databases, { failBetweenDatabases: true })).rejects.toThrow(/run it again/);
    const [written] = await findByName('Thornbury Interrupted');
    // The Secretariat is never served a cached answer.
    const half = await stack.query<any>(ORGANIZATION, { id: written.id }, { token: secretariat });
    expect(half.data.organization).toMatchObject({ membershipStatus: 'ACTIVE', certificationStatus: 'NOT_CERTIFIED', certifications: [] });

    const summary = await runImport(file, databases);
    expect(summary).toMatchObject({ organizations: { created: 0, unchanged: 3 }, certifications: { created: 2, unchanged: 0 } });
    const complete = await stack.query<any>(ORGANIZATION, { id: written.id }, { token: secretariat });
    expect(complete.data.organization).toMatchObject({ certificationStatus: 'CERTIFIED' });
    expect(complete.data.organization.certifications.map((c: any) => c.certificateNumber)).toEqual(['FAR-18788-0042-Interrupted']);
    expect(await findByName('Thornbury Interrupted')).toHaveLength(1);
  });

  it('refuses the whole file, naming row and field, when any row breaks a rule; the corrected file then goes in', async () => {
    const [good, bad, third] = variant('Corrected');
    const broken = JSON.parse(JSON.stringify(bad.value));
    broken.name = 'Salinas\u200b Corrected';
    broken.countriesOfOperation = ['PA', 'XX'];
    broken.statusHistory[0].category = 'OBSERVER';
    broken.certifications[0].standard = 'ISO 9001';
    broken.contacts[0].email = 'not an address';
    const before = (await stack.query<any>(DIRECTORY, {}, { token: secretariat })).data.organizations.totalCount;
    const refused = await runImport([good, { row: 2, value: broken }, third], databases);
    expect(refused).toMatchObject({ written: false, refused: 1, organizations: { created: 0 }, certifications: { created: 0 } });
    expect(refused.problems.map((p) => [p.row, p.field])).toEqual([
      [2, 'name'], [2, 'countriesOfOperation'], [2, 'statusHistory[0].category'], [2, 'contacts[0].email'], [2, 'certifications[0].standard'],
    ]);
    expect(refused.problems[0].message).toMatch(/U\+200B/);
    expect((await stack.query<any>(DIRECTORY, {}, { token: secretariat })).data.organizations.totalCount).toBe(before);

    const dryRun = await runImport([good, bad, third], databases, { dryRun: true });
    expect(dryRun).toMatchObject({ written: false, dryRun: true, organizations: { created: 3 }, certifications: { created: 2 } });
    expect((await stack.query<any>(DIRECTORY, {}, { token: secretariat })).data.organizations.totalCount).toBe(before);

    const corrected = await runImport([good, bad, third], databases);
    expect(corrected).toMatchObject({ written: true, refused: 0, organizations: { created: 3 }, certifications: { created: 2 } });
    expect((await stack.query<any>(DIRECTORY, {}, { token: secretariat })).data.organizations.totalCount).toBe(before + 3);
  });

  it('refuses a certificate another organization holds, and the same reference twice in one file', async () => {
    const [first] = variant('Twice');
    const [other] = variant('Other');
    (other.value as any).certifications[0].certificateNumber = 'FAR-18788-0042';
    const twice = await runImport([first, { row: 2, value: first.value }], databases);
    expect(twice.written).toBe(false);
    expect(twice.problems.map((p) => [p.row, p.field])).toEqual([[2, 'externalReference'], [2, 'certifications[0].certificateNumber']]);
    const civil = JSON.parse(JSON.stringify(first.value));
    civil.pillar = 'CIVIL_SOCIETY';
    delete civil.certificationDeadline;
    delete civil.certificationDeadlineRule;
    const notCompany = await runImport([{ row: 1, value: civil }], databases);
    expect(notCompany.problems).toEqual([{ row: 1, field: 'certifications', message: 'Only private security companies hold certifications' }]);
    const held = await runImport([other], databases);
    expect(held.written).toBe(false);
    expect(held.problems).toEqual([{
      row: 1, field: 'certifications[0].certificateNumber',
      message: 'Certificate FAR-18788-0042 of Fictional Assurance Registrar Ltd is recorded for another organization',
    }]);
  });

  /** A row with the fewest fields an organization needs, and `fields` on top. */
  const minimal = (row: number, fields: Record<string, unknown>): FileRow => ({
    row,
    value: {
      externalReference: `MIN-${row}-${String(fields.name)}`, pillar: 'CIVIL_SOCIETY', headquartersCountry: 'KE',
      statusHistory: [{ status: 'ACTIVE', category: 'MEMBER', effectiveFrom: '2021-01-04', reason: 'Admitted' }],
      ...fields,
    },
  });

  it('refuses an exact copy or a look-alike of a name in the register, and look-alikes within the file, unless the row acknowledges them', async () => {
    const [thornbury] = await findByName('Thornbury Vigil Security');
    const before = (await stack.query<any>(DIRECTORY, {}, { token: secretariat })).data.organizations.totalCount;
    const rows = [
      minimal(1, { name: 'Thornbury Vigil Security Ltd' }),
      minimal(2, { name: '\u0422hornbury Vigil Security GmbH' }), // Cyrillic Т
      minimal(3, { name: 'Kittiwake Patrol Ltd', tradingNames: [{ name: 'THORNBURY VIGIL', validFrom: '2021-01-04' }] }),
      minimal(4, { name: 'Kittiwake Patrol GmbH' }),
      minimal(5, { name: 'Kittiwake Patrol Ltd', acknowledgeSimilarNames: true }),
    ];
    const refused = await runImport(rows, databases, { dryRun: true });
    expect(refused).toMatchObject({ written: false, refused: 5, organizations: { created: 0 } });
    expect(refused.problems).toEqual([
      { row: 1, field: 'name', message: expect.stringMatching(`^"Thornbury Vigil Security Ltd" is "Thornbury Vigil Security Ltd", a name of organization ${thornbury.id} in the register; set acknowledgeSimilarNames`) },
      { row: 2, field: 'name', message: expect.stringMatching('^"\u0422hornbury Vigil Security GmbH" looks like "Thornbury') },
      { row: 3, field: 'tradingNames[0].name', message: expect.stringMatching('^"THORNBURY VIGIL" is "Thornbury Vigil", a name of organization') },
      { row: 4, field: 'name', message: expect.stringMatching('^"Kittiwake Patrol GmbH" looks like "Kittiwake Patrol Ltd", a name of the organization on row 3; set acknowledgeSimilarNames') },
      // The same registered name twice in one file is one organization twice: no acknowledgement lets it in.
      { row: 5, field: 'name', message: '"Kittiwake Patrol Ltd" is also the registered name on row 3' },
    ]);
    expect(await runImport(rows, databases)).toMatchObject({ written: false, refused: 5 });
    expect((await stack.query<any>(DIRECTORY, {}, { token: secretariat })).data.organizations.totalCount).toBe(before);

    // Acknowledged, as on admission through the API: the copies go in, and verification says the name is ambiguous.
    const acknowledged = rows.slice(0, 4).map(({ row, value }) => ({ row, value: { ...(value as object), acknowledgeSimilarNames: 'true' } }));
    const written = await runImport(acknowledged, databases);
    expect(written).toMatchObject({ written: true, refused: 0, organizations: { created: 4 } });
    expect((await stack.query<any>(DIRECTORY, {}, { token: secretariat })).data.organizations.totalCount).toBe(before + 4);
    const verified = await stack.query<any>(VERIFY_AMBIGUOUS, { names: ['Thornbury Vigil Security Ltd'] });
    expect(verified.data.verifyMembers[0].ambiguous).toBe(true);
    // A re-run checks nothing again: those organizations are already in.
    expect(await runImport(acknowledged, databases)).toMatchObject({ written: true, organizations: { created: 0, unchanged: 4 } });

    const badFlag = await runImport([minimal(1, { name: 'Gannet Watch', acknowledgeSimilarNames: 'yes' })], databases);
    expect(badFlag.problems).toEqual([{ row: 1, field: 'acknowledgeSimilarNames', message: 'acknowledgeSimilarNames must be true or false' }]);
  });

  it('refuses blank, placeholder, letterless and over-accented names wherever a row has names; keeps real names that stack marks', async () => {
    const refused = await runImport([
      minimal(1, { name: '\u2800' }),
      minimal(2, {
        name: 'Petrel Rights Network',
        formerNames: [{ name: 'Petrel\ufffc', validFrom: '2010-01-01', validUntil: '2020-12-31' }],
        tradingNames: [{ name: '...', validFrom: null }, { name: 'Petrel\u3164Watch', validFrom: null }],
        contacts: [{ name: `P${'\u0301'.repeat(20)}etrel`, email: 'petrel@example.org' }],
      }),
    ], databases, { dryRun: true });
    expect(refused.problems.map((p) => [p.row, p.field])).toEqual([
      [1, 'name'], [2, 'formerNames[0].name'], [2, 'tradingNames[0].name'], [2, 'tradingNames[1].name'], [2, 'contacts[0].name'],
    ]);
    expect(refused.problems.map((p) => p.message)).toEqual([
      'name contains a blank or placeholder character (U+2800), not allowed in a name',
      'name contains a blank or placeholder character (U+FFFC), not allowed in a name',
      'name needs at least one letter or digit',
      expect.stringMatching(/invisible or control character/),
      'name stacks more than 3 combining marks on one character (U+0301), not allowed in a name',
    ]);
    const names = ['Công ty Bảo vệ Nguyễn Thị Hồng', 'عَبْدُ ٱللَّٰهِ لِلْأَمْنِ', 'श्री सुरक्षा सेवाएँ प्राइवेट लिमिटेड', 'บริษัท รักษาความปลอดภัย กิ่งแก้ว'];
    const kept = await runImport(names.map((name, i) => minimal(i + 1, { name })), databases);
    expect(kept).toMatchObject({ written: true, refused: 0, organizations: { created: 4 } });
    for (const name of names) expect((await findByName(name)).map((o) => o.name)).toEqual([name.normalize('NFKC')]);
  });

  it('imports the CSV example: one row per organization, lists split by semicolons, nested columns in JSON', async () => {
    const rows = readRegisterFile(path.join(EXAMPLES, 'register.csv'));
    expect(rows.map((r) => r.row)).toEqual([2, 3]);
    const summary = await runImport(rows, databases);
    expect(summary).toMatchObject({ written: true, organizations: { created: 2 }, certifications: { created: 1 } });
    const [quarry] = await findByName('Quarry Hill Guards');
    const response = await stack.query<any>(ORGANIZATION, { id: quarry.id }, { token: secretariat });
    expect(response.data.organization).toMatchObject({
      name: 'Quarry Hill Protection Ltd', countriesOfOperation: ['KE', 'UG', 'SS'], certificationStatus: 'CERTIFIED',
    });
    const broken = csvRows('externalReference,name,pillar,headquartersCountry,statusHistory\nR-1,Bad Row,PRIVATE_SECURITY_COMPANY,KE,not json\n');
    const refused = await runImport(broken, databases);
    expect(refused.problems).toEqual([{ row: 2, field: 'statusHistory', message: 'statusHistory must be a list' }]);
  });

  it('writes a large import in multi-row statements, not one per row, and indexes every name', async () => {
    // One statement per row, and per name's trigrams, kept a 100,000-organization import on MariaDB
    // running for most of an hour: about 15 statements an organization. Each table is now written a
    // few hundred rows per statement, 500 organizations a round.
    const rows = syntheticRegisterRows(1_500);
    const before = databases.membership.statements.count;
    const summary = await runImport(rows, databases);
    expect(summary).toMatchObject({ written: true, refused: 0, organizations: { created: 1_500 } });
    expect(databases.membership.statements.count - before).toBeLessThan(1_500 / 5);
    // The names went into the trigram index with them: a word some of them hold finds exactly those.
    const named = rows.map(({ value }) => (value as { name: string }).name).filter((name) => name.includes('Kivu'));
    expect(named.length).toBeGreaterThan(20);
    expect((await findByName('kivu')).map((o) => o.name).sort()).toEqual(named.sort());
  }, 120_000);
});

describe.each(DATABASES)('the sample data as an import file on %s', (database) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ database, only: ['membership', 'certification'] });
  });
  afterAll(() => stack?.stop());

  it('is the register the sample data loaded, certificates included: importing it again changes nothing', async () => {
    const rows = sampleRegister().organizations.map((value, i) => ({ row: i + 1, value }));
    const summary = await runImport(rows, {
      membership: stack.subgraphs.membership.database,
      certification: stack.subgraphs.certification.database,
    });
    expect(summary).toMatchObject({ written: true, refused: 0, organizations: { created: 0, unchanged: 32 }, certifications: { created: 0, unchanged: 8 } });
  });
});
