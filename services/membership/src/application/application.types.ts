import { Field, InputType } from 'type-graphql';
import { ConnectionType } from '../../../shared/src';
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

  @Field(() => Pillar, { description: 'The pillar the organization belongs to.' })
  pillar: Pillar;

  @Field(() => GovernmentKind, {
    nullable: true,
    description: 'Required for the GOVERNMENT pillar, refused for the others: a State or an intergovernmental organization.',
  })
  governmentKind?: GovernmentKind | null;

  @Field(() => MembershipCategory, {
    description: 'MEMBER; AFFILIATE for companies only; OBSERVER for States, IGOs and civil society only.',
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
