import path from 'node:path';
import bidiFactory from 'bidi-js';

/*
 * Text in any script on a printed proof: the fonts embedded, and right-to-left lines put in the order they are read.
 * pdfkit shapes glyphs through fontkit (Arabic letters take their joined forms, and a right-to-left run comes out
 * reversed), but it does not apply the Unicode bidirectional algorithm: a line that mixes Arabic and Latin, or
 * Arabic and digits, would come out with its runs in the wrong order. `visualRuns` does that part (bidi-js, the
 * Unicode algorithm UAX #9), and hands pdfkit one run at a time in logical order for fontkit to shape.
 */

/** Where an npm package's files are (these font packages export only their JavaScript entry). */
function packageFolder(name: string): string {
  return path.resolve(path.dirname(require.resolve(name)), '..');
}

/** The fonts embedded in a proof: Noto Sans for Latin, Greek and Cyrillic, Noto Naskh Arabic for Arabic script; both SIL OFL 1.1. */
export const PROOF_FONTS = {
  regular: path.join(packageFolder('@embedpdf/fonts-latin'), 'fonts', 'NotoSans-Regular.ttf'),
  bold: path.join(packageFolder('@embedpdf/fonts-latin'), 'fonts', 'NotoSans-Bold.ttf'),
  arabic: path.join(packageFolder('@embedpdf/fonts-arabic'), 'fonts', 'NotoNaskhArabic-Regular.ttf'),
  arabicBold: path.join(packageFolder('@embedpdf/fonts-arabic'), 'fonts', 'NotoNaskhArabic-Bold.ttf'),
} as const;

/** Letters and marks of the Arabic script (Arabic, its supplements and presentation forms). */
const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u0870-\u089F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/u;
/** Characters besides Arabic letters that Noto Naskh Arabic draws (it has no brackets or hyphen: those come from Noto Sans). */
const IN_ARABIC_FONT = /[0-9.,:!\u060C\u061B\u061F\u066A-\u066D\u00A0]/u;

/** One piece of a line, drawn left to right after the previous one. */
export interface VisualRun {
  /** The characters as fontkit must be given them: logical order for Arabic letters (fontkit joins and reverses them itself). */
  text: string;
  /** True when the piece needs the Arabic font. */
  arabic: boolean;
  /** True for white space, drawn as a gap. */
  space: boolean;
}

/** A line ready to draw: its pieces from left to right, and whether it reads right to left (and so is set flush right). */
export interface VisualLine {
  runs: VisualRun[];
  rightToLeft: boolean;
}

const bidi = bidiFactory();

/**
 * The pieces of one line in the order they are drawn, left to right. The paragraph's direction is that of its first
 * strong letter (UAX #9, P2–P3): an Arabic name reads right to left, a Latin one left to right. A piece is a word
 * (or part of one) of one embedding level and one font, or white space: pdfkit lays out a string word by word from
 * left to right, so the words of a right-to-left run must be handed over one by one in visual order (rule L2).
 */
export function visualLine(text: string): VisualLine {
  const line = text.replace(/\s+/gu, ' ');
  if (!line) return { runs: [], rightToLeft: false };
  const { levels, paragraphs } = bidi.getEmbeddingLevels(line);
  const rightToLeft = (paragraphs[0]?.level ?? 0) % 2 === 1;
  // Pieces in logical order: white space alone; otherwise characters of one level and one font together.
  const pieces: { text: string; level: number; arabic: boolean; space: boolean }[] = [];
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i];
    const space = c === ' ';
    const last = pieces.at(-1);
    const arabic = ARABIC.test(c) || (IN_ARABIC_FONT.test(c) && last?.arabic === true && !last.space && last.level === levels[i]);
    if (last && !space && !last.space && last.level === levels[i] && last.arabic === arabic) last.text += c;
    else pieces.push({ text: c, level: levels[i], arabic, space });
  }
  // Rule L2: from the highest level down to the lowest odd one, reverse every sequence of pieces at that level or higher.
  const order = pieces.map((_, i) => i);
  const highest = Math.max(...pieces.map((p) => p.level));
  const lowestOdd = Math.min(...pieces.map((p) => (p.level % 2 === 1 ? p.level : p.level + 1)));
  for (let level = highest; level >= lowestOdd; level -= 1) {
    for (let i = 0; i < order.length; ) {
      if (pieces[order[i]].level < level) {
        i += 1;
        continue;
      }
      let j = i;
      while (j + 1 < order.length && pieces[order[j + 1]].level >= level) j += 1;
      order.splice(i, j - i + 1, ...order.slice(i, j + 1).reverse());
      i = j + 1;
    }
  }
  const runs = order.map((index) => {
    const piece = pieces[index];
    let pieceText = piece.text;
    if (piece.level % 2 === 1) {
      // Rule L4: brackets in a right-to-left piece take their mirrored shape (fontkit does not mirror them).
      pieceText = [...pieceText].map((c) => bidi.getMirroredCharacter(c) ?? c).join('');
      // fontkit reverses a piece with Arabic letters itself; any other right-to-left piece is reversed here.
      if (!ARABIC.test(pieceText)) pieceText = [...pieceText].reverse().join('');
    }
    return { text: pieceText, arabic: piece.arabic, space: piece.space };
  });
  return { runs, rightToLeft };
}
