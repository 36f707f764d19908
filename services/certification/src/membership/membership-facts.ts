import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { CalendarDate, PublicCache } from '../../../shared/src';

/*
 * The membership subgraph's types that this subgraph reads through `@requires` (never resolves): the
 * pillar, and the dated membership history. Declared here with the same names and values so that the
 * composed graph has one of each.
 */

export enum Pillar {
  PRIVATE_SECURITY_COMPANY = 'PRIVATE_SECURITY_COMPANY',
  GOVERNMENT = 'GOVERNMENT',
  CIVIL_SOCIETY = 'CIVIL_SOCIETY',
}
registerEnumType(Pillar, {
  name: 'Pillar',
  description: 'The three pillars of the Association\'s membership.',
  valuesConfig: {
    PRIVATE_SECURITY_COMPANY: { description: 'A private security company (PSC) providing security services.' },
    GOVERNMENT: { description: 'A State or an intergovernmental organization.' },
    CIVIL_SOCIETY: { description: 'A civil society organization (CSO), e.g. a human-rights NGO.' },
  },
});

export enum MembershipStatus {
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
  TERMINATED = 'TERMINATED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(MembershipStatus, {
  name: 'MembershipStatus',
  description: 'Where an organization stands with the Association, as decided by its Board or Secretariat.',
  valuesConfig: {
    ACTIVE: { description: 'Admitted and taking part: a member, affiliate or observer in its own category.' },
    SUSPENDED: {
      description: 'Rights of membership suspended (e.g. after a pattern of non-compliance); may be reinstated.',
    },
    TERMINATED: { description: 'Membership ended by the Association (e.g. no self-assessment, non-payment).' },
    WITHDRAWN: { description: 'The organization left the Association of its own accord.' },
  },
});

export enum MembershipCategory {
  MEMBER = 'MEMBER',
  AFFILIATE = 'AFFILIATE',
  OBSERVER = 'OBSERVER',
}
registerEnumType(MembershipCategory, {
  name: 'MembershipCategory',
  description: 'The kind of participation in the Association.',
  valuesConfig: {
    MEMBER: { description: 'A voting member; a company must become ICoCA-certified by its certification deadline.' },
    AFFILIATE: { description: 'Companies only: a company that missed its certification deadline; still monitored.' },
    OBSERVER: { description: 'A non-voting participant: States, intergovernmental and civil society organizations.' },
  },
});

/** One dated entry of the membership history (owned by the membership subgraph). */
@PublicCache()
@ObjectType({ description: 'One dated change in an organization\'s membership: entries are never changed or removed.' })
@Directive('@shareable')
export class MembershipStatusEntry {
  @Field(() => MembershipStatus, { description: 'The status from `effectiveFrom` on.' })
  status: MembershipStatus;

  @Field(() => MembershipCategory, { description: 'The category of membership from `effectiveFrom` on.' })
  category: MembershipCategory;

  @Field(() => CalendarDate, { description: 'First day on which this status applied.' })
  effectiveFrom: string;
}
