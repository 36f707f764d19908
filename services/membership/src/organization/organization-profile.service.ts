import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  badUserInput,
  checkExpectedVersion,
  conflictOnUniqueViolation,
  dayBefore,
  nextSequence,
  nowTimestamp,
  today,
  writeVersioned,
  type Database,
} from '../../../shared/src';
import { refreshDirectoryCopies } from './directory-copies';
import { exactNameForm, nameSkeleton } from './name-matching.rules';
import { OrganizationChange, OrganizationChangeKind } from './organization-change.entity';
import { OrganizationName, OrganizationNameKind } from './organization-name.entity';
import { endOrganizationName, recordOrganizationName } from './organization-names.service';
import { checkChangeDate } from './organization-profile.rules';
import { OperatingCountry, Organization } from './organization.entity';
import { recordOutbox } from '../outbox/outbox.service';

export type NewChange = Omit<OrganizationChange, 'id' | 'sequence' | 'recordedAt' | 'ownerOrganizationId'>;

/** Appends an entry to the organization's change history, inside the caller's transaction. */
export async function appendChange(manager: EntityManager, entry: NewChange): Promise<OrganizationChange> {
  const record = manager.create(OrganizationChange, {
    ...entry,
    id: randomUUID(),
    sequence: await nextSequence(manager, OrganizationChange, { organizationId: entry.organizationId }),
    recordedAt: nowTimestamp(),
  });
  await manager.insert(OrganizationChange, record);
  // Renames and other register changes reach watchlists through the certification subgraph.
  await recordOutbox(manager, 'PROFILE', [{ organizationId: entry.organizationId, effectiveFrom: entry.effectiveFrom }]);
  return record;
}

/** Who, when and why: what every profile change carries. */
export interface ChangeContext {
  effectiveFrom: string | null;
  reason: string;
  expectedVersion: number | null;
  changedBy: string | null;
}

const checkVersion = (organization: Organization, expectedVersion: number | null) =>
  checkExpectedVersion(organization, 'Organization', expectedVersion);

const changedMeanwhile = (organization: Organization) =>
  `Organization ${organization.id} was changed by someone else meanwhile; reload it and try again`;

/** Updates the organization only if nobody changed it since it was read, and bumps its version. */
async function updateOrganization(manager: EntityManager, organization: Organization, set: Partial<Organization>): Promise<void> {
  await writeVersioned(manager, Organization, organization, set, 'Organization', changedMeanwhile(organization));
}

/** Names of other organizations that look like `name` (same skeleton): a rename or trading name may be an impostor's. */
export function namesLookingLike(manager: EntityManager, name: string): Promise<OrganizationName[]> {
  return manager.findBy(OrganizationName, { skeleton: nameSkeleton(name) });
}

async function checkSimilarNames(manager: EntityManager, organizationId: string, name: string, acknowledged: boolean) {
  const similar = (await namesLookingLike(manager, name)).filter((n) => n.organizationId !== organizationId);
  if (similar.length && !acknowledged) {
    const organizations = new Set(similar.map((n) => n.organizationId)).size;
    throw badUserInput(
      `The name looks like a name of ${organizations} other organization(s); pass acknowledgeSimilarNames: true once ` +
        'you have checked that it is rightly this organization\'s',
      'acknowledgeSimilarNames',
    );
  }
}

const run = <T>(database: Database, organization: Organization, work: (manager: EntityManager) => Promise<T>) =>
  conflictOnUniqueViolation(() => database.transaction(work), changedMeanwhile(organization));

/**
 * Renames an organization: the registered name in force ends the day before `effectiveFrom` and
 * becomes a former name; the new name is registered from that day.
 */
export async function renameOrganization(
  database: Database,
  organization: Organization,
  names: readonly OrganizationName[],
  change: ChangeContext & { name: string; acknowledgeSimilarNames: boolean },
): Promise<Organization> {
  checkVersion(organization, change.expectedVersion);
  const effectiveFrom = change.effectiveFrom ?? today();
  const registered = names.find((n) => n.kind === OrganizationNameKind.REGISTERED && n.validUntil === null);
  checkChangeDate(effectiveFrom, { today: today(), memberSince: organization.memberSince });
  if (registered?.validFrom && effectiveFrom <= registered.validFrom) {
    throw badUserInput(`effectiveFrom must be after the day the current name was registered (${registered.validFrom})`, 'effectiveFrom');
  }
  if (exactNameForm(change.name) === exactNameForm(organization.name)) {
    throw badUserInput('This is already the organization\'s registered name', 'name');
  }
  return run(database, organization, async (manager) => {
    await checkSimilarNames(manager, organization.id, change.name, change.acknowledgeSimilarNames);
    await updateOrganization(manager, organization, { name: change.name });
    await refreshDirectoryCopies(manager, [organization.id]);
    if (registered) await endOrganizationName(manager, registered, dayBefore(effectiveFrom), OrganizationNameKind.FORMER);
    const added = await recordOrganizationName(manager, {
      organizationId: organization.id,
      name: change.name,
      kind: OrganizationNameKind.REGISTERED,
      validFrom: effectiveFrom,
    });
    await appendChange(manager, {
      organizationId: organization.id,
      kind: OrganizationChangeKind.RENAMED,
      subjectId: added.id,
      before: [organization.name],
      after: [change.name],
      effectiveFrom,
      reason: change.reason,
      changedBy: change.changedBy,
    });
    return manager.findOneByOrFail(Organization, { id: organization.id });
  });
}

/** Adds a trading name, used from `effectiveFrom` on. */
export async function addTradingName(
  database: Database,
  organization: Organization,
  names: readonly OrganizationName[],
  change: ChangeContext & { name: string; acknowledgeSimilarNames: boolean },
): Promise<Organization> {
  checkVersion(organization, change.expectedVersion);
  const effectiveFrom = change.effectiveFrom ?? today();
  checkChangeDate(effectiveFrom, { today: today(), memberSince: organization.memberSince });
  const form = exactNameForm(change.name);
  if (names.some((n) => n.validUntil === null && n.kind !== OrganizationNameKind.FORMER && exactNameForm(n.name) === form)) {
    throw badUserInput('The organization already uses this name', 'name');
  }
  return run(database, organization, async (manager) => {
    await checkSimilarNames(manager, organization.id, change.name, change.acknowledgeSimilarNames);
    await updateOrganization(manager, organization, {});
    const added = await recordOrganizationName(manager, {
      organizationId: organization.id,
      name: change.name,
      kind: OrganizationNameKind.TRADING,
      validFrom: effectiveFrom,
    });
    await appendChange(manager, {
      organizationId: organization.id,
      kind: OrganizationChangeKind.TRADING_NAME_ADDED,
      subjectId: added.id,
      before: [],
      after: [change.name],
      effectiveFrom,
      reason: change.reason,
      changedBy: change.changedBy,
    });
    return manager.findOneByOrFail(Organization, { id: organization.id });
  });
}

/** Ends a trading name: from `effectiveFrom` on it is no longer used (its last day is the day before). */
export async function endTradingName(
  database: Database,
  organization: Organization,
  names: readonly OrganizationName[],
  change: ChangeContext & { nameId: string },
): Promise<Organization> {
  checkVersion(organization, change.expectedVersion);
  const name = names.find((n) => n.id === change.nameId);
  if (!name || name.kind !== OrganizationNameKind.TRADING) {
    throw badUserInput('nameId is not a trading name of this organization', 'nameId');
  }
  if (name.validUntil !== null) throw badUserInput(`This trading name already ended on ${name.validUntil}`, 'nameId');
  const effectiveFrom = change.effectiveFrom ?? today();
  checkChangeDate(effectiveFrom, { today: today(), memberSince: organization.memberSince });
  if (name.validFrom && effectiveFrom <= name.validFrom) {
    throw badUserInput(`effectiveFrom must be after the day the name was first used (${name.validFrom})`, 'effectiveFrom');
  }
  return run(database, organization, async (manager) => {
    await updateOrganization(manager, organization, {});
    await endOrganizationName(manager, name, dayBefore(effectiveFrom));
    await appendChange(manager, {
      organizationId: organization.id,
      kind: OrganizationChangeKind.TRADING_NAME_ENDED,
      subjectId: name.id,
      before: [name.name],
      after: [],
      effectiveFrom,
      reason: change.reason,
      changedBy: change.changedBy,
    });
    return manager.findOneByOrFail(Organization, { id: organization.id });
  });
}

/** The parts of a profile a change may set; undefined parts stay as they are (inputs already checked). */
export interface ProfileValues {
  headquartersCountry?: string;
  countriesOfOperation?: string[];
  regionsOfOperation?: string[];
  /** null removes the website. */
  website?: string | null;
}

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * Changes headquarters country, countries and regions of operation and website at once: one history
 * entry per part that differs, all on the same day. BAD_USER_INPUT when nothing would change.
 */
export async function updateProfile(
  database: Database,
  organization: Organization,
  current: { countriesOfOperation: string[]; changes: readonly OrganizationChange[] },
  values: ProfileValues,
  change: ChangeContext,
): Promise<Organization> {
  checkVersion(organization, change.expectedVersion);
  const effectiveFrom = change.effectiveFrom ?? today();
  const parts: { kind: OrganizationChangeKind; before: string[]; after: string[] }[] = [];
  const consider = (kind: OrganizationChangeKind, before: string[], after: string[] | undefined) => {
    if (after !== undefined && !same(before, after)) parts.push({ kind, before, after });
  };
  consider(OrganizationChangeKind.HEADQUARTERS_COUNTRY_CHANGED, [organization.headquartersCountry],
    values.headquartersCountry === undefined ? undefined : [values.headquartersCountry]);
  // The headquarters country is always among the countries of operation (the directory's country filter reads them).
  const headquarters = values.headquartersCountry ?? organization.headquartersCountry;
  const countries = values.countriesOfOperation !== undefined || values.headquartersCountry !== undefined
    ? [...new Set([headquarters, ...(values.countriesOfOperation ?? current.countriesOfOperation)])]
    : undefined;
  consider(OrganizationChangeKind.COUNTRIES_OF_OPERATION_CHANGED, current.countriesOfOperation, countries);
  consider(OrganizationChangeKind.REGIONS_OF_OPERATION_CHANGED, organization.regionsOfOperation ?? [], values.regionsOfOperation);
  consider(OrganizationChangeKind.WEBSITE_CHANGED, organization.website ? [organization.website] : [],
    values.website === undefined ? undefined : values.website ? [values.website] : []);
  if (parts.length === 0) throw badUserInput('Nothing to change: every value given is the current one', 'input');
  for (const part of parts) {
    const latestOfKind = current.changes.filter((c) => c.kind === part.kind).at(-1)?.effectiveFrom ?? null;
    checkChangeDate(effectiveFrom, { today: today(), memberSince: organization.memberSince, latestOfKind });
  }
  return run(database, organization, async (manager) => {
    await updateOrganization(manager, organization, {
      ...(values.headquartersCountry !== undefined ? { headquartersCountry: values.headquartersCountry } : {}),
      ...(values.regionsOfOperation !== undefined ? { regionsOfOperation: values.regionsOfOperation } : {}),
      ...(values.website !== undefined ? { website: values.website } : {}),
    });
    if (countries !== undefined && !same(countries, current.countriesOfOperation)) {
      await replaceOperatingCountries(manager, organization.id, countries);
    }
    for (const part of parts) {
      await appendChange(manager, { organizationId: organization.id, ...part, subjectId: null, effectiveFrom,
        reason: change.reason, changedBy: change.changedBy });
    }
    return manager.findOneByOrFail(Organization, { id: organization.id });
  });
}

/**
 * The current countries of operation, in the order given (the headquarters country among them: the
 * caller sees to it), with their copies of the organization's pillar, status and name for the directory.
 */
export async function replaceOperatingCountries(manager: EntityManager, organizationId: string, countries: string[]): Promise<void> {
  await manager.delete(OperatingCountry, { organizationId });
  if (countries.length) {
    await manager.insert(OperatingCountry, countries.map((country, position) => ({ organizationId, country, position })));
  }
  await refreshDirectoryCopies(manager, [organizationId]);
}
