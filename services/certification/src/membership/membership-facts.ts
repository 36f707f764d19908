import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { CalendarDate, PublicCache } from '../../../shared/src';

/*
 * What this subgraph knows of an organization's membership, which the membership subgraph owns. Two
 * ways in, one shape:
 * - asked directly (membership.peer.ts): `MembershipFacts`, the peer's answer;
 * - brought along by the gateway for `@requires` fields: the same facts on the `Organization` stub
 *   (organization/organization.entity.ts), optional there because only the gateway sends them.
 * The GraphQL types below (pillar, status, category, the dated history) are the membership subgraph's,
 * declared here with the same names and values so that the composed graph has one of each.
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

/** What this subgraph asks the membership subgraph about an organization (public fields), as it answers. */
export interface MembershipFacts {
  id: string;
  name: string;
  pillar: string;
  headquartersCountry: string;
  /** Today's status and category; null when not yet admitted. */
  membershipStatus: string | null;
  membershipCategory: string | null;
  /** A member company's certification deadline, if it has one. */
  certificationDeadline: string | null;
  /** Every change of membership, oldest first. */
  statusHistory: readonly MembershipFactsEntry[];
}

/** One dated entry of `MembershipFacts.statusHistory` (the plain shape of `MembershipStatusEntry`). */
export interface MembershipFactsEntry {
  status: string;
  category: string;
  effectiveFrom: string;
}

/** The dated part of the facts, on which standing and the self-assessment cycle rest (any past day can be answered). */
export type DatedMembershipFacts = Pick<MembershipFacts, 'pillar' | 'certificationDeadline' | 'statusHistory'>;

/** Whether the organization is a private security company (the only pillar certified and monitored here). */
export function isPrivateSecurityCompany(facts: { pillar?: string | null } | null | undefined): boolean {
  return facts?.pillar === Pillar.PRIVATE_SECURITY_COMPANY;
}
