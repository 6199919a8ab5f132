// Reads a CSV file the LA's case system produced (SSDA903 Header and Episodes, case allocations)
// with csv-parse, record by record as it streams, into rows keyed by column name. Values stay text
// (an LA child id "0012" must not become 12); an empty cell is null. csv-parse's own messages can
// quote the offending cell, so a malformed file is reported by line only (cells are personal data).
import { parse } from 'csv-parse';

export interface CsvTable {
  columns: string[];
  /** Data rows, in file order; row k is the (k+1)th line after the header. */
  rows: Record<string, string | null>[];
}

export async function readCsv(text: string, required: readonly string[]): Promise<{ table: CsvTable } | { problem: string }> {
  let columns: string[] = [];
  const parser = parse({
    bom: true,
    trim: true,
    skip_empty_lines: true,
    // The header names the columns; their order is the source's business (903 extracts vary).
    columns: (header: string[]) => (columns = header.map((h) => h.trim().toUpperCase())),
  });
  parser.end(text);
  const rows: Record<string, string | null>[] = [];
  try {
    for await (const record of parser as AsyncIterable<Record<string, string>>) {
      const row: Record<string, string | null> = {};
      for (const c of columns) row[c] = record[c] ? record[c] : null;
      rows.push(row);
    }
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    return { problem: `is not valid CSV${line ? ` (line ${line})` : ''}` };
  }
  const missing = required.filter((c) => !columns.includes(c));
  if (missing.length) return { problem: `has no ${missing.join(', ')} column${missing.length > 1 ? 's' : ''}` };
  return { table: { columns, rows } };
}
