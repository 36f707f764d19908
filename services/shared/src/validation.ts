import { badUserInput } from './errors';

const codePoint = (char: string) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Free text (a description, a message, a note, a reason) is kept exactly as written, in any script and
 * either direction, marks and directional formatting included; it is not normalized. Only C0 control
 * characters are refused (NUL, ESC, ...), except tab, newline and a carriage return before a newline
 * (text pasted from Windows), and broken UTF-16 that no database can store.
 */
export function freeText(value: string, field: string): string {
  for (let i = 0; i < value.length; i += 1) {
    const unit = value.charCodeAt(i);
    if (unit >= 0x20 || unit === 0x09 || unit === 0x0a) continue;
    if (unit === 0x0d && value.charCodeAt(i + 1) === 0x0a) continue;
    throw badUserInput(`${field} contains a control character (${codePoint(value[i])}); only tab and newline are allowed`, field);
  }
  if (LONE_SURROGATE.test(value)) throw badUserInput(`${field} is not valid Unicode text`, field);
  return value;
}

/**
 * Free text (see `freeText`), trimmed, between `min` and `max` characters; BAD_USER_INPUT naming
 * `field` otherwise.
 */
export function text(value: string, field: string, { min = 1, max }: { min?: number; max: number }): string {
  const trimmed = freeText(value, field).trim();
  if (trimmed.length < min) {
    throw badUserInput(min === 1 ? `${field} must not be empty` : `${field} needs at least ${min} characters`, field);
  }
  if (trimmed.length > max) throw badUserInput(`${field} must be at most ${max} characters`, field);
  return trimmed;
}

/** Like `text` for an optional input: null/undefined/blank become null. */
export function optionalText(value: string | null | undefined, field: string, max: number): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  return text(value, field, { max });
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function email(value: string, field: string): string {
  const trimmed = text(value, field, { max: 254 });
  if (!EMAIL.test(trimmed)) throw badUserInput(`${field} is not an e-mail address`, field);
  return trimmed;
}

/** An http(s) URL of at most 300 characters, or null. */
export function optionalWebsite(value: string | null | undefined, field: string): string | null {
  const trimmed = optionalText(value, field, 300);
  if (trimmed === null) return null;
  try {
    const url = new URL(trimmed);
    if (url.protocol === 'https:' || url.protocol === 'http:') return url.toString();
  } catch {
    // fall through
  }
  throw badUserInput(`${field} must be an http or https address`, field);
}

/** Invisible or control characters that have no place in a name (besides ZWNJ and ZWJ, below). */
const NOT_IN_NAMES = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/u;
// Variation selectors choose a glyph of the character before (Japanese family names need some), and
// Mongolian free variation selectors are part of writing Mongolian: default-ignorable, but not refused.
const VARIATION_SELECTOR = /[\u180b-\u180d\u180f\ufe00-\ufe0f\u{e0100}-\u{e01ef}]/u;
/**
 * Characters that show as a blank or a placeholder though they are not white space nor default-ignorable:
 * the blank braille pattern U+2800, the object replacement U+FFFC and replacement character U+FFFD (and
 * the annotation characters U+FFF9–U+FFFB beside them); the Hangul fillers U+115F, U+1160, U+3164 and
 * U+FFA0 (refused as default-ignorable already, listed so that the rule reads whole).
 */
const BLANK_OR_PLACEHOLDER = /[\u115f\u1160\u2800\u3164\uffa0\ufff9-\ufffd]/u;
/**
 * Combining marks that may stack on one character: Vietnamese needs 2, Arabic with harakat 3 (shadda,
 * fatha, superscript alef), Hebrew with niqqud 3, Thai and Myanmar 3. Twenty stacked accents draw over
 * the neighbouring lines and hide the letter under them.
 */
export const MAX_MARKS_PER_CHARACTER = 3;
const STACKING_MARK = /[\p{Mn}\p{Me}]/u;
const SPACING_MARK = /\p{Mc}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const ZWNJ = '\u200c';
const ZWJ = '\u200d';
const MARK = /\p{M}/u;
const LETTER = /\p{L}/u;
/**
 * Scripts whose writing needs ZWNJ and ZWJ: Persian and other Arabic-script languages (ZWNJ keeps a
 * letter from joining the next), Syriac, and the Indic scripts (after a virama, ZWNJ and ZWJ choose
 * the half or explicit form of a conjunct).
 */
const JOINER_SCRIPTS = [
  /\p{Script=Arabic}/u, /\p{Script=Syriac}/u, /\p{Script=Devanagari}/u, /\p{Script=Bengali}/u,
  /\p{Script=Gurmukhi}/u, /\p{Script=Gujarati}/u, /\p{Script=Oriya}/u, /\p{Script=Tamil}/u,
  /\p{Script=Telugu}/u, /\p{Script=Kannada}/u, /\p{Script=Malayalam}/u, /\p{Script=Sinhala}/u,
];

/**
 * May the ZWNJ or ZWJ at `chars[index]` stay? TR39 allows them only in joining contexts (after a
 * virama, between Arabic-script letters that join). Pragmatically: between two letters of the same
 * script that uses them, the one before possibly followed by combining marks (a virama, a vowel sign,
 * Arabic harakat). Anywhere else, e.g. inside a Latin name, they only hide a difference.
 */
function joinerAllowed(chars: readonly string[], index: number): boolean {
  let before = index - 1;
  while (before >= 0 && MARK.test(chars[before])) before -= 1;
  const previous = chars[before];
  const next = chars[index + 1];
  if (previous === undefined || next === undefined || !LETTER.test(previous) || !LETTER.test(next)) return false;
  return JOINER_SCRIPTS.some((script) => script.test(previous) && script.test(next));
}

/**
 * Whether a character carries more than `MAX_MARKS_PER_CHARACTER` nonspacing or enclosing marks, counted
 * decomposed (NFD), as a reader sees them: "ś" with three more accents has four. Variation selectors are
 * nonspacing marks, so they count too. Spacing marks (a Devanagari or Myanmar vowel sign) sit beside the
 * letter: they neither count nor end the run, so they cannot be slipped between stacked marks to reset
 * it. Answers the first mark too many, or undefined.
 */
function markTooMany(name: string): string | undefined {
  let run = 0;
  for (const char of name.normalize('NFD')) {
    if (STACKING_MARK.test(char)) {
      run += 1;
      if (run > MAX_MARKS_PER_CHARACTER) return char;
    } else if (!SPACING_MARK.test(char)) run = 0;
  }
  return undefined;
}

/**
 * A person's or an organization's name: NFKC-normalized (full-width letters, ligatures and compatibility
 * forms become the ordinary ones), white space collapsed, 1 to `max` characters, at least one of them a
 * letter or a digit. Refused with BAD_USER_INPUT naming `field`: C0 and C1 controls, bidirectional
 * embeddings, overrides and isolates, LRM, RLM and ALM, zero-width space, BOM and other invisible format
 * characters, line separators, private-use and unassigned code points; ZWNJ and ZWJ outside the contexts
 * `joinerAllowed` accepts; blanks and placeholders (`BLANK_OR_PLACEHOLDER`); more than
 * `MAX_MARKS_PER_CHARACTER` combining marks on one character. Such characters let a name look like
 * another one, or like nothing at all.
 */
export function personOrOrganizationName(value: string, field: string, { max }: { max: number }): string {
  if (LONE_SURROGATE.test(value)) throw badUserInput(`${field} is not valid Unicode text`, field);
  const normalized = value.normalize('NFKC');
  const chars = [...normalized];
  chars.forEach((char, index) => {
    if (char === ZWNJ || char === ZWJ) {
      if (joinerAllowed(chars, index)) return;
      throw badUserInput(
        `${field} contains a zero-width joiner or non-joiner (${codePoint(char)}) outside the scripts that need it`,
        field,
      );
    }
    if (NOT_IN_NAMES.test(char) && !VARIATION_SELECTOR.test(char)) {
      throw badUserInput(`${field} contains an invisible or control character (${codePoint(char)}), not allowed in a name`, field);
    }
    if (BLANK_OR_PLACEHOLDER.test(char)) {
      throw badUserInput(`${field} contains a blank or placeholder character (${codePoint(char)}), not allowed in a name`, field);
    }
  });
  const tooMany = markTooMany(normalized);
  if (tooMany !== undefined) {
    throw badUserInput(
      `${field} stacks more than ${MAX_MARKS_PER_CHARACTER} combining marks on one character (${codePoint(tooMany)}), not allowed in a name`,
      field,
    );
  }
  const name = normalized.replace(/\s+/gu, ' ').trim();
  if (!name) throw badUserInput(`${field} must not be empty`, field);
  if (!LETTER_OR_DIGIT.test(name)) throw badUserInput(`${field} needs at least one letter or digit`, field);
  if (name.length > max) throw badUserInput(`${field} must be at most ${max} characters`, field);
  return name;
}

/** Like `personOrOrganizationName` for an optional input: null/undefined/blank become null. */
export function optionalPersonOrOrganizationName(value: string | null | undefined, field: string, max: number): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  return personOrOrganizationName(value, field, { max });
}
