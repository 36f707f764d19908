import { badUserInput, CodeProvision, CodeVersion, PROVISION_HEADINGS, PROVISION_SECTIONS, provisionLabel, provisionParagraphs } from '../../../shared/src';
import { ComplaintKind } from './catalogue.enums';
import { DESCRIPTION_LANGUAGES, DIRECTION, formLanguageOf, SECTION_TEXTS, type FormLanguage } from './catalogue.texts';
import {
  CodeReference,
  CodeSection,
  CodeSectionOption,
  ComplaintFormOptions,
  ComplaintKindOption,
  DescriptionLanguage,
  ProvisionOption,
  TextDirection,
} from './catalogue.types';
import { KIND_TEXTS } from './kind.texts';
import { PROVISION_TEXTS } from './provision.texts';

/**
 * The Code section of a provision, by provision and so the same for every version: a 2021 citation has
 * no confirmed paragraph number to place it by.
 */
export function sectionOfProvision(provision: CodeProvision): CodeSection {
  return PROVISION_SECTIONS[provision] as CodeSection;
}

/** How `provision` is cited in `version` of the Code: heading, label, section and paragraphs where confirmed. */
export function codeReference(provision: CodeProvision, version: CodeVersion): CodeReference {
  const paragraphs = provisionParagraphs(provision, version);
  return Object.assign(new CodeReference(), {
    codeVersion: version,
    heading: PROVISION_HEADINGS[provision],
    label: provisionLabel(provision, version),
    section: sectionOfProvision(provision),
    firstParagraph: paragraphs?.[0] ?? null,
    lastParagraph: paragraphs?.[1] ?? null,
  });
}

/** The catalogue in the language asked for (a BCP 47 tag), in English when that language is not offered. */
export function complaintFormOptions(requested: string): ComplaintFormOptions {
  const tag = requested.trim();
  if (!/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8}){0,3}$/.test(tag)) {
    throw badUserInput('language must be a language tag such as en, fr, es or ar', 'language');
  }
  const offered = formLanguageOf(tag);
  const language: FormLanguage = offered ?? 'en';
  const direction = DIRECTION[language] as TextDirection;
  return Object.assign(new ComplaintFormOptions(), {
    language,
    requestedLanguage: tag,
    fellBackToEnglish: offered === null,
    direction,
    provisions: Object.values(CodeProvision).map((provision) =>
      Object.assign(new ProvisionOption(), {
        provision,
        label: PROVISION_TEXTS[provision][language][0],
        explanation: PROVISION_TEXTS[provision][language][1],
        direction,
        section: sectionOfProvision(provision),
        firstParagraph: provisionParagraphs(provision, CodeVersion.CODE_2010)![0],
        lastParagraph: provisionParagraphs(provision, CodeVersion.CODE_2010)![1],
        references: Object.values(CodeVersion).map((version) => codeReference(provision, version)),
      }),
    ),
    sections: Object.values(CodeSection).map((section) =>
      Object.assign(new CodeSectionOption(), {
        section,
        label: SECTION_TEXTS[section][language][0],
        explanation: SECTION_TEXTS[section][language][1],
        direction,
      }),
    ),
    kinds: Object.values(ComplaintKind).map((kind) =>
      Object.assign(new ComplaintKindOption(), {
        kind,
        label: KIND_TEXTS[kind][language][0],
        explanation: KIND_TEXTS[kind][language][1],
        direction,
      }),
    ),
    descriptionLanguages: DESCRIPTION_LANGUAGES.map((entry) =>
      Object.assign(new DescriptionLanguage(), { ...entry, direction: entry.direction as TextDirection }),
    ),
  });
}
