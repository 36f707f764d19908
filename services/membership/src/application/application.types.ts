import { Field, InputType, registerEnumType } from 'type-graphql';
import { ConnectionType, ObserverKind } from '../../../shared/src';
import { MembershipCategory } from '../membership-status/membership-status.entity';
import { GovernmentKind, Pillar } from '../organization/organization.entity';
import { MembershipApplication } from './application.entity';

@InputType({ description: 'What an organization tells the Association when it applies for membership.' })
export class MembershipApplicationInput {
  @Field({
    description:
      'Registered name of the organization, 1 to 200 characters. Stored NFKC-normalized; control characters and ' +
      'invisible formatting (zero-width space, bidirectional overrides, ...) are refused.',
  })
  organizationName: string;

  @Field(() => Pillar, {
    description: 'The pillar the organization belongs to, or OBSERVER for a person or entity applying for observer status.',
  })
  pillar: Pillar;

  @Field(() => ObserverKind, {
    nullable: true,
    description: 'Required with the pillar OBSERVER (what kind of observer the applicant is); refused with any other pillar.',
  })
  observerKind?: ObserverKind | null;

  @Field(() => GovernmentKind, {
    nullable: true,
    description:
      'Required for the GOVERNMENT pillar and for observers of the kind GOVERNMENT, refused for everyone else: a State or ' +
      'an intergovernmental organization.',
  })
  governmentKind?: GovernmentKind | null;

  @Field(() => MembershipCategory, {
    description:
      'MEMBER for the three pillars; AFFILIATE for companies only; OBSERVER with the pillar OBSERVER, and only with it ' +
      '(never for a company providing security services).',
  })
  requestedCategory: MembershipCategory;

  @Field({ description: 'Country of the headquarters, ISO 3166-1 alpha-2.' })
  headquartersCountry: string;

  @Field(() => [String], { nullable: true, description: 'Countries of operation, ISO 3166-1 alpha-2.' })
  countriesOfOperation?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Public website, http(s).' })
  website?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Required for companies: the written plan of how the company implements the Code (up to 20 000 characters).',
  })
  codeImplementationPlan?: string | null;

  @Field({ description: 'Name of the person the Secretariat should contact, 1 to 200 characters (checked as organizationName).' })
  contactName: string;

  @Field({ description: 'E-mail address of that person.' })
  contactEmail: string;
}

/** A page of the Secretariat's review queue. */
export const MembershipApplicationConnection = ConnectionType(
  MembershipApplication,
  'MembershipApplication',
  'membership applications',
);

/** The orders of the review queue: ix_application_submitted (or ix_application_queue for one status), either way round. */
export enum MembershipApplicationOrder {
  SUBMITTED_OLDEST_FIRST = 'SUBMITTED_OLDEST_FIRST',
  SUBMITTED_NEWEST_FIRST = 'SUBMITTED_NEWEST_FIRST',
}
registerEnumType(MembershipApplicationOrder, {
  name: 'MembershipApplicationOrder',
  description: 'How the review queue is sorted. A cursor belongs to the order it was read in: under another order it is BAD_USER_INPUT.',
  valuesConfig: {
    SUBMITTED_OLDEST_FIRST: { description: 'Submitted longest ago first: the default, the order applications are reviewed in.' },
    SUBMITTED_NEWEST_FIRST: { description: 'Submitted most recently first.' },
  },
});
