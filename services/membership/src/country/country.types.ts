import { Field, ObjectType } from 'type-graphql';
import { Language, PublicCache } from '../../../shared/src';

@PublicCache()
@ObjectType({
  description:
    'A subdivision of a country on the ISO 3166-2 list (a province, state, governorate, county...): the codes ' +
    'accepted wherever the graph asks for a region.',
})
export class Subdivision {
  @Field({ description: 'The ISO 3166-2 code, the value to send as a region (e.g. `IQ-BA`).' })
  code: string;

  @Field({
    description:
      'Its name as the ISO 3166-2 list gives it: in the country\'s own language or its romanization (e.g. `Al Başrah`), ' +
      'the same in every language asked.',
  })
  name: string;

  @Field({
    description:
      'What it is part of: the country\'s code, or the code of a larger subdivision (`FR-IDF` for Paris, `FR-75C`), ' +
      'which is in the list too.',
  })
  parentCode: string;
}

@PublicCache()
@ObjectType({ description: 'A country (ISO 3166-1), named in the language asked, with its subdivisions for region fields.' })
export class Country {
  @Field({ description: 'The ISO 3166-1 alpha-2 code, the value to send as a country (e.g. `IQ`).' })
  code: string;

  @Field({ description: 'The country\'s usual name in the language asked (`DE`: Germany, Allemagne, Alemania, ألمانيا).' })
  name: string;

  @Field(() => Language, { description: 'The language `name` is in.' })
  language: Language;

  @Field(() => [Subdivision], {
    description: 'Its ISO 3166-2 subdivisions, by name; empty for a country the list divides no further (e.g. `VA`).',
  })
  subdivisions: Subdivision[];
}
