import { caselessForm, confusableSkeleton, foldCase } from '../../../shared/src';

/**
 * Folds a name for search and matching: case folded, accents removed, white space collapsed. Recomposed
 * after the accents are gone, so that a Korean name keeps its syllables rather than tripling in length.
 */
export function foldName(name: string): string {
  return foldCase(name.normalize('NFKD').replace(/\p{M}/gu, '').normalize('NFC'))
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Legal-form words that partners add or leave out at will ("Aegis Meridian" for "Aegis Meridian
 * Security Ltd" stays, but "Ltd" does not matter). Compared after punctuation is gone, so "S.A." is "s a".
 */
const LEGAL_FORMS = [
  'limited', 'ltd', 'llc', 'l l c', 'inc', 'incorporated', 'corp', 'corporation', 'co', 'company', 'plc',
  'gmbh', 'ag', 'kg', 'se', 'sa', 's a', 'sarl', 's a r l', 'sas', 's a s', 'srl', 's r l', 'spa', 's p a',
  'sl', 's l', 'bv', 'b v', 'nv', 'n v', 'ab', 'as', 'a s', 'asa', 'oy', 'aps', 'pte', 'pty', 'pvt',
  'fz', 'fze', 'fzco', 'fz llc', 'lda', 'ltda', 'sae', 'kft', 'sp z o o', 'doo', 'd o o',
];

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Matches any run of legal-form words at the end of a string of words (each word preceded by a space). */
function trailingLegalForms(forms: readonly string[]): RegExp {
  const alternatives = [...new Set(forms)].sort((a, b) => b.length - a.length).map(escapeRegExp);
  return new RegExp(`(?:\\s(?:${alternatives.join('|')}))+$`, 'u');
}

/** `words` without its trailing legal forms; a name made only of them ("Limited") keeps them rather than becoming empty. */
function stripLegalForms(words: string, forms: RegExp): string {
  return ` ${words}`.replace(forms, '').trim() || words;
}

/** Case, accents and punctuation gone, `&` read as "and": the words of a name as matching sees them. */
function words(name: string): string {
  return foldName(name)
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const TRAILING_LEGAL_FORM = trailingLegalForms(LEGAL_FORMS);

/**
 * Reduces a name to what matters for matching: case, accents and punctuation ignored, legal-form
 * suffixes dropped ("Éclat Sécurité S.A.R.L." and "eclat securite" give the same key).
 */
export function matchKey(name: string): string {
  // Capped at the column's length ("&" becomes " and "); both sides of a comparison are capped alike.
  return stripLegalForms(words(name), TRAILING_LEGAL_FORM).slice(0, 200);
}

/**
 * The words of a name in their confusable skeleton. The skeleton is taken of the name as written (a
 * capital Cyrillic М passes for M, a small м does not pass for m), then folded as for the match key,
 * and taken again for what the folding uncovered; punctuation goes last, as some letters map to it.
 */
function skeletonWords(name: string): string {
  return confusableSkeleton(words(confusableSkeleton(name)))
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

// The legal forms as they look after the skeleton ("gmbh" becomes "grnbh"), to strip them there too.
const TRAILING_LEGAL_FORM_SKELETON = trailingLegalForms(LEGAL_FORMS.map(skeletonWords));

/**
 * What a name looks like, for finding names that could pass for one another: the match key's folding,
 * then the Unicode TR39 confusable skeleton, legal forms stripped. "Аegis Meridian Security Ltd" with a
 * Cyrillic А, "AEGIS MERIDIAN SECURITY GmbH" and "Aegis Meridian Security Ltd" have one skeleton.
 * Capped at 400 characters, the column's length; both sides of a comparison are capped alike.
 */
export function nameSkeleton(name: string): string {
  return stripLegalForms(skeletonWords(name), TRAILING_LEGAL_FORM_SKELETON).slice(0, 400);
}

/**
 * The form in which a name must equal another to be the same name exactly: NFKC, case folded, white
 * space collapsed. Accents, punctuation and legal forms still count ("…GmbH" is not "…Ltd").
 */
export function exactNameForm(name: string): string {
  return caselessForm(name);
}

/** The stored keys of an organization name: how it is matched, and what it looks like. */
export function nameKeys(name: string): { matchKey: string; skeleton: string } {
  return { matchKey: matchKey(name), skeleton: nameSkeleton(name) };
}
