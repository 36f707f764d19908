/**
 * Checks one organization of an import file (`npm run import`) with the rules the API applies: the
 * same validators for names, countries, e-mail addresses and websites, the same membership
 * transitions. Every refusal is collected with its row and field; nothing here reads a database.
 */
import {
  countryCode,
  countryCodes,
  email,
  ObserverKind,
  optionalText,
  optionalWebsite,
  personOrOrganizationName,
  RowChecker,
  type ImportProblem,
  text,
  today,
} from '../../../shared/src';
import { MembershipCategory, MembershipStatus, TerminationReason } from '../membership-status/membership-status.entity';
import {
  categoryRefusal,
  certificationDeadlineFor,
  checkMembershipChange,
  checkReasonCode,
  observerKindRefusal,
  DeadlineFirstYear,
} from '../membership-status/membership-status.rules';
import { participationRefusal, type ParticipationPeriod } from '../montreux-document/montreux-document.rules';
import { governmentKindRefusal, isStateOrIntergovernmental } from '../organization/government-kind.rules';
import { exactNameForm, nameSkeleton } from '../organization/name-matching.rules';
import { regionCodes } from '../organization/organization-profile.rules';
import { CertificationDeadlineRule, GovernmentKind, Pillar } from '../organization/organization.entity';

export interface ImportedName {
  name: string;
  validFrom: string | null;
  validUntil: string | null;
}

export interface ImportedStatus {
  status: MembershipStatus;
  category: MembershipCategory;
  effectiveFrom: string;
  reason: string;
  reasonCode: TerminationReason | null;
}

export interface ImportedContact {
  name: string;
  role: string | null;
  email: string;
  phone: string | null;
}

/** One organization as the import writes it: every value checked. */
export interface ImportedOrganization {
  row: number;
  externalReference: string;
  /** A stable id given by the file (the sample data's), else one is made. */
  id: string | null;
  name: string;
  registeredSince: string;
  pillar: Pillar;
  /** Set for the pillar OBSERVER only. */
  observerKind: ObserverKind | null;
  governmentKind: GovernmentKind | null;
  /** Periods of support for the Montreux Document, oldest first (States and IGOs only). */
  montreuxDocumentParticipation: ParticipationPeriod[];
  headquartersCountry: string;
  countriesOfOperation: string[];
  regionsOfOperation: string[];
  website: string | null;
  certificationDeadline: { deadline: string; rule: CertificationDeadlineRule } | null;
  statusHistory: ImportedStatus[];
  formerNames: ImportedName[];
  tradingNames: ImportedName[];
  contacts: ImportedContact[];
  /**
   * The row's `acknowledgeSimilarNames`: someone checked that its names, which look like names of other
   * organizations, are rightly this one's (as `acknowledgeSimilarNames` on admission through the API).
   */
  acknowledgeSimilarNames: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const object = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** One of an enum's values, or null when absent. */
function optionalOneOf<E extends string>(check: RowChecker, value: unknown, field: string, values: readonly E[]): E | null | undefined {
  return value === undefined || value === null || value === '' ? null : check.oneOf(value, field, values);
}

function checkStatusHistory(check: RowChecker, raw: unknown, pillar: Pillar | undefined): ImportedStatus[] | undefined {
  if (raw != null && !Array.isArray(raw)) return check.refuse('statusHistory', 'statusHistory must be a list');
  const entries = check.list(raw, 'statusHistory');
  if (entries.length === 0) return check.refuse('statusHistory', 'statusHistory needs at least the admission entry');
  const result: ImportedStatus[] = [];
  entries.forEach((value, i) => {
    const entry = object(value);
    const at = check.nested(`statusHistory[${i}]`);
    const status = at.oneOf(entry.status, 'status', Object.values(MembershipStatus));
    const category = at.oneOf(entry.category, 'category', Object.values(MembershipCategory));
    const effectiveFrom = at.date(entry.effectiveFrom, 'effectiveFrom');
    const reason = at.check('reason', () => text(String(entry.reason ?? ''), 'reason', { max: 2000 }));
    const reasonCode = optionalOneOf(at, entry.reasonCode, 'reasonCode', Object.values(TerminationReason));
    if (!status || !category || !effectiveFrom || !reason || !pillar || reasonCode === undefined) return;
    if (effectiveFrom > today()) return at.refuse('effectiveFrom', 'effectiveFrom cannot be in the future');
    const previous = result.at(-1);
    if (!previous) {
      if (status !== MembershipStatus.ACTIVE) return at.refuse('status', 'The first entry is the admission: status ACTIVE');
      const refusal = categoryRefusal(pillar, category);
      if (refusal) return at.refuse('category', refusal);
    } else {
      if (effectiveFrom < previous.effectiveFrom) {
        return at.refuse('effectiveFrom', `effectiveFrom cannot be before the previous entry's (${previous.effectiveFrom})`);
      }
      at.check('status', () => checkMembershipChange(pillar, previous, { status, category }));
    }
    if (!at.check('reasonCode', () => (checkReasonCode(status, reasonCode), true))) return;
    result.push({ status, category, effectiveFrom, reason, reasonCode: reasonCode ?? null });
  });
  return result.length === entries.length ? result : undefined;
}

function checkNames(check: RowChecker, raw: unknown, field: string, untilRequired: boolean): ImportedName[] {
  return check.list(raw, field).flatMap((value, i) => {
    const entry = object(value);
    const at = check.nested(`${field}[${i}]`);
    const name = at.check('name', () => personOrOrganizationName(String(entry.name ?? ''), 'name', { max: 200 }));
    const validFrom = at.date(entry.validFrom, 'validFrom', true);
    const validUntil = at.date(entry.validUntil, 'validUntil', !untilRequired);
    if (!name || validFrom === undefined || validUntil === undefined) return [];
    if (validFrom && validUntil && validUntil < validFrom) {
      at.refuse('validUntil', 'validUntil cannot be before validFrom');
      return [];
    }
    return [{ name, validFrom, validUntil }];
  });
}

function checkContacts(check: RowChecker, raw: unknown): ImportedContact[] {
  return check.list(raw, 'contacts').flatMap((value, i) => {
    const entry = object(value);
    const at = check.nested(`contacts[${i}]`);
    const name = at.check('name', () => personOrOrganizationName(String(entry.name ?? ''), 'name', { max: 200 }));
    const address = at.check('email', () => email(String(entry.email ?? ''), 'email'));
    const role = at.check('role', () => optionalText(entry.role as string | null, 'role', 200));
    const phone = at.check('phone', () => optionalText(entry.phone as string | null, 'phone', 50));
    return name && address && role !== undefined && phone !== undefined ? [{ name, email: address, role, phone }] : [];
  });
}

function checkParticipation(check: RowChecker, raw: unknown, pillar: Pillar | undefined, observerKind: ObserverKind | null): ParticipationPeriod[] | undefined {
  const periods = check.list(raw, 'montreuxDocumentParticipation').map((value, i) => {
    const entry = object(value);
    const at = check.nested(`montreuxDocumentParticipation[${i}]`);
    return { since: at.date(entry.since, 'since'), until: at.date(entry.until, 'until', true) };
  });
  if (!pillar || periods.some((p) => !p.since || p.until === undefined)) return undefined;
  const checked = periods as ParticipationPeriod[];
  const refusal = participationRefusal(isStateOrIntergovernmental(pillar, observerKind), checked, today());
  if (refusal) return check.refuse(`montreuxDocumentParticipation[${refusal.index}].${refusal.field === 'organizationId' ? 'since' : refusal.field}`, refusal.message);
  return checked;
}

/**
 * Checks one organization of the file; answers it when every field passed (problems go to `check`). A deadline the
 * row does not give is set by the current rule, counted as `deadlineFirstYear` says (the setting).
 */
export function checkImportedOrganization(
  check: RowChecker,
  raw: unknown,
  deadlineFirstYear: DeadlineFirstYear = DeadlineFirstYear.YEAR_AFTER_JOINING,
): ImportedOrganization | undefined {
  const input = object(raw);
  const before = check.problems.length;
  const externalReference = check.check('externalReference', () =>
    text(String(input.externalReference ?? ''), 'externalReference', { max: 100 }));
  const id = check.string(input.id, 'id', true);
  if (id && !UUID.test(id)) check.refuse('id', 'id must be a lower-case UUID');
  const name = check.check('name', () => personOrOrganizationName(String(input.name ?? ''), 'name', { max: 200 }));
  const pillar = check.oneOf(input.pillar, 'pillar', Object.values(Pillar));
  // An empty CSV cell is no kind.
  const observerKind = input.observerKind == null || input.observerKind === '' ? null : check.oneOf(input.observerKind, 'observerKind', Object.values(ObserverKind));
  const observerRefusal = pillar && observerKind !== undefined ? observerKindRefusal(pillar, observerKind) : null;
  if (observerRefusal) check.refuse('observerKind', observerRefusal);
  const governmentKind = optionalOneOf(check, input.governmentKind, 'governmentKind', Object.values(GovernmentKind));
  const kindRefusal = pillar && governmentKind !== undefined && observerKind !== undefined
    ? governmentKindRefusal(pillar, governmentKind ?? null, observerKind ?? null)
    : null;
  if (kindRefusal) check.refuse('governmentKind', kindRefusal);
  const montreuxDocumentParticipation = checkParticipation(check, input.montreuxDocumentParticipation, pillar, observerKind ?? null);
  const headquartersCountry = check.check('headquartersCountry', () =>
    countryCode(String(input.headquartersCountry ?? ''), 'headquartersCountry'));
  const countries = check.check('countriesOfOperation', () =>
    countryCodes(check.list(input.countriesOfOperation, 'countriesOfOperation').map(String), 'countriesOfOperation'));
  const regions = check.check('regionsOfOperation', () =>
    regionCodes(check.list(input.regionsOfOperation, 'regionsOfOperation').map(String), 'regionsOfOperation'));
  const website = check.check('website', () => optionalWebsite(input.website as string | null, 'website'));
  const statusHistory = checkStatusHistory(check, input.statusHistory, pillar);
  const admittedOn = statusHistory?.[0].effectiveFrom;
  const registeredSince = check.date(input.registeredSince, 'registeredSince', true) ?? admittedOn;
  const formerNames = checkNames(check, input.formerNames, 'formerNames', true);
  const tradingNames = checkNames(check, input.tradingNames, 'tradingNames', false);
  const contacts = checkContacts(check, input.contacts);
  const acknowledgeSimilarNames = check.flag(input.acknowledgeSimilarNames, 'acknowledgeSimilarNames');
  let certificationDeadline: ImportedOrganization['certificationDeadline'] = null;
  if (input.certificationDeadline != null || input.certificationDeadlineRule != null) {
    const deadline = check.date(input.certificationDeadline, 'certificationDeadline');
    const rule = check.oneOf(input.certificationDeadlineRule, 'certificationDeadlineRule', Object.values(CertificationDeadlineRule));
    if (deadline && rule) certificationDeadline = { deadline, rule };
    if (pillar && pillar !== Pillar.PRIVATE_SECURITY_COMPANY) {
      check.refuse('certificationDeadline', 'Only private security companies have a certification deadline');
    }
  } else if (pillar && statusHistory) {
    certificationDeadline = certificationDeadlineFor(pillar, statusHistory[0].category, statusHistory[0].effectiveFrom, deadlineFirstYear);
  }
  if (check.problems.length > before) return undefined;
  return {
    row: check.row,
    externalReference: externalReference!,
    id: id ?? null,
    name: name!,
    registeredSince: registeredSince!,
    pillar: pillar!,
    observerKind: observerKind ?? null,
    governmentKind: governmentKind ?? null,
    montreuxDocumentParticipation: montreuxDocumentParticipation!,
    headquartersCountry: headquartersCountry!,
    countriesOfOperation: countries!,
    regionsOfOperation: regions!,
    website: website ?? null,
    certificationDeadline,
    statusHistory: statusHistory!,
    formerNames,
    tradingNames,
    contacts,
    acknowledgeSimilarNames: acknowledgeSimilarNames!,
  };
}

/** One name of an imported organization, with where it stands in the row and how it is compared. */
export interface ImportedNameKeys {
  field: string;
  name: string;
  skeleton: string;
  exact: string;
}

/** The registered, former and trading names of an imported organization, as the look-alike check compares them. */
export function namesOf(organization: ImportedOrganization): ImportedNameKeys[] {
  const keys = (field: string, name: string) => ({ field, name, skeleton: nameSkeleton(name), exact: exactNameForm(name) });
  return [
    keys('name', organization.name),
    ...organization.formerNames.map((n, i) => keys(`formerNames[${i}].name`, n.name)),
    ...organization.tradingNames.map((n, i) => keys(`tradingNames[${i}].name`, n.name)),
  ];
}

/** Why an imported name may not go in unacknowledged: it is, or looks like, `other`, a name of another organization (`where`). */
export function lookAlikeRefusal(name: ImportedNameKeys, other: { name: string; exact: string }, where: string): string {
  const how = name.exact === other.exact ? 'is' : 'looks like';
  return `"${name.name}" ${how} "${other.name}", a name of ${where}; set acknowledgeSimilarNames to true on this row once you ` +
    'have checked that it is a different organization';
}

/**
 * Names of the file's organizations that are, or look like, a name of an organization on an earlier row
 * (same TR39 skeleton, as on admission through the API): refused unless the row acknowledges similar
 * names; the same registered name on two rows is refused in any case, as one organization twice.
 * `refusedAlready` names the fields refused for the register's names: said once is enough.
 */
export function sameFileLookAlikes(
  organizations: readonly ImportedOrganization[],
  refusedAlready: (row: number, field: string) => boolean = () => false,
): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const bySkeleton = new Map<string, { row: number; name: string; exact: string; registered: boolean }[]>();
  for (const organization of organizations) {
    const names = namesOf(organization);
    for (const name of names) {
      const earlier = bySkeleton.get(name.skeleton) ?? [];
      const registered = name.field === 'name';
      const twice = registered && earlier.find((seen) => seen.registered && seen.exact === name.exact);
      if (twice) {
        problems.push({ row: organization.row, field: name.field, message: `"${name.name}" is also the registered name on row ${twice.row}` });
      } else if (earlier.length && !organization.acknowledgeSimilarNames && !refusedAlready(organization.row, name.field)) {
        const other = earlier.find((seen) => seen.exact === name.exact) ?? earlier[0];
        problems.push({ row: organization.row, field: name.field, message: lookAlikeRefusal(name, other, `the organization on row ${other.row}`) });
      }
    }
    for (const name of names) {
      const list = bySkeleton.get(name.skeleton) ?? [];
      list.push({ row: organization.row, name: name.name, exact: name.exact, registered: name.field === 'name' });
      bySkeleton.set(name.skeleton, list);
    }
  }
  return problems;
}
