import { allCountryCodes, countryCodes, countryName, namesInOrder, subdivisionsOf, type Language } from '../../../shared/src';
import { Country, Subdivision } from './country.types';

/** The countries asked for (all of them when `codes` is null), named in `language` and sorted by that name. */
export function countries(language: Language, codes: readonly string[] | null | undefined): Country[] {
  const wanted = codes == null ? allCountryCodes() : countryCodes(codes, 'codes');
  const order = namesInOrder(language);
  return wanted
    .map((code) =>
      Object.assign(new Country(), {
        code,
        name: countryName(code, language),
        language,
        subdivisions: subdivisionsOf(code).map((entry) =>
          Object.assign(new Subdivision(), { code: entry.code, name: entry.name, parentCode: entry.parent })),
      }),
    )
    .sort((a, b) => order(a.name, b.name));
}
