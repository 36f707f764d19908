/** Rules of profile changes as plain functions (no database): dates, region codes, values on a past day. */
import { badUserInput } from '../../../shared/src';
import type { OrganizationChange, OrganizationChangeKind } from './organization-change.entity';
import { OrganizationNameKind } from './organization-name.entity';

/**
 * A change's effective date: never in the future, never before the organization's admission, and never
 * before the latest change of the same kind (so that each history stays in date order).
 */
export function checkChangeDate(
  effectiveFrom: string,
  limits: { today: string; memberSince: string | null; latestOfKind?: string | null },
  field = 'effectiveFrom',
): void {
  if (effectiveFrom > limits.today) throw badUserInput(`${field} cannot be in the future`, field);
  if (limits.memberSince && effectiveFrom < limits.memberSince) {
    throw badUserInput(`${field} cannot be before the organization's admission (${limits.memberSince})`, field);
  }
  if (limits.latestOfKind && effectiveFrom < limits.latestOfKind) {
    throw badUserInput(`${field} cannot be before the latest change of the same kind (${limits.latestOfKind})`, field);
  }
}

// Shared with the certification subgraph's risk reports, which check regions the same way.
export { regionCode, regionCodes } from '../../../shared/src/countries';

/**
 * The value of one part of the record on `date`, from its changes of `kind` (oldest first): the value
 * after the last change effective by then; before the first change, the value that change replaced;
 * with no change at all, the current value.
 */
export function valueOn(
  changes: readonly Pick<OrganizationChange, 'kind' | 'effectiveFrom' | 'sequence' | 'before' | 'after'>[],
  kind: OrganizationChangeKind,
  date: string,
  current: string[],
): string[] {
  const ofKind = changes.filter((c) => c.kind === kind).sort((a, b) => a.sequence - b.sequence);
  if (ofKind.length === 0) return current;
  let value = ofKind[0].before;
  for (const change of ofKind) if (change.effectiveFrom <= date) value = change.after;
  return value;
}

interface DatedName {
  name: string;
  kind: OrganizationNameKind;
  validFrom: string | null;
  validUntil: string | null;
}

/**
 * The registered name on `date`: the registered or former name whose dates include it (a name with no
 * known start counts from the beginning); the current registered name when none does.
 */
export function registeredNameOn(names: readonly DatedName[], date: string, current: string): string {
  const held = names.filter(
    (n) =>
      (n.kind === OrganizationNameKind.REGISTERED || n.kind === OrganizationNameKind.FORMER) &&
      (n.validFrom === null || n.validFrom <= date) &&
      (n.validUntil === null || n.validUntil >= date),
  );
  // A registered name in force beats a former one whose dates overlap it.
  held.sort((a, b) => (a.kind === b.kind ? (b.validFrom ?? '').localeCompare(a.validFrom ?? '') : a.kind === OrganizationNameKind.REGISTERED ? -1 : 1));
  return held[0]?.name ?? current;
}
