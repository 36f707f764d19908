import { createHash, randomUUID } from 'node:crypto';
import { certificateCopies } from '../services/certification/src/certification/certification-copies.routes';
import {
  Certification, CertificationBody, CertificationCountry, CertificateStatus, CertificationEvent, CertificationStandard, CertificationStatusEntry,
} from '../services/certification/src/certification/certification.entity';
import { CertificationOutboxEntry } from '../services/certification/src/outbox/outbox.entity';
import { CERTIFICATION_SOURCE, replaceCertificateCopies } from '../services/membership/src/certification-copy/certification-copy.service';
import { PeerOutboxCursor } from '../services/membership/src/certification-copy/certification-copy.entity';
import { refreshDirectoryCopies } from '../services/membership/src/organization/directory-copies';
import { Complaint, ComplaintAllegation } from '../services/complaints/src/complaint/complaint.entity';
import { ComplaintKind } from '../services/complaints/src/catalogue/catalogue.enums';
import { CodeProvision, CodeVersion, CompanyCheckStatus, ComplaintStatus } from '../services/complaints/src/complaint/complaint.enums';
import { MembershipCategory, MembershipStatus, MembershipStatusEntry, TerminationReason } from '../services/membership/src/membership-status/membership-status.entity';
import { indexNames } from '../services/membership/src/organization/name-index';
import { nameKeys } from '../services/membership/src/organization/name-matching.rules';
import { OrganizationName, OrganizationNameKind } from '../services/membership/src/organization/organization-name.entity';
import { GovernmentKind, OperatingCountry, Organization, Pillar } from '../services/membership/src/organization/organization.entity';
import { createLogger, insertInChunks, openDatabase, type Database, type DatabaseConfig } from '../services/shared/src';
import { SUBGRAPHS } from '../services/subgraphs';

/**
 * A synthetic register for the scale benchmark, written through the subgraphs' own entities
 * straight into their databases (so it cannot drift from the schema), on top of the sample data.
 *
 * The synthetic names are built as a real register's are, from a small vocabulary of shared words: a
 * prefix ("Aegis", "Global"), a place, a core ("Security", "Risk Management"; about a third hold
 * "security"), a legal form and a number that keeps them distinct. So a search for "security" matches
 * a third of the register, "aegis" a twentieth, while no word holds "shield" or "meridian": "shield"
 * and "Aegis Meridian" match the same sample organizations at every size. Headquarters and
 * operating countries spread over 50 countries, pillars and statuses as below: the benchmark's
 * filter (private security companies, ACTIVE, operating in `FILTER_COUNTRY`) matches about 1%.
 */
export const FILTER_COUNTRY = 'NO';
export const COUNTRIES = [
  'AE', 'AF', 'AO', 'AR', 'AU', 'BE', 'BR', 'CA', 'CD', 'CF', 'CH', 'CL', 'CM', 'CO', 'DE', 'DK', 'EG', 'ES', 'ET', 'FR',
  'GB', 'GH', 'HN', 'ID', 'IN', 'IQ', 'IT', 'JO', 'KE', 'LB', 'LY', 'MA', 'ML', 'MX', 'MZ', 'NG', 'NL', 'NO', 'PE', 'PH',
  'PK', 'PL', 'QA', 'SA', 'SE', 'SN', 'SO', 'TR', 'UG', 'ZA',
];
const PREFIXES = [
  'Aegis', 'Global', 'Atlas', 'Sentinel', 'Vanguard', 'Apex', 'Falcon', 'Guardian', 'Orion', 'Titan',
  'Summit', 'Phoenix', 'Pinnacle', 'Keystone', 'Bulwark', 'Citadel', 'Horizon', 'Northstar', 'Trident', 'Paragon',
];
const PLACES = [
  'Nairobi', 'Lagos', 'Geneva', 'Dubai', 'Kabul', 'Bogota', 'Lima', 'Accra', 'Manila', 'Baghdad', 'Atlantic', 'Pacific',
  'Sahel', 'Gulf', 'Andes', 'Delta', 'Caspian', 'Horn', 'Levant', 'Congo', 'Niger', 'Zambezi', 'Sinai', 'Tigris', 'Kivu',
];
const CORES = [
  'Security', 'Security Services', 'Maritime Security', 'Risk Management', 'Protection', 'Guarding', 'Logistics',
  'Consulting', 'Defence Services',
];
const LEGAL_FORMS = ['Ltd', 'LLC', 'GmbH', 'S.A.', 'Inc', 'FZE', 'Pty Ltd', 'Group', 'S.A.R.L.', 'Limited'];

/** The i-th synthetic name: unique, built from shared words as a real register's names are. */
export function syntheticName(i: number): string {
  const pick = (list: readonly string[], n: number) => list[n % list.length];
  // Coprime strides, so that the words combine rather than march in step.
  return `${pick(PREFIXES, i)} ${pick(PLACES, Math.floor(i / 7))} ${pick(CORES, Math.floor(i / 3))} ${1000 + i} ${pick(LEGAL_FORMS, Math.floor(i / 11))}`;
}

/** A small deterministic generator, so two runs of the benchmark seed the same register. */
function pseudoRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

function isoDay(random: () => number, fromYear: number, years: number): string {
  const day = new Date(Date.UTC(fromYear, 0, 1) + Math.floor(random() * years * 365) * 86_400_000);
  return day.toISOString().slice(0, 10);
}

/**
 * The case list benchmark's filter: country + provision + status. Iraq is the most frequent country, use of
 * force among the most alleged provisions, and a complaint under assessment is an everyday sight, so the
 * filter matches about 1% of the complaints (about a thousand at 100,000; none or one at the sample size).
 */
export const CASE_LIST_FILTER = { countries: ['IQ'], provisions: [CodeProvision.USE_OF_FORCE], statuses: [ComplaintStatus.UNDER_ASSESSMENT] };

/** Picks from `[value, weight]` pairs with `random`. */
function weighted<T>(random: () => number, choices: readonly (readonly [T, number])[]): T {
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random() * total;
  for (const [value, weight] of choices) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return choices[choices.length - 1][0];
}

// As the Association's complaints come in: a few countries most of them, then a long tail (the 50 above).
const COMPLAINT_COUNTRIES: (readonly [string, number])[] = [
  ['IQ', 18], ['AF', 13], ['NG', 9], ['KE', 8], ['SO', 5], ['CD', 4], ['LY', 3], ['ML', 3], ['UG', 3], ['MZ', 2],
  ...COUNTRIES.map((country) => [country, 0.6] as const),
];
// A handful of regions (ISO 3166-2) of the frequent countries, all on the ISO 3166-2 list; elsewhere, none.
const COMPLAINT_REGIONS: Record<string, string[]> = {
  IQ: ['IQ-BA', 'IQ-BG', 'IQ-NI', 'IQ-AN', 'IQ-KI'], AF: ['AF-KAB', 'AF-KAN', 'AF-HEL', 'AF-BAL', 'AF-HER'],
  NG: ['NG-LA', 'NG-BO', 'NG-RI', 'NG-FC', 'NG-KN'], KE: ['KE-30', 'KE-01', 'KE-12', 'KE-47'], SO: ['SO-BN', 'SO-BR'],
};
const COMPLAINT_STATUSES: (readonly [ComplaintStatus, number])[] = [
  [ComplaintStatus.RECEIVED, 10], [ComplaintStatus.UNDER_ASSESSMENT, 15], [ComplaintStatus.INADMISSIBLE, 20],
  [ComplaintStatus.REFERRED_TO_COMPANY_GRIEVANCE_MECHANISM, 8], [ComplaintStatus.GOOD_OFFICES, 7], [ComplaintStatus.UNDER_REVIEW, 8],
  [ComplaintStatus.MONITORING_FOLLOW_UP, 7], [ComplaintStatus.RESOLVED, 10], [ComplaintStatus.CLOSED, 15],
];
const COMPLAINT_PROVISIONS: (readonly [CodeProvision, number])[] = [
  [CodeProvision.USE_OF_FORCE, 20], [CodeProvision.GENERAL_CONDUCT, 18], [CodeProvision.DETENTION, 8],
  [CodeProvision.RULES_FOR_THE_USE_OF_FORCE, 8], [CodeProvision.HARASSMENT, 7], [CodeProvision.SAFE_AND_HEALTHY_WORKING_ENVIRONMENT, 7],
  [CodeProvision.GRIEVANCE_PROCEDURES, 6], [CodeProvision.SEXUAL_EXPLOITATION_AND_GENDER_BASED_VIOLENCE, 4],
  [CodeProvision.DISCRIMINATION, 4], [CodeProvision.TORTURE_OR_CRUEL_TREATMENT, 2], [CodeProvision.HUMAN_TRAFFICKING, 1],
  [CodeProvision.CHILD_LABOUR, 1],
];
const CASE_OFFICERS = ['officer-amina', 'officer-jonas', 'officer-lucia', 'officer-farid', 'officer-grace', 'officer-pierre'];
const SETTLED_STATUSES = new Set([ComplaintStatus.INADMISSIBLE, ComplaintStatus.RESOLVED, ComplaintStatus.CLOSED]);
const DAY_MS = 86_400_000;

/** The i-th synthetic complaint's case-list columns and its 1 to 3 provisions. */
function syntheticComplaint(i: number, random: () => number, now: number) {
  const submitted = Date.UTC(2018, 0, 1) + Math.floor(random() * 8 * 365 * DAY_MS);
  const submittedAt = new Date(submitted).toISOString();
  const country = weighted(random, COMPLAINT_COUNTRIES);
  const regions = COMPLAINT_REGIONS[country];
  const region = regions && random() < 0.8 ? regions[Math.floor(random() * regions.length)] : null;
  const kind = weighted(random, [[ComplaintKind.HARM_TO_COMPLAINANT, 6], [ComplaintKind.HARM_TO_REPRESENTED_PERSON, 1], [ComplaintKind.VIOLATION_REPORT, 3]] as const);
  let status = weighted(random, COMPLAINT_STATUSES);
  // The harm procedures are for harm; a violation report is followed up by monitoring instead.
  if (kind === ComplaintKind.VIOLATION_REPORT && [ComplaintStatus.REFERRED_TO_COMPANY_GRIEVANCE_MECHANISM, ComplaintStatus.GOOD_OFFICES, ComplaintStatus.UNDER_REVIEW].includes(status)) {
    status = ComplaintStatus.MONITORING_FOLLOW_UP;
  }
  const provisions = new Set<CodeProvision>();
  const wanted = 1 + Math.floor(random() * 3);
  while (provisions.size < wanted) provisions.add(weighted(random, COMPLAINT_PROVISIONS));
  const open = !SETTLED_STATUSES.has(status);
  const lastActivity = Math.min(now, submitted + Math.floor(random() * 200 * DAY_MS));
  return {
    row: {
      kind, status, submittedAt, updatedAt: new Date(lastActivity).toISOString(),
      incidentDate: new Date(submitted - Math.floor(random() * 60) * DAY_MS).toISOString().slice(0, 10),
      incidentCountry: country, incidentRegion: region,
      caseSummary: random() < 0.3 ? `Synthetic case summary ${i}: ${status.toLowerCase().replace(/_/g, ' ')} in ${country}.` : null,
      // Open complaints mostly have a case officer and a stage due date, some of them past (overdue).
      assignedOfficerSubject: open && random() < 0.85 ? CASE_OFFICERS[Math.floor(random() * CASE_OFFICERS.length)] : null,
      assignedOfficerName: null,
      stageDueAt: open ? new Date(now + Math.floor((random() * 90 - 30) * DAY_MS)).toISOString() : null,
      lastActivityAt: new Date(lastActivity).toISOString(),
    },
    provisions: [...provisions],
  };
}

export interface ScaleSize {
  organizations: number;
  certifications: number;
  complaints: number;
}

/** Where each subgraph's database is: SQLite files in a folder, or one MySQL URL per subgraph. */
export type ScaleDatabases = { kind: 'sqlite'; dataDir: string } | { kind: 'mysql'; urls: Record<string, string> };

function configOf(databases: ScaleDatabases, name: string): DatabaseConfig {
  return databases.kind === 'sqlite'
    ? { kind: 'sqlite', file: `${databases.dataDir}/${name}.sqlite` }
    : { kind: 'mysql', url: databases.urls[name] };
}

async function open(databases: ScaleDatabases, name: string): Promise<{ database: Database; load(): Promise<void> }> {
  const entry = SUBGRAPHS.find((s) => s.definition.name === name);
  if (!entry) throw new Error(`no subgraph ${name}`);
  const { definition } = entry;
  const database = await openDatabase({
    config: configOf(databases, name),
    entities: definition.entities,
    migrations: definition.migrations,
    subscribers: definition.subscribers,
    logger: createLogger({ service: `seed-${name}`, level: 'warn' }),
  });
  return { database, load: async () => definition.loadSampleData?.(database) };
}

/**
 * Seeds the sample data, then synthetic organizations up to `size.organizations` in all, and as many
 * certificates and complaints as asked. Returns the synthetic organization ids.
 */
export async function seedScaleData(databases: ScaleDatabases, size: ScaleSize, progress: (line: string) => void = () => undefined): Promise<void> {
  const random = pseudoRandom(20_101_109);
  const membership = await open(databases, 'membership');
  await membership.load();
  const existing = await membership.database.dataSource.manager.count(Organization);
  const synthetic = Math.max(0, size.organizations - existing);
  const organizationIds: string[] = [];
  const batch = 5_000;
  for (let start = 0; start < synthetic; start += batch) {
    const organizations: object[] = [];
    const names: Pick<OrganizationName, 'id' | 'matchKey'>[] = [];
    const nameRows: object[] = [];
    const countries: object[] = [];
    const history: object[] = [];
    for (let i = start; i < Math.min(synthetic, start + batch); i += 1) {
      const id = randomUUID();
      organizationIds.push(id);
      const name = syntheticName(i);
      const roll = random();
      const pillar = roll < 0.6 ? Pillar.PRIVATE_SECURITY_COMPANY : roll < 0.8 ? Pillar.CIVIL_SOCIETY : Pillar.GOVERNMENT;
      const statusRoll = random();
      const status =
        statusRoll < 0.5 ? MembershipStatus.ACTIVE : statusRoll < 0.6 ? MembershipStatus.SUSPENDED : statusRoll < 0.8 ? MembershipStatus.TERMINATED : MembershipStatus.WITHDRAWN;
      const category = MembershipCategory.MEMBER;
      const since = isoDay(random, 2014, 10);
      const headquarters = COUNTRIES[Math.floor(random() * COUNTRIES.length)];
      const operating = COUNTRIES[Math.floor(random() * COUNTRIES.length)];
      organizations.push({
        id, name, pillar, governmentKind: pillar === Pillar.GOVERNMENT ? GovernmentKind.STATE : null, headquartersCountry: headquarters, website: null, membershipCategory: category, membershipStatus: status,
        memberSince: since, certificationDeadline: null, certificationDeadlineRule: null, version: status === MembershipStatus.ACTIVE ? 1 : 2,
      });
      countries.push(
        ...[...new Set([headquarters, operating])].map((country, position) => ({ organizationId: id, country, position, pillar, membershipStatus: status, name })),
      );
      const nameId = randomUUID();
      const keys = nameKeys(name);
      nameRows.push({
        id: nameId, organizationId: id, name, kind: OrganizationNameKind.REGISTERED, ...keys, validFrom: since, validUntil: null, recordedAt: `${since}T09:00:00.000Z`,
      });
      names.push({ id: nameId, matchKey: keys.matchKey });
      history.push({
        id: randomUUID(), organizationId: id, sequence: 1, status: MembershipStatus.ACTIVE, category, effectiveFrom: since,
        reason: 'Synthetic admission (scale benchmark)', decidedBy: 'scale-benchmark', recordedAt: `${since}T09:00:00.000Z`,
      });
      if (status !== MembershipStatus.ACTIVE) {
        history.push({
          id: randomUUID(), organizationId: id, sequence: 2, status, category, effectiveFrom: '2025-01-15',
          reason: 'Synthetic change (scale benchmark)', reasonCode: status === MembershipStatus.TERMINATED ? TerminationReason.OTHER : null, decidedBy: 'scale-benchmark', recordedAt: '2025-01-15T09:00:00.000Z',
        });
      }
    }
    await membership.database.transaction(async (tx) => {
      await insertInChunks(tx, Organization, organizations);
      await insertInChunks(tx, OperatingCountry, countries);
      // The standing basis and the other copies of the directory index, as every write of the register keeps them.
      await refreshDirectoryCopies(tx, organizationIds.slice(start));
      await insertInChunks(tx, MembershipStatusEntry, history);
      await insertInChunks(tx, OrganizationName, nameRows);
      await indexNames(tx, names);
    });
    progress(`membership: ${Math.min(synthetic, start + batch)} of ${synthetic} synthetic organizations`);
  }
  await membership.database.close();

  const certification = await open(databases, 'certification');
  await certification.load();
  if (size.certifications > 0) {
    const body = await certification.database.dataSource.manager.findOneByOrFail(CertificationBody, {});
    for (let start = 0; start < size.certifications; start += batch) {
      const certifications: object[] = [];
      const entries: object[] = [];
      const covered: object[] = [];
      const outbox: object[] = [];
      for (let i = start; i < Math.min(size.certifications, start + batch); i += 1) {
        const id = randomUUID();
        const organizationId = organizationIds.length ? organizationIds[i % organizationIds.length] : randomUUID();
        const issuedOn = isoDay(random, 2019, 6);
        const expiresOn = `${Number(issuedOn.slice(0, 4)) + 3}${issuedOn.slice(4)}`;
        const standards = Object.values(CertificationStandard);
        certifications.push({
          id, organizationId, standard: standards[i % standards.length], certificationBodyId: body.id, certificateNumber: `SYN-${i}`,
          scope: 'Synthetic certificate (scale benchmark)', countriesCovered: [COUNTRIES[i % COUNTRIES.length]], issuedOn, expiresOn,
          recordedStatus: CertificateStatus.ACTIVE, recordedAt: `${issuedOn}T09:00:00.000Z`, version: 1,
        });
        entries.push({
          id: randomUUID(), certificationId: id, organizationId, sequence: 1, event: CertificationEvent.ISSUED, status: CertificateStatus.ACTIVE,
          effectiveFrom: issuedOn, expiresOn, reason: 'Synthetic certificate', decidedBy: 'scale-benchmark', recordedAt: `${issuedOn}T09:00:00.000Z`,
        });
        covered.push({ certificationId: id, country: COUNTRIES[i % COUNTRIES.length] });
        outbox.push({ organizationId, effectiveFrom: issuedOn, recordedAt: `${issuedOn}T09:00:00.000Z` });
      }
      await certification.database.transaction(async (tx) => {
        await insertInChunks(tx, Certification, certifications);
        await insertInChunks(tx, CertificationStatusEntry, entries);
        await insertInChunks(tx, CertificationCountry, covered);
        // As the API writes them: the outbox the membership subgraph's copies follow.
        await insertInChunks(tx, CertificationOutboxEntry, outbox);
      });
      progress(`certification: ${Math.min(size.certifications, start + batch)} of ${size.certifications} certificates`);
    }
  }
  // The directory's copies of every certificate, by the copy job's own two steps (the peer route's read, the job's
  // write) without the HTTP between them, and its cursor at the end of the outbox: the stack starts up to date.
  const copies = await open(databases, 'membership');
  const changed: { organization_id: string }[] = await certification.database.dataSource.query(
    'SELECT DISTINCT organization_id FROM certification_outbox',
  );
  const [{ last }] = await certification.database.dataSource.query('SELECT MAX(position) AS last FROM certification_outbox');
  const ids = changed.map((row) => row.organization_id);
  for (let start = 0; start < ids.length; start += batch) {
    const chunk = ids.slice(start, start + batch);
    const certificates = await certificateCopies(certification.database, chunk);
    await copies.database.transaction((tx) => replaceCertificateCopies(tx, chunk, certificates));
    progress(`membership: copies of the certificates of ${Math.min(ids.length, start + batch)} of ${ids.length} organizations`);
  }
  await copies.database.dataSource.manager.save(PeerOutboxCursor, { source: CERTIFICATION_SOURCE, position: Number(last ?? 0) });
  await copies.database.close();
  await certification.database.close();

  const complaints = await open(databases, 'complaints');
  await complaints.load();
  const now = Date.now();
  for (let start = 0; start < size.complaints; start += batch) {
    const rows: object[] = [];
    const allegations: object[] = [];
    for (let i = start; i < Math.min(size.complaints, start + batch); i += 1) {
      const id = randomUUID();
      const companyId = organizationIds.length ? organizationIds[i % organizationIds.length] : randomUUID();
      const complaint = syntheticComplaint(i, random, now);
      rows.push({
        id, referenceNumber: `SYN-${String(i).padStart(9, '0')}`, referenceYear: 1900, referenceSequence: i + 1,
        receiptHash: createHash('sha256').update(`synthetic receipt ${i}`).digest('hex'), idempotencyKeyHash: null,
        retryReceiptEncrypted: null, retryUntil: null, companyId,
        companyCheck: CompanyCheckStatus.PASSED, companyCheckAttempts: 1, companyCheckNextAt: null,
        description: 'Synthetic complaint (scale benchmark).', language: 'en',
        anonymous: true, complainantNameEncrypted: null, complainantContactEncrypted: null, representativeEncrypted: null,
        inadmissibilityReason: null, outcome: null, remedy: null, version: 1,
        ...complaint.row,
      });
      complaint.provisions.forEach((provision, position) =>
        allegations.push({ complaintId: id, provision, codeVersion: CodeVersion.CODE_2021, position }));
    }
    await complaints.database.transaction(async (tx) => {
      await insertInChunks(tx, Complaint, rows);
      await insertInChunks(tx, ComplaintAllegation, allegations);
    });
    progress(`complaints: ${Math.min(size.complaints, start + batch)} of ${size.complaints} complaints`);
  }
  await complaints.database.close();
}
