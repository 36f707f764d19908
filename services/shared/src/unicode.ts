import confusablePrototypes from 'unhomoglyph/data.json';

/*
 * Text mechanics for comparing names, with no domain in them.
 *
 * The prototypes come from Unicode's confusables.txt (TR39), as packaged by `unhomoglyph`. The
 * `confusables` package was tried first and does not fit: it maps look-alikes to English letters only
 * and turns, for instance, the Arabic alef of a Persian name into a Latin "i".
 */
const PROTOTYPES: Readonly<Record<string, string>> = confusablePrototypes;

/**
 * Unicode case folding for comparison: lower case, plus the full foldings that lower case misses
 * (ß and ẞ to "ss", final sigma to sigma). Ligatures, long s and the like are already gone after NFKC.
 */
export function foldCase(value: string): string {
  return value.toLowerCase().replace(/ß/g, 'ss').replace(/ς/g, 'σ');
}

/** NFKC, case-folded, white space collapsed: two strings with the same form read the same, letter for letter. */
export function caselessForm(value: string): string {
  return foldCase(value.normalize('NFKC')).normalize('NFKC').replace(/\s+/gu, ' ').trim();
}

const DEFAULT_IGNORABLE = /\p{Default_Ignorable_Code_Point}/u;

/**
 * The TR39 skeleton of `value`, made case-insensitive: two strings that look alike, whatever their case,
 * have the same skeleton ("Аegis" with a Cyrillic А, "AEGIS", "aegis"; "Меridian" with a Cyrillic М,
 * "meridian"). Not meant to be shown: "m" becomes "rn", "0" becomes "o".
 *
 * TR39 works on the case as written, and plain lower-casing before it loses look-alikes (a capital
 * Cyrillic М looks like M, its small м does not look like m), while lower-casing after it splits case
 * variants (TR39 maps capital I to l but small i to i). So each character is folded first when the
 * folded letter is its own prototype (I and i are one letter), and otherwise takes the prototype of the
 * character as written; a second pass maps what the first produced ("m" to "rn").
 */
export function confusableSkeleton(value: string): string {
  let first = '';
  for (const char of value.normalize('NFKD')) {
    if (DEFAULT_IGNORABLE.test(char)) continue;
    const folded = foldCase(char);
    first += PROTOTYPES[folded] === undefined ? folded : foldCase(PROTOTYPES[char] ?? folded);
  }
  let skeleton = '';
  for (const char of first.normalize('NFD')) skeleton += foldCase(PROTOTYPES[char] ?? char);
  return skeleton.normalize('NFC');
}
