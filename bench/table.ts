// The results table, printed as Markdown so it reads in a terminal and pastes into the README as is.
import type { Summary } from './stats.js';

type Unit = 'ms' | 'MB' | 'x' | 'requests' | 'count' | 'MB file';

export interface ResultRow {
  figure: string;
  unit: Unit;
  summary: Summary;
  /** Upper bound the median must stay under; absent for figures shown for context. */
  target?: number;
  /** How the target was derived, e.g. `1.5 x node -e 0`. */
  targetNote?: string;
}

export type Verdict = 'PASS' | 'FAIL' | 'info';

export function verdictOf(row: ResultRow): Verdict {
  if (row.target === undefined) return 'info';
  return row.summary.median <= row.target ? 'PASS' : 'FAIL';
}

function num(value: number, unit: Unit): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (unit === 'x') return value.toFixed(2);
  if (unit === 'requests' || unit === 'count') return Number.isInteger(value) ? String(value) : value.toFixed(1);
  if (unit === 'MB' || unit === 'MB file') return value.toFixed(1);
  return value < 10 ? value.toFixed(1) : value.toFixed(0);
}

function withUnit(value: number, unit: Unit): string {
  const text = num(value, unit);
  if (text === 'n/a') return text;
  if (unit === 'x') return `${text}x`;
  if (unit === 'requests' || unit === 'count') return text;
  if (unit === 'MB file') return `${text} MB`;
  return `${text} ${unit}`;
}

export function renderTable(rows: readonly ResultRow[]): string {
  const header = ['Figure', 'Median', 'Spread (p10–p90)', 'Runs', 'Target', 'vs target', 'Result'];
  const body = rows.map((row) => {
    const s = row.summary;
    const spread = s.n > 1 ? `${num(s.p10, row.unit)}–${num(s.p90, row.unit)}` : '—';
    const target = row.target === undefined ? '—' : `≤ ${withUnit(row.target, row.unit)}${row.targetNote ? ` (${row.targetNote})` : ''}`;
    const ratio = row.target === undefined || row.target === 0 ? '—' : `${(s.median / row.target).toFixed(2)}`;
    const verdict = verdictOf(row);
    return [row.figure, withUnit(s.median, row.unit), spread, String(s.n), target, ratio, verdict === 'info' ? '—' : verdict === 'FAIL' ? '**FAIL**' : 'PASS'];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}
