// The fault matrix as a text table: one line per row, one column per fault.
export function formatTable(rows: readonly string[], columns: readonly string[], cell: (row: string, column: string) => string): string {
  const lines = [['', ...columns], ...rows.map((row) => [row, ...columns.map((column) => cell(row, column))])];
  const widths = lines[0]?.map((_, index) => Math.max(...lines.map((line) => line[index]?.length ?? 0))) ?? [];
  return lines
    .map((line) =>
      line
        .map((text, index) => text.padEnd(widths[index] ?? 0))
        .join(' │ ')
        .trimEnd(),
    )
    .join('\n');
}
