import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { CalendarDate, PublicCache, SHARED_DESCRIPTIONS } from '../../../shared/src';
import { MembershipCategory, MembershipStatus } from '../membership-status/membership-status.entity';
import { OrganizationNameKind } from '../organization/organization-name.entity';
import { Organization, Pillar } from '../organization/organization.entity';

export enum VerificationQueryKind {
  NAME = 'NAME',
  ID = 'ID',
}
registerEnumType(VerificationQueryKind, {
  name: 'VerificationQueryKind',
  description: 'Whether a verification asked by name or by id.',
  valuesConfig: {
    NAME: { description: 'Asked by a name, matched against registered, former and trading names.' },
    ID: { description: 'Asked by an organization id.' },
  },
});

/**
 * One organization's membership as of a date: the entity the certification subgraph completes with
 * the standing, the certificate and a signed receipt (key: organization and date).
 */
@PublicCache()
@ObjectType({
  description: SHARED_DESCRIPTIONS.VerificationResult,
})
@Directive('@key(fields: "organizationId asOf")')
export class VerificationResult {
  @Field(() => ID, { description: 'Identifier of the organization.' })
  organizationId: string;

  @Field(() => CalendarDate, { description: 'The day the answer is about.' })
  asOf: string;

  @Field({ description: 'Registered name of the organization today.' })
  organizationName: string;

  @Field(() => Pillar, { description: 'The organization\'s pillar.' })
  pillar: Pillar;

  @Field(() => MembershipStatus, {
    nullable: true,
    description: 'Membership status on `asOf`; null when the organization was not yet admitted that day.',
  })
  membershipStatus: MembershipStatus | null;

  @Field(() => MembershipCategory, { nullable: true, description: 'Membership category on `asOf`.' })
  membershipCategory: MembershipCategory | null;

  @Field(() => CalendarDate, { nullable: true, description: 'Day the organization was first admitted.' })
  memberSince: string | null;

  @Field(() => CalendarDate, {
    nullable: true,
    description: 'For a member company: the day by which it must be ICoCA-certified.',
  })
  certificationDeadline: string | null;

  @Field(() => Organization, { description: 'The organization, for any further detail.' })
  organization: Organization;
}

@PublicCache()
@ObjectType({ description: 'An organization found for one name or id asked about.' })
export class VerificationMatch {
  @Field({ description: 'The name that matched (registered, former or trading), or the registered name for an id.' })
  matchedName: string;

  @Field(() => OrganizationNameKind, { description: 'What the matched name is.' })
  matchedNameKind: OrganizationNameKind;

  @Field({
    description:
      'True when the whole name asked is this registered, trading or former name, letter for letter once ' +
      'Unicode-normalized (NFKC), case-folded and with white space collapsed ("AEGIS MERIDIAN SECURITY LTD" for ' +
      '"Aegis Meridian Security Ltd"), or when the id was given. False for a loose match: another legal form ' +
      '("…GmbH"), a missing legal form, a dropped accent, other punctuation, or part of a name. Exact matches ' +
      'come first.',
  })
  exactMatch: boolean;

  @Field(() => VerificationResult, { description: 'Membership and certification as of the date asked about.' })
  result: VerificationResult;
}

@PublicCache()
@ObjectType({ description: 'The answer for one name or id: its matches, or an explicit "no match".' })
export class MemberVerification {
  @Field({ description: 'The name or id as it was asked.' })
  query: string;

  @Field(() => VerificationQueryKind, { description: 'Whether it was a name or an id.' })
  queryKind: VerificationQueryKind;

  @Field(() => CalendarDate, { description: 'The day the answer is about.' })
  asOf: string;

  @Field({ description: 'False when nothing matched: the organization is not known to the Association.' })
  matched: boolean;

  @Field({
    description:
      'True when two or more different organizations match the name equally well at the top (both exactly, say, ' +
      'or both loosely with no exact match): the name alone does not tell which one is meant, so verify by id. ' +
      'Always false for an id.',
  })
  ambiguous: boolean;

  @Field(() => [VerificationMatch], {
    description:
      'Matching organizations (at most 10), one entry each: exact matches first, then same name but for accents, ' +
      'punctuation or legal form, then names containing the one asked; at equal quality registered names before ' +
      'trading and former ones, then the name held longest.',
  })
  matches: VerificationMatch[];
}
