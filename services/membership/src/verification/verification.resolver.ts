import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { CalendarDate, notFound } from '../../../shared/src';
import { MembershipStatusEntry } from '../membership-status/membership-status.entity';
import { entryOn } from '../membership-status/membership-status.rules';
import { OrganizationName, OrganizationNameKind } from '../organization/organization-name.entity';
import { namesMatching } from '../organization/name-index';
import { registeredNameOn } from '../organization/organization-profile.rules';
import { Organization } from '../organization/organization.entity';
import type { MembershipContext } from '../organization/organization.loaders';
import { checkVerificationRequest, MatchQuality, MIN_PARTIAL_KEY, rankMatches } from './verification.rules';
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

/** Resolves `VerificationResult` by key for the gateway (`_entities`). */
export async function resolveVerificationResult(
  reference: { organizationId: string; asOf: string },
  { loaders }: MembershipContext,
): Promise<VerificationResult> {
  const [organization, history] = await Promise.all([
    loaders.organization.load(reference.organizationId),
    loaders.statusHistory.load(reference.organizationId),
  ]);
  if (!organization) throw notFound('Organization', reference.organizationId);
  return verificationResult(organization, history, reference.asOf);
}

/** Verification for partner organizations: many names or ids, one date, one request. */
@Resolver(() => VerificationResult)
export class VerificationResolver {
  @Query(() => [MemberVerification], {
    description:
      'Is this organization an ICoCA member in good standing, and is it certified? Up to 100 names or ids at ' +
      'once, for today or a past date. Names match registered, former and trading names, ignoring case, accents, ' +
      'punctuation and legal-form suffixes (Ltd, LLC, GmbH, S.A., ...); exact matches (the same name, whatever ' +
      'the case) come first, then registered names before others. `ambiguous` says when several organizations ' +
      'match equally well: verify by id then. An input that matches nothing gets an explicit entry with ' +
      '`matched: false`. Public: no account needed.',
  })
  async verifyMembers(
    @Arg('names', () => [String], { nullable: true, description: 'Organization names, as the partner knows them.' })
    names: string[] | null,
    @Arg('ids', () => [ID], { nullable: true, description: 'Organization ids.' }) ids: string[] | null,
    @Arg('asOf', () => CalendarDate, { nullable: true, description: 'The day asked about; today when omitted.' })
    asOf: string | null,
    @Ctx() { database, loaders }: MembershipContext,
  ): Promise<MemberVerification[]> {
    const request = checkVerificationRequest(names, ids, asOf);
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

  @FieldResolver(() => String, {
    description:
      'The registered name the organization bore on `asOf` (a former name, for a day before a rename); ' +
      '`organizationName` is today\'s.',
  })
  async organizationNameAsOf(@Root() result: VerificationResult, @Ctx() { loaders }: MembershipContext): Promise<string> {
    return registeredNameOn(await loaders.names.load(result.organizationId), result.asOf, result.organizationName);
  }

  @FieldResolver(() => Organization, { description: 'The organization, for any further detail.' })
  organization(@Root() result: VerificationResult, @Ctx() { loaders }: MembershipContext) {
    return loaders.organization.load(result.organizationId);
  }
}
