import { Field, InputType } from 'type-graphql';

@InputType({
  description:
    'New values for parts of an organization\'s profile; parts left out stay as they are. Each part that changes ' +
    'gets an entry in the organization\'s history.',
})
export class OrganizationProfileInput {
  @Field(() => String, { nullable: true, description: 'Country of the headquarters, ISO 3166-1 alpha-2.' })
  headquartersCountry?: string | null;

  @Field(() => [String], { nullable: true, description: 'All countries of operation, ISO 3166-1 alpha-2 (replaces the list).' })
  countriesOfOperation?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'All regions of operation, ISO 3166-2 subdivision codes such as `IQ-BA` (replaces the list; [] clears it).',
  })
  regionsOfOperation?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Public website, http(s); an empty string removes it.' })
  website?: string | null;
}

@InputType({ description: 'A contact person\'s details.' })
export class ContactInput {
  @Field({ description: 'Full name, 1 to 200 characters (NFKC; control and invisible characters refused).' })
  name: string;

  @Field(() => String, { nullable: true, description: 'Role in the organization, e.g. "Head of compliance".' })
  role?: string | null;

  @Field({ description: 'E-mail address.' })
  email: string;

  @Field(() => String, { nullable: true, description: 'Telephone number, up to 50 characters.' })
  phone?: string | null;
}
