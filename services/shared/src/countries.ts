import { badUserInput } from './errors';

// ISO 3166-1 alpha-2, the 249 officially assigned codes.
const ISO_3166_1_ALPHA_2 = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW ' +
    'BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI ' +
    'FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN ' +
    'IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME ' +
    'MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF ' +
    'PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV ' +
    'SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE ' +
    'YT ZA ZM ZW'
  ).split(' '),
);

export function isCountryCode(value: string): boolean {
  return ISO_3166_1_ALPHA_2.has(value);
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

/** An ISO 3166-2 subdivision code (`IQ-BA`, `KE-30`), upper-cased; its country part must be a country. */
export function regionCode(value: string, field: string): string {
  const code = value.trim().toUpperCase();
  const match = REGION.exec(code);
  if (!match || !isCountryCode(match[1])) {
    throw badUserInput(`${field}: "${value}" is not an ISO 3166-2 subdivision code (e.g. IQ-BA)`, field);
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
