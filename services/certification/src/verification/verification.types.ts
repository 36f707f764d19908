import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { CalendarDate, MembershipCategory, MembershipStatus, Pillar, PublicCache, SHARED_DESCRIPTIONS, Timestamp } from '../../../shared/src';
import type { CertificationServices } from '../context';
import { Standing } from '../standing/standing.types';

/**
 * The membership subgraph's verification result (key: organization and date), completed here with the
 * standing, the certificate in force and a signed receipt. The membership facts that arrive by
 * `@requires` are only compared with those this subgraph fetches itself, which the answers rest on.
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

  @Directive('@external')
  @Field({ description: 'Registered name of the organization today.' })
  organizationName?: string;

  @Directive('@external')
  @Field(() => Pillar, { description: 'The organization\'s pillar.' })
  pillar?: Pillar;

  @Directive('@external')
  @Field(() => MembershipStatus, { nullable: true, description: 'Membership status on `asOf`.' })
  membershipStatus?: MembershipStatus | null;

  @Directive('@external')
  @Field(() => MembershipCategory, { nullable: true, description: 'Membership category on `asOf`.' })
  membershipCategory?: MembershipCategory | null;

  @Directive('@external')
  @Field(() => CalendarDate, { nullable: true, description: 'The member company\'s certification deadline.' })
  certificationDeadline?: string | null;
}

/** What a receipt says, once its signature has been checked. */
@ObjectType({ description: 'The result of checking a verification receipt, and what a genuine one says.' })
export class ReceiptCheck {
  @Field({ description: 'True when the receipt was signed by the Association with a published key and is unaltered.' })
  genuine: boolean;

  @Field(() => String, { nullable: true, description: 'Why the receipt is not genuine.' })
  reason: string | null;

  @Field(() => String, { nullable: true, description: 'The key that signed it (`kid` in the published JWKS).' })
  keyId: string | null;

  @Field(() => ID, { nullable: true, description: 'The organization the receipt is about.' })
  organizationId: string | null;

  @Field(() => String, { nullable: true, description: 'Its registered name when the check was made.' })
  organizationName: string | null;

  @Field(() => CalendarDate, { nullable: true, description: 'The day the verification was about.' })
  asOf: string | null;

  @Field(() => Standing, { nullable: true, description: 'The standing on that day.' })
  standing: Standing | null;

  @Field(() => String, { nullable: true, description: 'Number of the certificate in force on that day, if any.' })
  certificateNumber: string | null;

  @Field(() => CalendarDate, { nullable: true, description: 'First day of that certificate\'s validity.' })
  certificateValidFrom: string | null;

  @Field(() => CalendarDate, { nullable: true, description: 'Last day of that certificate\'s validity.' })
  certificateValidUntil: string | null;

  @Field(() => Timestamp, { nullable: true, description: 'When the verification was made.' })
  checkedAt: string | null;
}

/** What verification needs of the services prepared at start: the receipt keys, and whether only the gateway can reach this subgraph. */
export type VerificationServices = Pick<CertificationServices, 'receiptKeys' | 'answersOnlyTheGateway'>;
