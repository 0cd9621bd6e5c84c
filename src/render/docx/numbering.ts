/**
 * Heading numbers as Word numbering: one multilevel list (一、 （一） 1. （1）) linked to the styles
 * 标题 1–4, so a section an author inserts in Word is numbered and the ones after it renumber. The
 * intermediate document carries each heading's number as text (the PDF prints it); the DOCX gives a
 * heading the list only where Word's count gives that same text, and types it otherwise.
 */
import { AlignmentType, type ILevelsOptions, LevelFormat, LevelSuffix } from 'docx';
import { type HeadingLevel, headingNumber } from '../../document/numbering.js';
import type { Block } from '../../document/types.js';
import { gridIndentTwips } from './styles.js';

export const HEADING_LIST = 'heading-numbers';

/**
 * The levels' formats. `chineseCounting` is 一 … 十 十一 … 九十九 (ECMA-376 §17.18.59), as
 * `chineseNumeral` writes them; Word and LibreOffice both read it.
 */
const LEVELS: Record<HeadingLevel, { format: (typeof LevelFormat)[keyof typeof LevelFormat]; text: string }> =
  {
    1: { format: LevelFormat.CHINESE_COUNTING, text: '%1、' },
    2: { format: LevelFormat.CHINESE_COUNTING, text: '（%2）' },
    3: { format: LevelFormat.DECIMAL, text: '%3.' },
    4: { format: LevelFormat.DECIMAL, text: '（%4）' },
  };

export const HEADING_LEVELS = [1, 2, 3, 4] as const;

/**
 * The list's levels. The number is followed by nothing (the heading text follows at once, as in the PDF),
 * and the level's indent is the heading style's own (two characters), so the list does not move it.
 */
export function headingListLevels(): ILevelsOptions[] {
  return HEADING_LEVELS.map((level) => ({
    level: level - 1,
    format: LEVELS[level].format,
    text: LEVELS[level].text,
    start: 1,
    alignment: AlignmentType.LEFT,
    suffix: LevelSuffix.NOTHING,
    style: {
      style: `Heading${level}`,
      paragraph: { indent: { left: 0, firstLineChars: 200, firstLine: gridIndentTwips(2) } },
    },
  }));
}

/** A heading's place in the list: the list instance it is numbered in, or typed when Word would differ. */
export type HeadingNumbering = { instance: number } | { typed: true };

/**
 * Assigns every numbered heading of the document, in order, to a list instance. A heading whose number
 * starts the count again (after an attachment, as the markup counts) starts a new instance; one Word
 * would number differently from the document keeps its number as text.
 */
export class HeadingLists {
  private instance = 0;
  /** Word's count at each level in the current instance (a level restarts after any level above it). */
  private counts = [0, 0, 0, 0];

  place(block: Extract<Block, { kind: 'heading' }>): HeadingNumbering | undefined {
    if (!block.number) return undefined;
    const i = block.level - 1;
    if (headingNumber(block.level, this.counts[i]! + 1) === block.number) {
      this.count(i, this.counts[i]! + 1);
      return { instance: this.instance };
    }
    if (headingNumber(block.level, 1) === block.number) {
      this.counts = [0, 0, 0, 0];
      this.count(i, 1);
      this.instance += 1;
      return { instance: this.instance };
    }
    return { typed: true };
  }

  private count(i: number, n: number): void {
    this.counts[i] = n;
    for (let k = i + 1; k < 4; k++) this.counts[k] = 0;
  }
}
