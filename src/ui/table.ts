// Tables in one theme, sized for the terminal (80 columns when unknown).
import Table from 'cli-table3';

export interface Column {
  header: string;
  align?: 'left' | 'right' | 'center';
  /** Cut long cells to this many characters (on a terminal only: see `cut`), or wrap them (`wrap`). */
  maxWidth?: number;
  /** Wrap long plain cells at word boundaries instead of cutting them: nothing is lost. */
  wrap?: boolean;
}

const BORDERLESS = {
  top: '',
  'top-mid': '',
  'top-left': '',
  'top-right': '',
  bottom: '',
  'bottom-mid': '',
  'bottom-left': '',
  'bottom-right': '',
  left: '',
  'left-mid': '',
  mid: '',
  'mid-mid': '',
  right: '',
  'right-mid': '',
  middle: '  ',
};

/**
 * `cut: false` (stdout is not a terminal) keeps every cell whole, so `| grep` finds every word;
 * the default cuts cells to their column's `maxWidth` so a terminal's lines do not wrap.
 */
export function renderTable(columns: Column[], rows: string[][], options: { heading?: (s: string) => string; cut?: boolean } = {}): string {
  const cut = options.cut ?? true;
  const table = new Table({
    head: columns.map((c) => (options.heading ? options.heading(c.header) : c.header)),
    chars: BORDERLESS,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0, compact: true },
    colAligns: columns.map((c) => c.align ?? 'left'),
    wordWrap: false,
  });
  const fit = (cell: string, column: Column | undefined) => (!cut ? cell : column?.wrap ? wrapWords(cell, column.maxWidth) : truncate(cell, column?.maxWidth));
  for (const row of rows) table.push(row.map((cell, i) => fit(cell, columns[i])));
  return table.toString();
}

/** A two-column "label  value" block, e.g. for cart headers and whoami. */
export function renderPairs(pairs: Array<[string, string]>, label: (s: string) => string = (s) => s): string {
  const width = Math.max(0, ...pairs.map(([k]) => k.length));
  return pairs.map(([k, v]) => `${label(k.padEnd(width))}  ${v}`).join('\n');
}

/**
 * Breaks a plain cell into lines of at most `max` characters at spaces (a longer word is split);
 * every line keeps the cell's leading spaces, so a nested row (an option under its server) stays nested.
 */
function wrapWords(cell: string, max: number | undefined): string {
  if (!max || visibleLength(cell) <= max) return cell;
  const margin = /^ */.exec(cell)![0];
  if (margin) return wrapWords(cell.slice(margin.length), max - margin.length).replace(/^/gm, margin);
  const lines: string[] = [];
  let line = '';
  for (const word of cell.split(' ')) {
    let rest = word;
    while (rest.length > max) {
      if (line) lines.push(line);
      lines.push(rest.slice(0, max));
      rest = rest.slice(max);
      line = '';
    }
    if (!line) line = rest;
    else if (line.length + 1 + rest.length <= max) line += ` ${rest}`;
    else {
      lines.push(line);
      line = rest;
    }
  }
  if (line) lines.push(line);
  return lines.join('\n');
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

/**
 * Each line of `text` longer than `width` broken at spaces, continuation lines indented by
 * `indent` more than the line itself; a word is never split (a URL stays whole, even past the width).
 */
export function wrapLines(text: string, width: number, indent = 2): string {
  return text
    .split('\n')
    .map((whole) => {
      if (visibleLength(whole) <= width) return whole;
      const margin = /^ */.exec(whole)![0];
      const next = margin + ' '.repeat(indent);
      const lines: string[] = [];
      let line = '';
      for (const word of whole.slice(margin.length).split(' ')) {
        const room = width - (lines.length === 0 ? margin.length : next.length);
        if (line !== '' && visibleLength(line) + 1 + visibleLength(word) > room) {
          lines.push(line);
          line = word;
        } else line = line === '' ? word : `${line} ${word}`;
      }
      lines.push(line);
      return margin + lines.join(`\n${next}`);
    })
    .join('\n');
}
