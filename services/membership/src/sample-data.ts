/**
 * FICTIONAL SAMPLE DATA. Every organization, person, address and decision below is invented for
 * development and demonstration; none describes a real company, State or organization. Websites and
 * e-mail addresses use the reserved `.example` domain so they cannot reach anyone.
 *
 * The organization ids are stable so that the other subgraphs' sample data can refer to them.
 */
import { randomUUID } from 'node:crypto';
import { RowChecker, type Database } from '../../shared/src';
import { ApplicationStatus, MembershipApplication } from './application/application.entity';
import { CertificationDeadlineRule, MembershipCategory, MembershipStatus } from './membership-status/membership-status.entity';
import { certificationDeadlineFor, foldName } from './membership-status/membership-status.rules';
import { OrganizationNameKind } from './organization/organization-name.entity';
import { updateProfile } from './organization/organization-profile.service';
import { Organization, Pillar } from './organization/organization.entity';
import { checkImportedOrganization } from './register-import/register-import.rules';
import { planRegisterImport, writeRegisterImport } from './register-import/register-import.service';

const { PRIVATE_SECURITY_COMPANY: PSC, GOVERNMENT: GOV, CIVIL_SOCIETY: CSO } = Pillar;
const { MEMBER, AFFILIATE, OBSERVER } = MembershipCategory;
const { ACTIVE, SUSPENDED, TERMINATED, WITHDRAWN } = MembershipStatus;

type HistoryStep = [MembershipStatus, MembershipCategory, string, string];

interface SampleOrganization {
  key: string;
  id: string;
  name: string;
  pillar: Pillar;
  headquarters: string;
  operations: string[];
  history: HistoryStep[];
}

const sampleId = (n: number) => `5a3e0000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const organizations: Omit<SampleOrganization, 'id'>[] = [
  { key: 'aegisMeridian', name: 'Aegis Meridian Security Ltd', pillar: PSC, headquarters: 'GB', operations: ['IQ', 'AF', 'KE'],
    history: [[ACTIVE, MEMBER, '2019-03-12', 'Admitted on application']] },
  { key: 'bastionShield', name: 'Bastion Shield GmbH', pillar: PSC, headquarters: 'DE', operations: ['ML', 'NE'],
    history: [[ACTIVE, MEMBER, '2024-06-01', 'Admitted on application']] },
  { key: 'cordillera', name: 'Cordillera Protección S.A.', pillar: PSC, headquarters: 'CO', operations: ['PE', 'EC'],
    history: [[ACTIVE, MEMBER, '2022-02-15', 'Admitted on application']] },
  { key: 'dunmoreMaritime', name: 'Dunmore Maritime Security LLC', pillar: PSC, headquarters: 'US', operations: ['SO', 'YE', 'DJ'],
    history: [[ACTIVE, MEMBER, '2016-05-20', 'Admitted as a transitional member']] },
  { key: 'eclatSecurite', name: 'Éclat Sécurité SARL', pillar: PSC, headquarters: 'FR', operations: ['CI', 'SN'],
    history: [
      [ACTIVE, MEMBER, '2020-09-01', 'Admitted on application'],
      [ACTIVE, AFFILIATE, '2024-01-15', 'Certification deadline missed; latest self-assessment completed'],
    ] },
  { key: 'falconRidge', name: 'Falcon Ridge Risk Services Ltd', pillar: PSC, headquarters: 'KE', operations: ['UG', 'SS'],
    history: [
      [ACTIVE, MEMBER, '2017-11-02', 'Admitted as a transitional member'],
      [SUSPENDED, MEMBER, '2026-05-04', 'Suspended by the Board after a pattern of non-compliance'],
    ] },
  { key: 'garrisonPoint', name: 'Garrison Point Security (Pty) Ltd', pillar: PSC, headquarters: 'ZA', operations: ['MZ'],
    history: [
      [ACTIVE, MEMBER, '2018-02-19', 'Admitted as a transitional member'],
      [SUSPENDED, MEMBER, '2025-03-01', 'Annual self-assessment not submitted'],
      [TERMINATED, MEMBER, '2025-08-30', 'Terminated: no self-assessment and no good-faith cooperation'],
    ] },
  { key: 'harbourline', name: 'Harbourline Protective Services Pte Ltd', pillar: PSC, headquarters: 'SG', operations: ['MY', 'ID'],
    history: [[ACTIVE, MEMBER, '2021-11-10', 'Admitted on application']] },
  { key: 'ironwood', name: 'Ironwood Global Security Inc.', pillar: PSC, headquarters: 'US', operations: ['IQ', 'LY'],
    history: [
      [ACTIVE, MEMBER, '2019-06-03', 'Admitted on application'],
      [WITHDRAWN, MEMBER, '2023-04-01', 'Withdrew from the Association'],
    ] },
  { key: 'jadeport', name: 'Jadeport Security Services FZ-LLC', pillar: PSC, headquarters: 'AE', operations: ['SA', 'OM'],
    history: [[ACTIVE, MEMBER, '2023-07-03', 'Admitted on application']] },
  { key: 'kestrelGuarding', name: 'Kestrel Guarding Ltd', pillar: PSC, headquarters: 'NG', operations: ['GH'],
    history: [[ACTIVE, MEMBER, '2020-01-20', 'Admitted on application']] },
  { key: 'lindqvist', name: 'Lindqvist Säkerhet AB', pillar: PSC, headquarters: 'SE', operations: ['NO', 'SO'],
    history: [[ACTIVE, MEMBER, '2019-10-10', 'Admitted on application']] },
  { key: 'montanaAzul', name: 'Montaña Azul Seguridad S.A.S.', pillar: PSC, headquarters: 'PE', operations: ['BO'],
    history: [[ACTIVE, MEMBER, '2025-03-03', 'Admitted on application']] },
  { key: 'nordhavn', name: 'Nordhavn Maritime Protection A/S', pillar: PSC, headquarters: 'DK', operations: ['NG', 'GN'],
    history: [[ACTIVE, MEMBER, '2016-09-30', 'Admitted as a transitional member']] },
  { key: 'orionSentinel', name: 'Orion Sentinel Security Ltd', pillar: PSC, headquarters: 'UG', operations: ['CD'],
    history: [
      [ACTIVE, MEMBER, '2021-04-12', 'Admitted on application'],
      [ACTIVE, AFFILIATE, '2025-02-01', 'Certification deadline missed; latest self-assessment completed'],
    ] },
  { key: 'pallasCrisis', name: 'Pallas Crisis Response Ltd', pillar: PSC, headquarters: 'CY', operations: ['LB', 'IQ'],
    history: [
      [ACTIVE, MEMBER, '2024-11-18', 'Admitted on application'],
      [SUSPENDED, MEMBER, '2025-10-06', 'Suspended pending a field review'],
      [ACTIVE, MEMBER, '2026-02-09', 'Reinstated after agreed remedial measures'],
    ] },
  { key: 'arvenia', name: 'Republic of Arvenia, Ministry of Foreign Affairs', pillar: GOV, headquarters: 'CH', operations: [],
    history: [[ACTIVE, MEMBER, '2013-09-20', 'Founding member']] },
  { key: 'norland', name: 'Kingdom of Norland, Department for Peace and Security', pillar: GOV, headquarters: 'NO', operations: [],
    history: [[ACTIVE, MEMBER, '2014-02-11', 'Admitted on application']] },
  { key: 'ostmark', name: 'Federal Republic of Ostmark, Foreign Office', pillar: GOV, headquarters: 'DE', operations: [],
    history: [[ACTIVE, OBSERVER, '2021-06-15', 'Admitted as an observer by the Board']] },
  { key: 'coastalUnion', name: 'Union of Coastal States', pillar: GOV, headquarters: 'BE', operations: ['SO', 'KE', 'TZ'],
    history: [[ACTIVE, MEMBER, '2018-03-08', 'Admitted on application']] },
  { key: 'sorrentoBay', name: 'Republic of Sorrento Bay, Ministry of Defence', pillar: GOV, headquarters: 'AU', operations: [],
    history: [
      [ACTIVE, MEMBER, '2015-05-05', 'Admitted on application'],
      [WITHDRAWN, MEMBER, '2024-01-31', 'Withdrew from the Association'],
    ] },
  { key: 'maritimeSafetyOrg', name: 'Inter-Regional Organization for Maritime Safety', pillar: GOV, headquarters: 'GB', operations: [],
    history: [[ACTIVE, OBSERVER, '2022-10-01', 'Admitted as an observer by the Board']] },
  { key: 'humanSecurityWatch', name: 'Human Security Watch Initiative', pillar: CSO, headquarters: 'CH', operations: ['IQ', 'AF'],
    history: [[ACTIVE, MEMBER, '2013-09-20', 'Founding member']] },
  { key: 'centroDerechos', name: 'Centro de Derechos y Seguridad', pillar: CSO, headquarters: 'CO', operations: ['PE', 'EC'],
    history: [[ACTIVE, MEMBER, '2016-04-22', 'Admitted on application']] },
  { key: 'mwangaza', name: 'Mwangaza Rights Network', pillar: CSO, headquarters: 'KE', operations: ['UG', 'TZ'],
    history: [[ACTIVE, MEMBER, '2017-07-07', 'Admitted on application']] },
  { key: 'openHands', name: 'Open Hands Legal Aid', pillar: CSO, headquarters: 'ZA', operations: ['MZ'],
    history: [[ACTIVE, MEMBER, '2019-02-28', 'Admitted on application']] },
  { key: 'justicePaixSahel', name: 'Fondation Justice et Paix Sahel', pillar: CSO, headquarters: 'SN', operations: ['ML', 'NE'],
    history: [[ACTIVE, MEMBER, '2020-12-01', 'Admitted on application']] },
  { key: 'harbourWorkers', name: 'Harbour Workers Solidarity', pillar: CSO, headquarters: 'PH', operations: [],
    history: [[ACTIVE, OBSERVER, '2023-03-14', 'Admitted as an observer by the Board']] },
  { key: 'accountableSecurity', name: 'Citizens for Accountable Security', pillar: CSO, headquarters: 'US', operations: [],
    history: [
      [ACTIVE, MEMBER, '2015-01-12', 'Admitted on application'],
      [TERMINATED, MEMBER, '2025-06-30', 'Terminated for non-payment of dues'],
    ] },
  { key: 'alNoor', name: 'Al-Noor Community Voices', pillar: CSO, headquarters: 'JO', operations: ['LB', 'IQ'],
    history: [[ACTIVE, MEMBER, '2022-05-09', 'Admitted on application']] },
];

/** The sample organizations with their stable ids, for the other subgraphs' sample data. */
export const SAMPLE_ORGANIZATIONS: SampleOrganization[] = organizations.map((o, i) => ({ ...o, id: sampleId(i + 1) }));

export const SAMPLE_ORGANIZATION_ID: Record<string, string> = Object.fromEntries(
  SAMPLE_ORGANIZATIONS.map((o) => [o.key, o.id]),
);

/** Earlier deadline rules applied to companies that joined before the current rule (see DESIGN.md). */
function sampleDeadline(pillar: Pillar, category: MembershipCategory, joinedOn: string) {
  if (pillar !== PSC || category !== MEMBER) return null;
  if (joinedOn < '2019-01-01') return { deadline: '2019-12-31', rule: CertificationDeadlineRule.FIXED_DATE };
  if (joinedOn < '2022-01-01') {
    const deadline = `${Number(joinedOn.slice(0, 4)) + 2}${joinedOn.slice(4)}`;
    return { deadline, rule: CertificationDeadlineRule.TWO_YEARS_FROM_JOINING };
  }
  return certificationDeadlineFor(pillar, category, joinedOn);
}

/** Former and trading names of some sample organizations: [key, name, kind, valid from, valid until]. */
const otherNames: [string, string, OrganizationNameKind, string | null, string | null][] = [
  ['aegisMeridian', 'Meridian Risk Management Limited', OrganizationNameKind.FORMER, '2012-04-02', '2021-06-30'],
  ['aegisMeridian', 'Aegis Meridian', OrganizationNameKind.TRADING, '2021-07-01', null],
  ['lindqvist', 'LQ Maritime Security', OrganizationNameKind.TRADING, '2020-01-01', null],
  ['kestrelGuarding', 'Kestrel Guard Services Nigeria Ltd', OrganizationNameKind.FORMER, '2011-05-15', '2019-12-31'],
  ['nordhavn', 'Nordhavn Sikkerhed ApS', OrganizationNameKind.FORMER, '2009-03-01', '2018-08-31'],
];

const slug = (name: string) => foldName(name).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

const applications = [
  { name: 'Quillon Secure Logistics Ltd', pillar: PSC, category: MEMBER, hq: 'KE', ops: ['ET', 'SO'], submitted: '2026-10-02T08:15:00.000Z' },
  { name: 'Redoubt Protection Services S.L.', pillar: PSC, category: MEMBER, hq: 'ES', ops: ['MA'], submitted: '2026-10-20T13:40:00.000Z' },
  { name: 'Sahel Women for Peace', pillar: CSO, category: MEMBER, hq: 'ML', ops: ['NE', 'BF'], submitted: '2026-11-03T10:05:00.000Z' },
  { name: 'Republic of Tessaly, Ministry of Interior', pillar: GOV, category: OBSERVER, hq: 'GR', ops: [], submitted: '2026-11-21T16:30:00.000Z' },
];

/**
 * The sample register as an import file's organizations (see README, "Onboarding the existing register"):
 * `npm run import -- --print-sample-data` prints it, and the sample data is loaded through the import.
 */
export function sampleRegisterFile(): { organizations: Record<string, unknown>[] } {
  return {
    organizations: SAMPLE_ORGANIZATIONS.map((sample) => {
      const first = sample.history[0];
      const deadline = sampleDeadline(sample.pillar, first[1], first[2]);
      const names = otherNames.filter(([key]) => key === sample.key);
      const dated = (kind: OrganizationNameKind) =>
        names.filter(([, , k]) => k === kind).map(([, name, , validFrom, validUntil]) => ({ name, validFrom, validUntil }));
      return {
        externalReference: `sample-${sample.key}`,
        id: sample.id,
        name: sample.name,
        pillar: sample.pillar,
        headquartersCountry: sample.headquarters,
        countriesOfOperation: [...new Set([sample.headquarters, ...sample.operations])],
        website: `https://${slug(sample.name)}.example`,
        ...(deadline ? { certificationDeadline: deadline.deadline, certificationDeadlineRule: deadline.rule } : {}),
        statusHistory: sample.history.map(([status, category, effectiveFrom, reason]) => ({ status, category, effectiveFrom, reason })),
        formerNames: dated(OrganizationNameKind.FORMER),
        tradingNames: dated(OrganizationNameKind.TRADING),
        contacts: [
          { name: 'Compliance Desk (fictional)', role: 'Head of compliance', email: `compliance@${slug(sample.name)}.example`, phone: null },
        ],
      };
    }),
  };
}

/** Loads the sample data into an empty membership database; does nothing when organizations exist. */
export async function loadMembershipSampleData(database: Database): Promise<void> {
  const manager = database.dataSource.manager;
  if ((await manager.count(Organization)) > 0) return;
  // The register goes in the way an import file does: the same checks, the same writes.
  const checks = sampleRegisterFile().organizations.map((raw, i) => {
    const check = new RowChecker(i + 1);
    return { check, organization: checkImportedOrganization(check, raw) };
  });
  const problems = checks.flatMap(({ check }) => check.problems);
  if (problems.length) throw new Error(`sample register refused: ${JSON.stringify(problems)}`);
  const organizations = checks.map(({ organization }) => organization!);
  await database.transaction(async (tx) => {
    const plan = await planRegisterImport(tx, organizations);
    await writeRegisterImport(tx, organizations, plan.outcomes, 'sample-data');
    for (const application of applications) {
      await tx.insert(MembershipApplication, {
        id: randomUUID(),
        organizationName: application.name,
        pillar: application.pillar,
        requestedCategory: application.category,
        headquartersCountry: application.hq,
        countriesOfOperation: application.ops,
        website: `https://${slug(application.name)}.example`,
        codeImplementationPlan:
          application.pillar === PSC ? 'Fictional sample plan: policies, vetting, training and a grievance mechanism.' : null,
        contactName: 'Applicant Contact (fictional)',
        contactEmail: `apply@${slug(application.name)}.example`,
        status: ApplicationStatus.PENDING,
        submittedAt: application.submitted,
        decidedAt: null,
        decidedBy: null,
        decisionNote: null,
        organizationId: null,
        version: 1,
      });
    }
    await tx.insert(MembershipApplication, {
      id: randomUUID(),
      organizationName: 'Vantage Tactical Solutions Ltd',
      pillar: PSC,
      requestedCategory: OBSERVER,
      headquartersCountry: 'GB',
      countriesOfOperation: ['IQ'],
      website: null,
      codeImplementationPlan: 'Fictional sample plan.',
      contactName: 'Applicant Contact (fictional)',
      contactEmail: 'apply@vantage-tactical.example',
      status: ApplicationStatus.REJECTED,
      submittedAt: '2026-06-11T11:00:00.000Z',
      decidedAt: '2026-07-01T09:00:00.000Z',
      decidedBy: 'sample-data',
      decisionNote: 'A company providing security services cannot be an observer; invited to apply as a member.',
      organizationId: null,
      version: 2,
    });
  });
  // One dated change of the record, so that Sandbox shows a history (regions are read by monitoring priorities).
  const aegis = await manager.findOneByOrFail(Organization, { id: SAMPLE_ORGANIZATION_ID.aegisMeridian });
  await updateProfile(database, aegis, { countriesOfOperation: ['GB', 'IQ', 'AF', 'KE'], changes: [] },
    { regionsOfOperation: ['IQ-BA', 'AF-KAB', 'KE-30'] },
    { effectiveFrom: '2025-01-15', reason: 'Regions of operation notified in the annual self-assessment', expectedVersion: null, changedBy: 'sample-data' });
}
