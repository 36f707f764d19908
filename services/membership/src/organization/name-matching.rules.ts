import { foldName } from '../membership-status/membership-status.rules';

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
const TRAILING_LEGAL_FORM = new RegExp(`(?:\\s(?:${LEGAL_FORMS.sort((a, b) => b.length - a.length).join('|')}))+$`);

/**
 * Reduces a name to what matters for matching: case, accents and punctuation ignored, legal-form
 * suffixes dropped ("Éclat Sécurité S.A.R.L." and "eclat securite" give the same key).
 */
export function matchKey(name: string): string {
  const words = foldName(name)
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const stripped = ` ${words}`.replace(TRAILING_LEGAL_FORM, '').trim();
  // A name made only of legal-form words ("Limited") keeps them rather than becoming empty.
  return stripped || words;
}
