import { badUserInput, text, today } from '../../../shared/src';
import { matchKey } from '../organization/name-matching.rules';

export const MAX_VERIFICATIONS = 100;
export const MAX_MATCHES = 10;
/** Shorter keys would match half the directory as partial matches. */
export const MIN_PARTIAL_KEY = 3;

export interface VerificationRequest {
  names: { query: string; key: string }[];
  ids: string[];
  asOf: string;
}

/** Checks a verification request: 1 to 100 names and ids in all, a date not in the future. */
export function checkVerificationRequest(
  names: readonly string[] | null | undefined,
  ids: readonly string[] | null | undefined,
  asOf: string | null | undefined,
): VerificationRequest {
  const count = (names?.length ?? 0) + (ids?.length ?? 0);
  if (count === 0) throw badUserInput('Give at least one name or id to verify', 'names');
  if (count > MAX_VERIFICATIONS) {
    throw badUserInput(`At most ${MAX_VERIFICATIONS} names and ids in one request (got ${count})`, 'names');
  }
  const date = asOf ?? today();
  if (date > today()) throw badUserInput('asOf cannot be in the future', 'asOf');
  return {
    names: (names ?? []).map((name) => {
      const query = text(name, 'names', { max: 200 });
      return { query, key: matchKey(query) };
    }),
    ids: (ids ?? []).map((id) => text(id, 'ids', { max: 100 })),
    asOf: date,
  };
}

export interface NameCandidate {
  organizationId: string;
  name: string;
  matchKey: string;
}

/** The candidates that match `key`: exact keys first, then keys containing it, each group by name. */
export function rankMatches<C extends NameCandidate>(key: string, candidates: readonly C[]): { candidate: C; exact: boolean }[] {
  const exact = candidates.filter((c) => c.matchKey === key);
  const partial =
    key.length >= MIN_PARTIAL_KEY ? candidates.filter((c) => c.matchKey !== key && c.matchKey.includes(key)) : [];
  const byName = (a: C, b: C) => a.name.localeCompare(b.name);
  const seen = new Set<string>();
  const ranked: { candidate: C; exact: boolean }[] = [];
  for (const [group, isExact] of [[exact.sort(byName), true], [partial.sort(byName), false]] as const) {
    for (const candidate of group) {
      // One entry per organization: its best-matching name.
      if (seen.has(candidate.organizationId)) continue;
      seen.add(candidate.organizationId);
      ranked.push({ candidate, exact: isExact });
    }
  }
  return ranked.slice(0, MAX_MATCHES);
}
