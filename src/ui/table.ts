// Tables in one theme, sized for the terminal (80 columns when unknown).
// Borderless tables are laid out here rather than by cli-table3: its width measure compiles a new
// regular expression for every cell it measures, which took ~0.5 s for a catalog of a few hundred
// offers (see `npm run bench -- --profile`). The layout is the one cli-table3 gave: columns two
// spaces apart, cells padded to the widest, multi-line cells top-aligned.

export interface Column {
  header: string;
  align?: 'left' | 'right' | 'center';
  /** Cut long cells to this many characters. */
  maxWidth?: number;
}

const COLUMN_GAP = '  ';

export function renderTable(columns: Column[], rows: string[][], options: { heading?: (s: string) => string } = {}): string {
  const head = columns.map((c) => (options.heading ? options.heading(c.header) : c.header));
  const body = rows.map((row) => row.map((cell, i) => truncate(cell, columns[i]?.maxWidth)));
  const all = [head, ...body].map((row) => columns.map((_, i) => (row[i] ?? '').split('\n').map((text) => ({ text, width: displayWidth(text) }))));
  const widths = columns.map((_, i) => Math.max(0, ...all.map((row) => Math.max(...row[i]!.map((line) => line.width)))));
  const lines: string[] = [];
  for (const row of all) {
    const height = Math.max(...row.map((cell) => cell.length));
    for (let l = 0; l < height; l++) {
      lines.push(row.map((cell, i) => pad(cell[l] ?? { text: '', width: 0 }, widths[i]!, columns[i]!.align ?? 'left')).join(COLUMN_GAP));
    }
  }
  return lines.join('\n');
}

function pad(line: { text: string; width: number }, width: number, align: 'left' | 'right' | 'center'): string {
  const room = Math.max(0, width - line.width);
  if (align === 'right') return ' '.repeat(room) + line.text;
  if (align === 'center') return ' '.repeat(Math.floor(room / 2)) + line.text + ' '.repeat(room - Math.floor(room / 2));
  return line.text + ' '.repeat(room);
}

// eslint-disable-next-line no-control-regex
const ANSI = /[\u001b\u009b][[\]()#;?]*(?:(?:(?:[a-zA-Z\d]*(?:;[-a-zA-Z\d/#&.:=?%@~_]*)*)?\u0007)|(?:(?:\d{1,4}(?:;\d{0,4})*)?[\dA-PR-TZcf-ntqry=><~]))/g;
const EMOJI = /\p{Emoji_Presentation}/u;

/** Columns a string takes in a terminal (what string-width counts): no escape codes, wide East Asian characters and emoji count 2. */
export function displayWidth(text: string): number {
  const plain = text.includes('\u001b') || text.includes('\u009b') ? text.replace(ANSI, '') : text;
  let width = 0;
  for (const char of plain) {
    const code = char.codePointAt(0)!;
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || (code >= 0x300 && code <= 0x36f)) continue;
    width += code >= 0x1100 && (isWide(code) || EMOJI.test(char)) ? 2 : 1;
  }
  return width;
}

/** East Asian Wide and Fullwidth code points (the ranges is-fullwidth-code-point uses). */
function isWide(code: number): boolean {
  return (
    code <= 0x115f ||
    code === 0x2329 ||
    code === 0x232a ||
    (code >= 0x2e80 && code <= 0x3247 && code !== 0x303f) ||
    (code >= 0x3250 && code <= 0x4dbf) ||
    (code >= 0x4e00 && code <= 0xa4c6) ||
    (code >= 0xa960 && code <= 0xa97c) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe10 && code <= 0xfe19) ||
    (code >= 0xfe30 && code <= 0xfe6b) ||
    (code >= 0xff01 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1b000 && code <= 0x1b001) ||
    (code >= 0x1f200 && code <= 0x1f251) ||
    (code >= 0x20000 && code <= 0x3fffd)
  );
}

/** A two-column "label  value" block, e.g. for cart headers and whoami. */
export function renderPairs(pairs: Array<[string, string]>, label: (s: string) => string = (s) => s): string {
  const width = Math.max(0, ...pairs.map(([k]) => k.length));
  return pairs.map(([k, v]) => `${label(k.padEnd(width))}  ${v}`).join('\n');
}

function truncate(cell: string, max: number | undefined): string {
  if (!max || visibleLength(cell) <= max) return cell;
  // Only plain cells are cut; coloured cells are built short by their callers.
  return `${cell.slice(0, max - 1)}…`;
}

function visibleLength(s: string): number {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\u001b\[[0-9;]*m/g, '').length;
}
