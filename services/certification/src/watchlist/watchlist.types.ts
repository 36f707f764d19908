import { Field, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../../shared/src';
import { CertificationStatus } from '../certification/certification.entity';
import { MembershipStatus } from '../membership/membership-facts';
import { Standing } from '../standing/standing.rules';
import { StandingChange } from './watchlist.entity';

export const StandingChangeConnection = ConnectionType(StandingChange, 'StandingChange', 'standing changes');

/** An organization's standing today, as a watchlist shows it. */
@ObjectType({ description: 'What a partner needs to know today about an organization it follows.' })
export class CurrentStanding {
  @Field(() => Standing, { description: 'Membership and certification combined into one answer, today.' })
  standing!: Standing;

  @Field(() => MembershipStatus, { nullable: true, description: 'The membership status today (null: never admitted).' })
  membershipStatus!: MembershipStatus | null;

  @Field(() => CertificationStatus, { description: 'The certification status today.' })
  certificationStatus!: CertificationStatus;
}
