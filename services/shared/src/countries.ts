import countryNames from 'i18n-iso-countries/index.js';
import ar from 'i18n-iso-countries/langs/ar.json';
import en from 'i18n-iso-countries/langs/en.json';
import es from 'i18n-iso-countries/langs/es.json';
import fr from 'i18n-iso-countries/langs/fr.json';
import { iso31661 } from 'iso-3166/1';
import { iso31662 } from 'iso-3166/2';
import { badUserInput } from './errors';
import { Language } from './shared-types';

/*
 * Countries and their subdivisions come from maintained lists, not from a list of our own:
 * - the codes: `iso-3166` (ISO 3166-1 alpha-2, the 249 officially assigned codes; `XK` and other user-assigned
 *   codes are not countries here), and its ISO 3166-2 list of subdivisions (about 5,000, each with its
 *   parent: the country, or a larger subdivision as `FR-IDF` is of `FR-75C`);
 * - the names: `i18n-iso-countries`, in the four languages of the Association only (the package's default
 *   entry would load all of its languages).
 * Upgrading either package is how a new or withdrawn code reaches the graph.
 */
countryNames.registerLocale(en);
countryNames.registerLocale(fr);
countryNames.registerLocale(es);
countryNames.registerLocale(ar);

/** The locale of each `Language` in `i18n-iso-countries` (and for sorting names). */
const LOCALES: Record<Language, string> = { [Language.EN]: 'en', [Language.FR]: 'fr', [Language.ES]: 'es', [Language.AR]: 'ar' };

const ISO_3166_1_ALPHA_2 = new Set(iso31661.map((entry) => entry.alpha2));

/** One ISO 3166-2 subdivision, as the list gives it. */
export interface SubdivisionEntry {
  /** `IQ-BA`. */
  code: string;
  /** The country's code (`IQ`). */
  country: string;
  /** The subdivision's name as ISO 3166-2 lists it, in the country's own language or its romanization (`Al Başrah`). */
  name: string;
  /** What it is part of: the country's code, or a larger subdivision's (`FR-IDF` for `FR-75C`). */
  parent: string;
}

const SUBDIVISIONS = new Map<string, SubdivisionEntry>(
  iso31662.map((entry) => [entry.code, { code: entry.code, country: entry.code.slice(0, 2), name: entry.name, parent: entry.parent }]),
);

const SUBDIVISIONS_BY_COUNTRY = new Map<string, SubdivisionEntry[]>();
const byName = new Intl.Collator('und');
for (const entry of [...SUBDIVISIONS.values()].sort((a, b) => byName.compare(a.name, b.name) || a.code.localeCompare(b.code))) {
  const list = SUBDIVISIONS_BY_COUNTRY.get(entry.country) ?? [];
  list.push(entry);
  SUBDIVISIONS_BY_COUNTRY.set(entry.country, list);
}

/** The 249 country codes, in alphabetical order of the code. */
export function allCountryCodes(): string[] {
  return [...ISO_3166_1_ALPHA_2].sort();
}

export function isCountryCode(value: string): boolean {
  return ISO_3166_1_ALPHA_2.has(value);
}

/** The usual name of a country in `language` (`DE`, FR: `Allemagne`); the code itself if the list has no name. */
export function countryName(code: string, language: Language): string {
  return countryNames.getName(code, LOCALES[language]) ?? code;
}

/** Compares names the way a reader of `language` expects them sorted. */
export function namesInOrder(language: Language): (a: string, b: string) => number {
  const collator = new Intl.Collator(LOCALES[language]);
  return (a, b) => collator.compare(a, b);
}

/** A country's ISO 3166-2 subdivisions, ordered by name; [] for a country without any. */
export function subdivisionsOf(country: string): readonly SubdivisionEntry[] {
  return SUBDIVISIONS_BY_COUNTRY.get(country) ?? [];
}

/** One ISO 3166-2 subdivision by its code, or undefined. */
export function subdivision(code: string): SubdivisionEntry | undefined {
  return SUBDIVISIONS.get(code);
}

/** Upper-cases and checks an ISO 3166-1 alpha-2 code; anything else is BAD_USER_INPUT naming `field`. */
export function countryCode(value: string, field: string): string {
  const code = value.trim().toUpperCase();
  if (!isCountryCode(code)) throw badUserInput(`${field}: "${value}" is not an ISO 3166-1 alpha-2 country code`, field);
  return code;
}

/** Checks and de-duplicates a list of country codes, keeping the order given. */
export function countryCodes(values: readonly string[], field: string, max = 250): string[] {
  if (values.length > max) throw badUserInput(`${field}: at most ${max} countries`, field);
  return [...new Set(values.map((value) => countryCode(value, field)))];
}

const REGION = /^([A-Z]{2})-([A-Z0-9]{1,3})$/;

/**
 * An ISO 3166-2 subdivision code (`IQ-BA`, `KE-30`), upper-cased. It must be on the ISO 3166-2 list: a
 * well-formed code that names no subdivision (`IQ-ZZ`) is BAD_USER_INPUT like a malformed one.
 */
export function regionCode(value: string, field: string): string {
  const code = value.trim().toUpperCase();
  const match = REGION.exec(code);
  if (!match || !isCountryCode(match[1])) {
    throw badUserInput(`${field}: "${value}" is not an ISO 3166-2 subdivision code (e.g. IQ-BA)`, field);
  }
  if (!SUBDIVISIONS.has(code)) {
    throw badUserInput(`${field}: ${code} is not a subdivision of ${match[1]} on the ISO 3166-2 list (the countries query lists them)`, field);
  }
  return code;
}

/** Checks and de-duplicates region codes, keeping the order given. */
export function regionCodes(values: readonly string[], field: string, max = 500): string[] {
  if (values.length > max) throw badUserInput(`${field}: at most ${max} regions`, field);
  return [...new Set(values.map((value) => regionCode(value, field)))];
}

/** A region code that must be a subdivision of `country` (`IQ-BA` belongs to `IQ`): BAD_USER_INPUT naming `field` otherwise. */
export function regionCodeOf(value: string, country: string, field: string): string {
  const code = regionCode(value, field);
  if (!code.startsWith(`${country}-`)) throw badUserInput(`${field}: ${code} is not a subdivision of ${country}`, field);
  return code;
}

/** A region's name as the ISO 3166-2 list gives it; null for no region, the code for one the list no longer has. */
export function regionName(code: string | null | undefined): string | null {
  if (code == null) return null;
  return SUBDIVISIONS.get(code)?.name ?? code;
}

/** What a `regionName` field says, the same on every type that has a region. */
export const REGION_NAME_DESCRIPTION =
  'Name of the region as the ISO 3166-2 list gives it, in the country\'s own language or its romanization (e.g. ' +
  '`Al Başrah` for `IQ-BA`), whatever the language; null when there is no region.';
