import { badUserInput, text, today } from '../../../shared/src';
import { MIN_CONTAINS_LENGTH } from '../organization/name-index';
import { exactNameForm, matchKey } from '../organization/name-matching.rules';
import { OrganizationNameKind } from '../organization/organization-name.entity';

export const MAX_VERIFICATIONS = 100;
const MAX_MATCHES = 10;
/** Shorter keys would match half the directory, and hold no trigram to look up: exact matches only. */
export const MIN_PARTIAL_KEY = MIN_CONTAINS_LENGTH;

export interface VerificationRequest {
  names: { query: string; key: string; exact: string }[];
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
      return { query, key: matchKey(query), exact: exactNameForm(query) };
    }),
    ids: (ids ?? []).map((id) => text(id, 'ids', { max: 100 })),
    asOf: date,
  };
}

export interface NameCandidate {
  id: string;
  organizationId: string;
  name: string;
  kind: OrganizationNameKind;
  matchKey: string;
  validFrom: string | null;
}

/** How well a name matches the one asked, best first. */
export enum MatchQuality {
  /** The same name: equal after NFKC, case folding and collapsing white space. */
  EXACT = 0,
  /** The same match key: differs only in accents, punctuation or legal form ("…GmbH" for "…Ltd"). */
  SAME_KEY = 1,
  /** The match key asked is part of the name's ("Maritime"). */
  PARTIAL = 2,
}

export interface RankedMatch<C> {
  candidate: C;
  quality: MatchQuality;
}

const KIND_ORDER: Record<OrganizationNameKind, number> = {
  [OrganizationNameKind.REGISTERED]: 0,
  [OrganizationNameKind.TRADING]: 1,
  [OrganizationNameKind.FORMER]: 2,
};

function qualityOf(asked: { key: string; exact: string }, candidate: NameCandidate): MatchQuality | null {
  if (candidate.matchKey === asked.key) {
    return exactNameForm(candidate.name) === asked.exact ? MatchQuality.EXACT : MatchQuality.SAME_KEY;
  }
  if (asked.key.length >= MIN_PARTIAL_KEY && candidate.matchKey.includes(asked.key)) return MatchQuality.PARTIAL;
  return null;
}

/**
 * The organizations whose names match the name asked, best first: by quality, then registered names
 * before trading and former ones, then the name held longest (an impostor that copies a name comes
 * after the organization that has borne it for years), then by name. One entry per organization, its
 * best-matching name. `ambiguous` when the best two organizations match equally well (the same
 * quality, whatever kind of name): a partner should then verify by id.
 */
export function rankMatches<C extends NameCandidate>(
  asked: { key: string; exact: string },
  candidates: readonly C[],
): { matches: RankedMatch<C>[]; ambiguous: boolean } {
  const matching: RankedMatch<C>[] = [];
  for (const candidate of candidates) {
    const quality = qualityOf(asked, candidate);
    if (quality !== null) matching.push({ candidate, quality });
  }
  matching.sort(
    (a, b) =>
      a.quality - b.quality ||
      KIND_ORDER[a.candidate.kind] - KIND_ORDER[b.candidate.kind] ||
      compareSince(a.candidate.validFrom, b.candidate.validFrom) ||
      a.candidate.name.localeCompare(b.candidate.name) ||
      (a.candidate.id < b.candidate.id ? -1 : a.candidate.id > b.candidate.id ? 1 : 0),
  );
  const seen = new Set<string>();
  const matches = matching.filter(({ candidate }) => {
    if (seen.has(candidate.organizationId)) return false;
    seen.add(candidate.organizationId);
    return true;
  });
  return {
    matches: matches.slice(0, MAX_MATCHES),
    ambiguous: matches.length > 1 && matches[1].quality === matches[0].quality,
  };
}

/** Earlier first; a name with no known start after those with one. */
function compareSince(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
