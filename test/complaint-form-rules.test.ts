import { describe, expect, it } from 'vitest';
import { codeSectionOf, provisionLabel, provisionParagraphs, PROVISION_SECTIONS } from '../services/shared/src';
import {
  DIRECTION,
  formLanguageOfHeader,
  FORM_LANGUAGES,
  messageLanguage,
  SECTION_TEXTS,
} from '../services/complaints/src/catalogue/catalogue.texts';
import { complaintFormOptions } from '../services/complaints/src/catalogue/catalogue.service';
import { GraphQLError } from 'graphql';
import { badUserInput, conflict, notFound } from '../services/shared/src';
import { ERROR_TEXTS, forThePersonFiling } from '../services/complaints/src/catalogue/error.texts';
import { KIND_TEXTS } from '../services/complaints/src/catalogue/kind.texts';
import { PROVISION_TEXTS } from '../services/complaints/src/catalogue/provision.texts';
import { ComplaintKind } from '../services/complaints/src/catalogue/catalogue.enums';
import { CodeProvision } from '../services/complaints/src/complaint/complaint.enums';
import { derivableRange, protectCells } from '../services/complaints/src/disclosure/disclosure.rules';

const ARABIC_LETTER = /[\u0600-\u06FF]/;
const LATIN_LETTER = /[A-Za-z]/;

/** Checks one label-and-sentence text in one language: present, plain, and in the right script. */
function checkText(label: string, explanation: string, language: string) {
  expect(label.trim().length, `label in ${language}`).toBeGreaterThan(2);
  expect(label.length).toBeLessThanOrEqual(60);
  expect(explanation.trim().length, `explanation in ${language}`).toBeGreaterThan(20);
  // One sentence: ends with a full stop, no second sentence inside.
  expect(explanation).toMatch(/[.]$/);
  expect(explanation.slice(0, -1)).not.toMatch(/[.!?] [A-ZÀ-Ý]/);
  if (language === 'ar') expect(ARABIC_LETTER.test(label) && ARABIC_LETTER.test(explanation)).toBe(true);
  else expect(LATIN_LETTER.test(label) && !ARABIC_LETTER.test(explanation)).toBe(true);
}

describe('complaint form texts', () => {
  it('gives every provision of the Code a label and a one-sentence explanation in every form language', () => {
    for (const provision of Object.values(CodeProvision)) {
      for (const language of FORM_LANGUAGES) {
        const [label, explanation] = PROVISION_TEXTS[provision][language];
        checkText(label, explanation, language);
      }
      // Not the same text in two languages (a forgotten translation).
      expect(new Set(FORM_LANGUAGES.map((l) => PROVISION_TEXTS[provision][l][1])).size).toBe(FORM_LANGUAGES.length);
    }
    expect(Object.keys(PROVISION_TEXTS).sort()).toEqual(Object.values(CodeProvision).sort());
  });

  it('explains every kind of complaint and every section of the Code in every form language', () => {
    for (const kind of Object.values(ComplaintKind)) {
      for (const language of FORM_LANGUAGES) checkText(...KIND_TEXTS[kind][language], language);
    }
    for (const texts of Object.values(SECTION_TEXTS)) {
      for (const language of FORM_LANGUAGES) checkText(...texts[language], language);
    }
  });

  it('words every error of the complaint form in every form language', () => {
    for (const [field, texts] of Object.entries(ERROR_TEXTS)) {
      for (const language of FORM_LANGUAGES) {
        expect(texts[language].length, `${field} in ${language}`).toBeGreaterThan(20);
        expect(ARABIC_LETTER.test(texts[language])).toBe(language === 'ar');
      }
    }
  });

  it('rewords coded errors of a form field for the person filing, and leaves any other error alone', () => {
    const worded = forThePersonFiling(badUserInput('description must not be empty', 'input.description'), 'es') as GraphQLError;
    expect(worded.message).toBe(ERROR_TEXTS['input.description'].es);
    expect(worded.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.description' });
    const missing = forThePersonFiling(notFound('A complaint with this receipt code'), 'ar', 'receiptCode') as GraphQLError;
    expect(missing.extensions).toEqual({ code: 'NOT_FOUND', field: 'receiptCode' });
    expect(missing.message).toBe(ERROR_TEXTS.receiptCode.ar);
    const retried = forThePersonFiling(conflict('already filed'), 'fr', 'input.idempotencyKey') as GraphQLError;
    expect(retried.message).toBe(ERROR_TEXTS['input.idempotencyKey'].fr);
    const internal = new Error('SQLITE_BUSY');
    expect(forThePersonFiling(internal, 'fr')).toBe(internal);
    const unknownField = badUserInput('outcome needed', 'outcome');
    expect(forThePersonFiling(unknownField, 'fr')).toBe(unknownField);
  });

  it('writes Arabic right to left, the others left to right', () => {
    expect(DIRECTION).toEqual({ en: 'LTR', fr: 'LTR', es: 'LTR', ar: 'RTL' });
    expect(complaintFormOptions('ar').provisions.every((p) => p.direction === 'RTL')).toBe(true);
    expect(complaintFormOptions('es-MX').kinds.every((k) => k.direction === 'LTR')).toBe(true);
  });

  it('falls back to English for a language the form is not written in, and says so', () => {
    const swahili = complaintFormOptions('sw');
    expect(swahili).toMatchObject({ language: 'en', requestedLanguage: 'sw', fellBackToEnglish: true, direction: 'LTR' });
    expect(swahili.provisions[0].label).toBe(PROVISION_TEXTS.GENERAL_CONDUCT.en[0]);
    expect(complaintFormOptions('fr-CA')).toMatchObject({ language: 'fr', fellBackToEnglish: false });
    expect(() => complaintFormOptions('not a language')).toThrow(/language tag/);
  });

  it('picks the message language from the filing, then Accept-Language by quality, then English', () => {
    expect(messageLanguage('ar-EG', 'fr')).toBe('ar');
    expect(messageLanguage('sw', 'de-CH, es;q=0.5, fr;q=0.8')).toBe('fr');
    expect(messageLanguage(null, 'de, *;q=0.1')).toBe('en');
    expect(formLanguageOfHeader('ar;q=0, es')).toBe('es');
    expect(formLanguageOfHeader(undefined)).toBeNull();
  });
});

describe('sections of the Code', () => {
  it('puts paragraphs 28–43 of the 2010 text in conduct of personnel and 44–69 in management and governance', () => {
    expect(codeSectionOf('CODE_2010', 27)).toBeNull();
    expect(codeSectionOf('CODE_2010', 28)).toBe('CONDUCT_OF_PERSONNEL');
    expect(codeSectionOf('CODE_2010', 43)).toBe('CONDUCT_OF_PERSONNEL');
    expect(codeSectionOf('CODE_2010', 44)).toBe('MANAGEMENT_AND_GOVERNANCE');
    expect(codeSectionOf('CODE_2010', 69)).toBe('MANAGEMENT_AND_GOVERNANCE');
    expect(codeSectionOf('CODE_2010', 70)).toBeNull();
    expect(codeSectionOf('CODE_2010', null)).toBeNull();
  });

  it('places no paragraph of the 2021 text, whose numbering is not confirmed, and gives its provisions no paragraphs', () => {
    for (const paragraph of [28, 43, 44, 69]) expect(codeSectionOf('CODE_2021', paragraph)).toBeNull();
    for (const provision of Object.values(CodeProvision)) expect(provisionParagraphs(provision, 'CODE_2021')).toBeNull();
    expect(provisionLabel(CodeProvision.USE_OF_FORCE, 'CODE_2010')).toBe('F. Use of force (paras. 30–32)');
    expect(provisionLabel(CodeProvision.USE_OF_FORCE, 'CODE_2021')).toBe('F. Use of force');
    expect(provisionLabel(CodeProvision.HARASSMENT, 'CODE_2010')).toBe('G. Harassment (para. 65)');
  });

  it('places each provision, all of its 2010 paragraphs, in one section, the same for every version', () => {
    const options = complaintFormOptions('en').provisions;
    for (const option of options) {
      const [first, last] = provisionParagraphs(option.provision, 'CODE_2010')!;
      expect(codeSectionOf('CODE_2010', first)).toBe(option.section);
      expect(codeSectionOf('CODE_2010', last)).toBe(option.section);
      expect(PROVISION_SECTIONS[option.provision]).toBe(option.section);
      expect(option.references.map((r) => [r.codeVersion, r.section])).toEqual([
        ['CODE_2010', option.section],
        ['CODE_2021', option.section],
      ]);
    }
    expect(options.filter((o) => o.section === 'CONDUCT_OF_PERSONNEL')).toHaveLength(12);
    expect(options.filter((o) => o.section === 'MANAGEMENT_AND_GOVERNANCE')).toHaveLength(13);
  });
});

/** Every withheld cell of a breakdown can be narrowed to at least two values, given the total and the cells shown. */
function expectNoCellDerivable(counts: number[]) {
  const states = protectCells(counts);
  states.forEach((state, i) => {
    if (state === 'SHOWN') {
      expect(counts[i]).toBeGreaterThanOrEqual(5);
      return;
    }
    const { min, max } = derivableRange(counts, states, i);
    expect(min, `cell ${i} of ${counts}`).toBeLessThan(max);
    expect(counts[i]).toBeGreaterThanOrEqual(min);
    expect(counts[i]).toBeLessThanOrEqual(max);
  });
  return states;
}

describe('small-cell protection', () => {
  it('withholds counts below 5', () => {
    expect(protectCells([12, 9, 7])).toEqual(['SHOWN', 'SHOWN', 'SHOWN']);
    expect(expectNoCellDerivable([12, 3, 2])).toEqual(['SHOWN', 'BELOW_THRESHOLD', 'BELOW_THRESHOLD']);
  });

  it('withholds the next smallest cell when a single withheld count could be worked out from the total', () => {
    expect(expectNoCellDerivable([12, 3, 9])).toEqual(['SHOWN', 'BELOW_THRESHOLD', 'WITHHELD_TO_PROTECT_OTHERS']);
    expect(expectNoCellDerivable([6, 1])).toEqual(['WITHHELD_TO_PROTECT_OTHERS', 'BELOW_THRESHOLD']);
  });

  it('goes on withholding while bounds still pin a cell (two small cells adding up to 0 or 8)', () => {
    expectNoCellDerivable([0, 0, 20, 30]);
    expectNoCellDerivable([4, 4, 20, 30]);
    expectNoCellDerivable([0, 5, 6, 40]);
  });

  it('holds on many random breakdowns', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let n = 0; n < 500; n += 1) {
      const counts = Array.from({ length: 2 + Math.floor(random() * 8) }, () => Math.floor(random() * (random() < 0.5 ? 6 : 40)));
      const states = protectCells(counts);
      // Every cell withheld and the total alone pins them: only when the total leaves no choice (e.g. all zero).
      if (states.every((s) => s !== 'SHOWN')) continue;
      expectNoCellDerivable(counts);
    }
  });
});
