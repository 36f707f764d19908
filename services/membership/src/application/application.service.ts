import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  badUserInput,
  countryCode,
  countryCodes,
  email,
  notFound,
  nowTimestamp,
  optionalText,
  optionalWebsite,
  paginateOrdered,
  personOrOrganizationName,
  today,
  updateVersioned,
  type Database,
  type PageRequest,
} from '../../../shared/src';
import { MembershipStatus } from '../membership-status/membership-status.entity';
import { categoryRefusal, certificationDeadlineFor, observerKindRefusal, type DeadlineFirstYear } from '../membership-status/membership-status.rules';
import { governmentKindRefusal } from '../organization/government-kind.rules';
import { appendStatusEntry } from '../membership-status/membership-status.service';
import { refreshDirectoryCopies } from '../organization/directory-copies';
import { nameSkeleton } from '../organization/name-matching.rules';
import { OrganizationNameKind } from '../organization/organization-name.entity';
import { recordOrganizationName } from '../organization/organization-names.service';
import { namesLookingLike } from '../organization/organization-profile.service';
import { Contact } from '../contact/contact.entity';
import { OperatingCountry, Organization, Pillar } from '../organization/organization.entity';
import type { MembershipLoaders } from '../context';
import { ApplicationDecision, ApplicationStatus, MembershipApplication, PossibleDuplicate } from './application.entity';
import { MembershipApplicationConnection, MembershipApplicationOrder, type MembershipApplicationInput } from './application.types';

/**
 * Applications for membership: anyone applies, the Secretariat reviews the queue and decides. Admitting
 * creates the organization with its registered name, countries, first contact and first status entry.
 */

/** Checks an application and stores it as PENDING; BAD_USER_INPUT naming the field, before anything is stored. */
export async function submitApplication(database: Database, input: MembershipApplicationInput): Promise<MembershipApplication> {
  const refusal = categoryRefusal(input.pillar, input.requestedCategory);
  if (refusal) throw badUserInput(refusal, 'input.requestedCategory');
  const kindRefusal = observerKindRefusal(input.pillar, input.observerKind);
  if (kindRefusal) throw badUserInput(kindRefusal, 'input.observerKind');
  const governmentRefusal = governmentKindRefusal(input.pillar, input.governmentKind ?? null, input.observerKind ?? null);
  if (governmentRefusal) throw badUserInput(governmentRefusal, 'input.governmentKind');
  const plan = optionalText(input.codeImplementationPlan, 'input.codeImplementationPlan', 20_000);
  if (input.pillar === Pillar.PRIVATE_SECURITY_COMPANY && !plan) {
    throw badUserInput('A company must describe how it implements the Code', 'input.codeImplementationPlan');
  }
  const application = database.dataSource.manager.create(MembershipApplication, {
    id: randomUUID(),
    organizationName: personOrOrganizationName(input.organizationName, 'input.organizationName', { max: 200 }),
    pillar: input.pillar,
    observerKind: input.observerKind ?? null,
    governmentKind: input.governmentKind ?? null,
    requestedCategory: input.requestedCategory,
    headquartersCountry: countryCode(input.headquartersCountry, 'input.headquartersCountry'),
    countriesOfOperation: countryCodes(input.countriesOfOperation ?? [], 'input.countriesOfOperation'),
    website: optionalWebsite(input.website, 'input.website'),
    codeImplementationPlan: plan,
    contactName: personOrOrganizationName(input.contactName, 'input.contactName', { max: 200 }),
    contactEmail: email(input.contactEmail, 'input.contactEmail'),
    status: ApplicationStatus.PENDING,
    submittedAt: nowTimestamp(),
    decidedAt: null,
    decidedBy: null,
    decisionNote: null,
    organizationId: null,
    version: 1,
  });
  // Through the transaction queue: on SQLite a bare insert could join (and roll back with) another request's transaction.
  await database.transaction((manager) => manager.insert(MembershipApplication, application));
  return application;
}

/** The review queue in `order` (oldest first by default), optionally of one status only. */
export function listApplications(
  database: Database,
  status: ApplicationStatus | null,
  page: PageRequest,
  order: MembershipApplicationOrder = MembershipApplicationOrder.SUBMITTED_OLDEST_FIRST,
) {
  const query = database.dataSource.getRepository(MembershipApplication).createQueryBuilder('application');
  if (status) query.where('application.status = :status', { status });
  const descending = order === MembershipApplicationOrder.SUBMITTED_NEWEST_FIRST;
  return paginateOrdered(
    MembershipApplicationConnection,
    query,
    {
      name: order,
      keys: [
        { column: 'application.submitted_at', value: (a) => a.submittedAt, descending },
        { column: 'application.id', value: (a) => a.id, descending },
      ],
    },
    page,
  );
}

/** One application; NOT_FOUND when there is none. */
export async function findApplication(database: Database, id: string): Promise<MembershipApplication> {
  const application = await database.dataSource.manager.findOneBy(MembershipApplication, { id });
  if (!application) throw notFound('Membership application', id);
  return application;
}

/** A decision as the Secretariat takes it (note already checked). */
export interface Decision {
  decision: ApplicationDecision;
  note: string | null;
  acknowledgeSimilarNames: boolean | null;
  decidedBy: string | null;
  /** How the certification deadline of a company admitted as a member is counted (the subgraph's setting). */
  deadlineFirstYear: DeadlineFirstYear;
}

/**
 * Decides a pending application in one transaction: ADMIT creates the organization (`admit`), then the
 * application records the decision, only if nobody decided it meanwhile (its version).
 */
export async function decideApplication(
  database: Database,
  application: MembershipApplication,
  decision: Decision,
): Promise<MembershipApplication> {
  if (application.status !== ApplicationStatus.PENDING) {
    throw badUserInput(`This application was already ${application.status.toLowerCase()}`, 'id');
  }
  const decidedAt = nowTimestamp();
  return database.transaction(async (manager) => {
    const organizationId = decision.decision === ApplicationDecision.ADMIT ? await admit(manager, application, decision) : null;
    return updateVersioned(
      manager,
      MembershipApplication,
      application,
      {
        status: decision.decision === ApplicationDecision.ADMIT ? ApplicationStatus.ADMITTED : ApplicationStatus.REJECTED,
        decidedAt,
        decidedBy: decision.decidedBy,
        decisionNote: decision.note,
        organizationId,
      },
      'Membership application',
      'This application was decided by someone else meanwhile',
    );
  });
}

/**
 * Admits the applicant, inside the decision's transaction: the organization, its registered name, its
 * countries of operation (headquarters among them), its first contact and its first status entry (with
 * the certification deadline of a company admitted as a member). Answers the new organization's id.
 */
async function admit(manager: EntityManager, application: MembershipApplication, decision: Decision): Promise<string> {
  const organizationName = storedName(application.organizationName, 'organization name');
  const contactName = storedName(application.contactName, 'contact name');
  // Read in the transaction, so that an organization admitted meanwhile counts too.
  const similar = await namesLookingLike(manager, organizationName);
  if (similar.length && decision.acknowledgeSimilarNames !== true) {
    const organizations = new Set(similar.map((name) => name.organizationId)).size;
    throw badUserInput(
      `The applicant's name looks like a name of ${organizations} organization(s) already known (see ` +
        'possibleDuplicates); admit with acknowledgeSimilarNames: true once you have checked that it is a ' +
        'different organization',
      'acknowledgeSimilarNames',
    );
  }
  const organizationId = randomUUID();
  const joinedOn = today();
  const deadline = certificationDeadlineFor(application.pillar, application.requestedCategory, joinedOn, decision.deadlineFirstYear);
  await manager.insert(Organization, {
    id: organizationId,
    name: organizationName,
    pillar: application.pillar,
    observerKind: application.observerKind,
    governmentKind: application.governmentKind,
    headquartersCountry: application.headquartersCountry,
    website: application.website,
    membershipCategory: application.requestedCategory,
    membershipStatus: MembershipStatus.ACTIVE,
    memberSince: joinedOn,
    certificationDeadline: deadline?.deadline ?? null,
    certificationDeadlineRule: deadline?.rule ?? null,
    regionsOfOperation: null,
    externalReference: null,
    version: 1,
  });
  await recordOrganizationName(manager, {
    organizationId,
    name: organizationName,
    kind: OrganizationNameKind.REGISTERED,
    validFrom: joinedOn,
  });
  const countries = [...new Set([application.headquartersCountry, ...application.countriesOfOperation])];
  if (countries.length) {
    await manager.insert(
      OperatingCountry,
      countries.map((country, position) => ({ organizationId, country, position })),
    );
    await refreshDirectoryCopies(manager, [organizationId]);
  }
  await manager.insert(Contact, {
    id: randomUUID(),
    organizationId,
    name: contactName,
    email: application.contactEmail,
    role: null,
    phone: null,
    version: 1,
  });
  await appendStatusEntry(manager, {
    organizationId,
    status: MembershipStatus.ACTIVE,
    category: application.requestedCategory,
    effectiveFrom: joinedOn,
    reason: decision.note ?? 'Admitted on application',
    decidedBy: decision.decidedBy,
  });
  return organizationId;
}

/** A name stored before names were checked may hold control or format characters: such an application is never admitted. */
function storedName(value: string, what: string): string {
  try {
    return personOrOrganizationName(value, what, { max: 200 });
  } catch {
    throw badUserInput(`The application's ${what} holds characters a name cannot have; reject it and ask for a new application`, 'id');
  }
}

const NAME_KIND_ORDER = { REGISTERED: 0, TRADING: 1, FORMER: 2 } as const;

/** The look-alike names of other organizations, registered names first: one statement per page through the loader. */
export async function possibleDuplicatesOf(
  application: MembershipApplication,
  loaders: MembershipLoaders,
): Promise<PossibleDuplicate[]> {
  const names = await loaders.namesBySkeleton.load(nameSkeleton(application.organizationName));
  return names
    .filter((name) => name.organizationId !== application.organizationId)
    .sort((a, b) => NAME_KIND_ORDER[a.kind] - NAME_KIND_ORDER[b.kind] || a.name.localeCompare(b.name))
    .map((name) =>
      Object.assign(new PossibleDuplicate(), { organizationId: name.organizationId, name: name.name, nameKind: name.kind }),
    );
}
