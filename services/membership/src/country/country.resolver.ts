import { Arg, Query, Resolver } from 'type-graphql';
import { Language, LANGUAGE_ARGUMENT, PublicCache } from '../../../shared/src';
import { countries } from './country.service';
import { Country } from './country.types';

/** The country and region lists a form offers; no database, the same for everyone. */
@Resolver(() => Country)
export class CountryResolver {
  @PublicCache()
  @Query(() => [Country], {
    description:
      'Countries (ISO 3166-1) with their names in one language, sorted by that name, and each country\'s subdivisions ' +
      '(ISO 3166-2): the codes every country and region field of the graph accepts. Public and cacheable.',
  })
  countries(
    @Arg('language', () => Language, LANGUAGE_ARGUMENT) language: Language,
    @Arg('codes', () => [String], {
      nullable: true,
      description: 'Only these countries, ISO 3166-1 alpha-2 (e.g. `["IQ"]` for one form\'s regions); all when omitted. At most 250.',
    })
    codes: string[] | null,
  ): Country[] {
    return countries(language, codes);
  }
}
