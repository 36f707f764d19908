import type { Database } from '../../../shared/src';
import { MembershipStatusEntry } from '../membership-status/membership-status.entity';
import { entryOn } from '../membership-status/membership-status.rules';
import { namesMatching } from '../organization/name-index';
import { OrganizationName, OrganizationNameKind } from '../organization/organization-name.entity';
import { Organization } from '../organization/organization.entity';
import type { MembershipLoaders } from '../context';
import { MatchQuality, MIN_PARTIAL_KEY, rankMatches, type VerificationRequest } from './verification.rules';
import { MemberVerification, VerificationMatch, VerificationQueryKind, VerificationResult } from './verification.types';

/** An organization's membership as of `asOf`, from its dated history. */
export function verificationResult(
  organization: Organization,
  history: readonly MembershipStatusEntry[],
  asOf: string,
): VerificationResult {
  const entry = entryOn(history, asOf);
  return Object.assign(new VerificationResult(), {
    organizationId: organization.id,
    asOf,
    organizationName: organization.name,
    pillar: organization.pillar,
    membershipStatus: entry?.status ?? null,
    membershipCategory: entry?.category ?? null,
    memberSince: organization.memberSince,
    certificationDeadline: organization.certificationDeadline,
  });
}

/**
 * Answers a partner's verification request (already checked): each name asked with its ranked matches,
 * each id with its organization, all as of one day. A fixed number of statements whatever the number asked.
 */
export async function verifyMembers(
  database: Database,
  loaders: MembershipLoaders,
  request: VerificationRequest,
): Promise<MemberVerification[]> {
  const keys = [...new Set(request.names.map((n) => n.key))];
  let candidates: OrganizationName[] = [];
  if (keys.length) {
    // One statement for every name asked: exact keys, or keys containing the one asked (through the trigram index).
    candidates = await namesMatching(
      database.dataSource.manager,
      keys,
      keys.filter((key) => Array.from(key).length >= MIN_PARTIAL_KEY),
    );
  }
  const rankedByName = request.names.map((asked) => ({ query: asked.query, ranked: rankMatches(asked, candidates) }));
  const organizationIds = [
    ...new Set([...request.ids, ...rankedByName.flatMap((r) => r.ranked.matches.map((m) => m.candidate.organizationId))]),
  ];
  // Loaded together: one statement for the organizations, one for their histories.
  const [organizations, histories] = await Promise.all([
    loaders.organization.loadMany(organizationIds),
    loaders.statusHistory.loadMany(organizationIds),
  ]);
  const byId = new Map<string, { organization: Organization; history: MembershipStatusEntry[] }>();
  organizationIds.forEach((id, i) => {
    const organization = organizations[i];
    const history = histories[i];
    if (organization && !(organization instanceof Error) && !(history instanceof Error)) {
      byId.set(id, { organization, history });
    }
  });
  const answer = (query: string, queryKind: VerificationQueryKind, matches: VerificationMatch[], ambiguous: boolean) =>
    Object.assign(new MemberVerification(), {
      query,
      queryKind,
      asOf: request.asOf,
      matched: matches.length > 0,
      ambiguous,
      matches,
    });
  const match = (id: string, matchedName: string, kind: OrganizationNameKind, exact: boolean) => {
    const found = byId.get(id);
    if (!found) return null;
    return Object.assign(new VerificationMatch(), {
      matchedName,
      matchedNameKind: kind,
      exactMatch: exact,
      result: verificationResult(found.organization, found.history, request.asOf),
    });
  };
  return [
    ...rankedByName.map(({ query, ranked }) =>
      answer(
        query,
        VerificationQueryKind.NAME,
        ranked.matches
          .map(({ candidate, quality }) =>
            match(candidate.organizationId, candidate.name, candidate.kind, quality === MatchQuality.EXACT),
          )
          .filter((m): m is VerificationMatch => m !== null),
        ranked.ambiguous,
      ),
    ),
    ...request.ids.map((id) => {
      const found = byId.get(id);
      const single = found ? match(id, found.organization.name, OrganizationNameKind.REGISTERED, true) : null;
      return answer(id, VerificationQueryKind.ID, single ? [single] : [], false);
    }),
  ];
}
