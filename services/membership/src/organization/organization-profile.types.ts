import { Field, InputType } from 'type-graphql';

@InputType({
  description:
    'New values for parts of an organization\'s profile; parts left out stay as they are. Each part that changes ' +
    'gets an entry in the organization\'s history.',
})
export class OrganizationProfileInput {
  @Field(() => String, { nullable: true, description: 'Country of the headquarters, ISO 3166-1 alpha-2.' })
  headquartersCountry?: string | null;

  @Field(() => [String], {
    nullable: true,
    description: 'All countries of operation, ISO 3166-1 alpha-2 (replaces the list); the headquarters country is always among them.',
  })
  countriesOfOperation?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'All regions of operation, ISO 3166-2 subdivision codes such as `IQ-BA` (replaces the list; [] clears it).',
  })
  regionsOfOperation?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Public website, http(s); an empty string removes it.' })
  website?: string | null;
}
