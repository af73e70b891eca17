/** One line of the bench's table. `pass` is undefined for figures that have no target. */
export interface Row {
  metric: string;
  value: string;
  target: string;
  pass?: boolean;
  /** Why a figure could not be measured ('n/a (no /events)'): shown in place of pass/fail. */
  note?: string;
}

export const verdict = (row: Row): string => row.note ?? (row.pass === undefined ? '' : row.pass ? 'pass' : 'FAIL');

/** The table as Markdown, so that the README can take it as printed. */
export function formatTable(rows: Row[]): string {
  const header = ['metric', 'value', 'target', 'pass/fail'];
  const cells = rows.map((row) => [row.metric, row.value, row.target, verdict(row)]);
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((line) => line[column].length)));
  const line = (values: string[]): string =>
    `| ${values.map((value, column) => value.padEnd(widths[column])).join(' | ')} |`;
  return [line(header), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}

export const int = (value: number): string => (Number.isFinite(value) ? Math.round(value).toLocaleString('en') : '—');
export const ms = (value: number): string => (Number.isFinite(value) ? `${value} ms` : '—');
export const percent = (value: number): string => (Number.isFinite(value) ? `${(value * 100).toFixed(1)}%` : '—');
