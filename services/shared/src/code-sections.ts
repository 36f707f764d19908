import { badUserInput } from './errors';
import { today } from './dates';
import type { CodeVersion } from './shared-types';

/**
 * The sections of the International Code of Conduct that the Association's public figures group
 * provisions by. Shared because complaints cite provisions and monitoring findings cite paragraphs,
 * in two subgraphs that must count them the same way.
 */
export type CodeSection = 'CONDUCT_OF_PERSONNEL' | 'MANAGEMENT_AND_GOVERNANCE';

/** The Code versions a citation may refer to: the values of the one `CodeVersion` enum (shared-types.ts). */
export type CodeVersionName = `${CodeVersion}`;

/**
 * Paragraph ranges of sections F (conduct of personnel) and G (management and governance), per Code
 * version; null where the version's numbering is not confirmed from a published text. The 2021
 * amendment's numbering is not: no published text of it was found to check against, so a 2021
 * paragraph number places nothing, and 2021 citations are placed by provision (`PROVISION_SECTIONS`).
 * Once the amended text is checked, its ranges go here and both subgraphs follow.
 */
export const CODE_SECTION_PARAGRAPHS: Record<CodeVersionName, Record<CodeSection, readonly [number, number]> | null> = {
  CODE_2010: { CONDUCT_OF_PERSONNEL: [28, 43], MANAGEMENT_AND_GOVERNANCE: [44, 69] },
  CODE_2021: null,
};

/**
 * The section a paragraph of `version` belongs to; null for a paragraph outside sections F and G, and
 * for any paragraph of a version whose numbering is not confirmed.
 */
export function codeSectionOf(version: string, paragraph: number | null | undefined): CodeSection | null {
  const sections = version in CODE_SECTION_PARAGRAPHS ? CODE_SECTION_PARAGRAPHS[version as CodeVersionName] : CODE_SECTION_PARAGRAPHS.CODE_2010;
  if (sections === null || paragraph === null || paragraph === undefined) return null;
  for (const [section, [first, last]] of Object.entries(sections) as [CodeSection, readonly [number, number]][]) {
    if (paragraph >= first && paragraph <= last) return section;
  }
  return null;
}

/** The Association was founded in 2013: no public figures exist before. */
export const FIRST_REPORT_YEAR = 2013;

/** A yearly report's year: from the Association's first year to the current one (figures to date). */
export function reportYear(year: number, field = 'year'): number {
  const current = Number(today().slice(0, 4));
  if (!Number.isInteger(year) || year < FIRST_REPORT_YEAR || year > current) {
    throw badUserInput(`${field} must be a year from ${FIRST_REPORT_YEAR} to ${current}`, field);
  }
  return year;
}

/** The day a year's figures are counted at: 31 December, or today for the current year. */
export function reportDate(year: number): string {
  const end = `${year}-12-31`;
  const now = today();
  return now < end ? now : end;
}
