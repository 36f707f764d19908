/**
 * FICTIONAL SAMPLE DATA. Every organization, person, address and decision below is invented for
 * development and demonstration; none describes a real company, State or organization. Websites and
 * e-mail addresses use the reserved `.example` domain so they cannot reach anyone.
 *
 * The organizations themselves (stable ids, pillars, histories) are in services/shared/src/sample-organizations.ts,
 * where the other subgraphs' sample data can refer to them.
 */
import { randomUUID } from 'node:crypto';
import { ObserverKind, RowChecker, type Database } from '../../shared/src';
import { SAMPLE_ORGANIZATION_ID, SAMPLE_ORGANIZATIONS } from '../../shared/src/sample-organizations';
import { ApplicationStatus, MembershipApplication } from './application/application.entity';
import { MembershipCategory, TerminationReason } from './membership-status/membership-status.entity';
import { certificationDeadlineFor } from './membership-status/membership-status.rules';
import { foldName } from './organization/name-matching.rules';
import { OrganizationNameKind } from './organization/organization-name.entity';
import { updateProfile } from './organization/organization-profile.service';
import { isStateOrIntergovernmental } from './organization/government-kind.rules';
import { CertificationDeadlineRule, GovernmentKind, Organization, Pillar } from './organization/organization.entity';
import { checkImportedOrganization } from './register-import/register-import.rules';
import { planRegisterImport, writeRegisterImport } from './register-import/register-import.service';

const { PRIVATE_SECURITY_COMPANY: PSC, CIVIL_SOCIETY: CSO } = Pillar;
const { MEMBER, OBSERVER } = MembershipCategory;

/**
 * Earlier deadline rules applied to companies that joined before the current rule (docs/domain.md): the 2017
 * amendment gave members of 15 April 2018 two years from that day, later joiners two years from joining.
 */
function sampleDeadline(pillar: Pillar, category: MembershipCategory, joinedOn: string) {
  if (pillar !== PSC || category !== MEMBER) return null;
  if (joinedOn <= '2018-04-15') return { deadline: '2020-04-15', rule: CertificationDeadlineRule.FIXED_DATE };
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

/** The sample States and IGOs: which is which, and their periods of support for the Montreux Document. */
const governments: Record<string, { kind: GovernmentKind; montreux: { since: string; until: string | null }[] }> = {
  arvenia: { kind: GovernmentKind.STATE, montreux: [{ since: '2008-09-17', until: null }] },
  norland: { kind: GovernmentKind.STATE, montreux: [{ since: '2009-02-03', until: null }] },
  ostmark: { kind: GovernmentKind.STATE, montreux: [{ since: '2008-09-17', until: null }] },
  sorrentoBay: { kind: GovernmentKind.STATE, montreux: [{ since: '2010-06-21', until: '2024-02-15' }] },
  coastalUnion: { kind: GovernmentKind.INTERGOVERNMENTAL_ORGANIZATION, montreux: [{ since: '2012-05-10', until: null }] },
  maritimeSafetyOrg: { kind: GovernmentKind.INTERGOVERNMENTAL_ORGANIZATION, montreux: [] },
};

/** The coded ground of each sample termination, by organization and day. */
const terminationReasons: Record<string, TerminationReason> = {
  'garrisonPoint 2025-08-30': TerminationReason.NON_SUBMISSION_OF_SELF_ASSESSMENT,
  'accountableSecurity 2025-06-30': TerminationReason.NON_PAYMENT_OF_DUES,
};

const slug = (name: string) => foldName(name).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

const applications = [
  { name: 'Quillon Secure Logistics Ltd', pillar: PSC, category: MEMBER, hq: 'KE', ops: ['ET', 'SO'], submitted: '2026-10-02T08:15:00.000Z' },
  { name: 'Redoubt Protection Services S.L.', pillar: PSC, category: MEMBER, hq: 'ES', ops: ['MA'], submitted: '2026-10-20T13:40:00.000Z' },
  { name: 'Sahel Women for Peace', pillar: CSO, category: MEMBER, hq: 'ML', ops: ['NE', 'BF'], submitted: '2026-11-03T10:05:00.000Z' },
  {
    name: 'Republic of Tessaly, Ministry of Interior', pillar: Pillar.OBSERVER, observerKind: ObserverKind.GOVERNMENT,
    category: OBSERVER, hq: 'GR', ops: [], submitted: '2026-11-21T16:30:00.000Z',
  },
];

/**
 * The sample register as an import file's organizations (docs/operations.md, "Onboarding the existing register"):
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
        ...(sample.observerKind ? { observerKind: sample.observerKind } : {}),
        ...(governments[sample.key]
          ? { governmentKind: governments[sample.key].kind, montreuxDocumentParticipation: governments[sample.key].montreux }
          : {}),
        headquartersCountry: sample.headquarters,
        countriesOfOperation: [...new Set([sample.headquarters, ...sample.operations])],
        website: `https://${slug(sample.name)}.example`,
        ...(deadline ? { certificationDeadline: deadline.deadline, certificationDeadlineRule: deadline.rule } : {}),
        statusHistory: sample.history.map(([status, category, effectiveFrom, reason]) => ({
          status, category, effectiveFrom, reason, reasonCode: terminationReasons[`${sample.key} ${effectiveFrom}`] ?? null,
        })),
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
        observerKind: 'observerKind' in application ? application.observerKind : null,
        governmentKind: isStateOrIntergovernmental(application.pillar, 'observerKind' in application ? (application.observerKind ?? null) : null)
          ? GovernmentKind.STATE
          : null,
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
      governmentKind: null,
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
