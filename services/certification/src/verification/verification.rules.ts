import { badUserInput, isCalendarDate, today } from '../../../shared/src';
import type { DatedMembershipFacts, MembershipFacts } from '../membership/membership-facts';
import { membershipOn } from '../standing/standing.rules';
import { VerificationResult } from './verification.types';

/** Organization ids are UUIDs; anything much longer is not one, and is not sent on to the membership subgraph. */
const MAX_ID_LENGTH = 100;

/**
 * The key of a verification result as it arrives in `_entities`, where no scalar is parsed: a caller
 * holding this subgraph's secret can put anything there. BAD_USER_INPUT unless `asOf` is a calendar
 * day, not in the future (as the membership subgraph asks), and the id could be one.
 */
export function checkVerificationKey(
  reference: Readonly<Record<string, unknown>>,
  todayDate: string = today(),
): { organizationId: string; asOf: string } {
  const { organizationId, asOf } = reference;
  if (typeof organizationId !== 'string' || organizationId.length === 0 || organizationId.length > MAX_ID_LENGTH) {
    throw badUserInput('organizationId must be the id of an organization', 'organizationId');
  }
  if (typeof asOf !== 'string' || !isCalendarDate(asOf)) {
    throw badUserInput('asOf must be a calendar date written YYYY-MM-DD', 'asOf');
  }
  if (asOf > todayDate) throw badUserInput('asOf cannot be in the future', 'asOf');
  return { organizationId, asOf };
}

/** The membership facts a `VerificationResult` representation carries (`@requires`); absent ones were not sent. */
export interface RepresentedFacts {
  organizationName?: unknown;
  pillar?: unknown;
  membershipStatus?: unknown;
  membershipCategory?: unknown;
  certificationDeadline?: unknown;
}

/**
 * The represented facts that are not what the membership subgraph states on `asOf`: the names of the
 * fields only (the values may be huge or forged, and are not logged). Facts not sent are not compared.
 * `stated`: what the membership subgraph states, its registered name and dated membership.
 */
export function differingFacts(
  represented: RepresentedFacts,
  stated: DatedMembershipFacts & Pick<MembershipFacts, 'name'>,
  asOf: string,
): string[] {
  const onDate = membershipOn(stated, asOf);
  const expected: Record<keyof RepresentedFacts, unknown> = {
    organizationName: stated.name,
    pillar: stated.pillar,
    membershipStatus: onDate.status,
    membershipCategory: onDate.category,
    certificationDeadline: stated.certificationDeadline,
  };
  return (Object.keys(expected) as (keyof RepresentedFacts)[]).filter(
    (field) => represented[field] !== undefined && (represented[field] ?? null) !== expected[field],
  );
}

/**
 * Resolves `VerificationResult` by key. The key is checked here (BAD_USER_INPUT); the membership facts
 * the representation carries are kept only to be compared with those fetched (`checkedMembership`, verification.resolver.ts).
 */
export function resolveVerificationResult(reference: Record<string, unknown>): VerificationResult {
  return Object.assign(new VerificationResult(), reference, checkVerificationKey(reference));
}
