import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { CalendarDate, notFound } from '../../../shared/src';
import { registeredNameOn } from '../organization/organization-profile.rules';
import { Organization } from '../organization/organization.entity';
import type { MembershipContext } from '../context';
import { checkVerificationRequest } from './verification.rules';
import { verificationResult, verifyMembers } from './verification.service';
import { MemberVerification, VerificationResult } from './verification.types';

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
    nullable: true,
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
    return verifyMembers(database, loaders, checkVerificationRequest(names, ids, asOf));
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
