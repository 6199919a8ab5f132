// Splits an SSDA903 return bigger than one request into returns that each fit: by child, as
// cin-stream.ts does for CIN, each part the two files' header lines with whole children (a child's
// Header row and every one of its Episodes rows travel together), so each part is checked, linked
// and written on its own, all or nothing, and "what the source no longer sends is closed" stays
// true per child. The rows are sent exactly as the files had them. 903 files are small beside a
// CIN return (about 100 bytes a row), so both are held whole.
import { parse } from 'csv-parse/sync';

export interface Ssda903Part {
  header: string;
  episodes: string;
  children: number;
}

/** The file's header line and each data row's raw text with its CHILD; null when it has no CHILD column. */
function rowsByChild(text: string): { head: string; rows: { child: string; raw: string }[] } | null {
  const records = parse(text, { bom: true, raw: true, skip_empty_lines: true, relax_column_count: true }) as unknown as {
    record: string[];
    raw: string;
  }[];
  if (!records.length) return null;
  const [head, ...rows] = records;
  const at = head.record.findIndex((c) => c.trim().toUpperCase() === 'CHILD');
  if (at < 0) return null;
  return {
    head: head.raw.replace(/\r?\n$/, ''),
    rows: rows.map((r) => ({ child: r.record[at]?.trim() ?? '', raw: r.raw.replace(/\r?\n$/, '') })),
  };
}

/** What a part costs in a request: both files as JSON strings, and room for the query around them. */
const requestCost = (lines: string[]) => Buffer.byteLength(JSON.stringify(lines.join('\n'))) + 1;
const QUERY_ROOM = 1000;

/**
 * The return as parts of at most `maxBytes` a request, children in the order they first appear
 * (Header, then Episodes); null when a file cannot be split (not CSV, or no CHILD column): it is
 * then sent whole, and the hub's own check names the problem.
 */
export function split903(header: string, episodes: string, maxBytes: number): Ssda903Part[] | null {
  let h, e;
  try {
    h = rowsByChild(header);
    e = rowsByChild(episodes);
  } catch {
    return null;
  }
  if (!h || !e) return null;
  const groups = new Map<string, { header: string[]; episodes: string[] }>();
  const group = (child: string) => groups.get(child) ?? groups.set(child, { header: [], episodes: [] }).get(child)!;
  for (const r of h.rows) group(r.child).header.push(r.raw);
  for (const r of e.rows) group(r.child).episodes.push(r.raw);
  const fixed = requestCost([h.head]) + requestCost([e.head]) + QUERY_ROOM;
  const parts: Ssda903Part[] = [];
  let part = { header: [] as string[], episodes: [] as string[], children: 0, bytes: fixed };
  const close = () => {
    if (part.children)
      parts.push({
        header: [h.head, ...part.header].join('\n') + '\n',
        episodes: [e.head, ...part.episodes].join('\n') + '\n',
        children: part.children,
      });
    part = { header: [], episodes: [], children: 0, bytes: fixed };
  };
  for (const g of groups.values()) {
    const bytes = requestCost(g.header) + requestCost(g.episodes);
    if (fixed + bytes > maxBytes) throw new Error(`one child's rows are larger than the request limit (${maxBytes} bytes)`);
    if (part.children && part.bytes + bytes > maxBytes) close();
    part.header.push(...g.header);
    part.episodes.push(...g.episodes);
    part.children++;
    part.bytes += bytes;
  }
  close();
  return parts;
}

/** Whether the two files fit one request as they are (then they are sent whole, so a replay of the same files matches). */
export const fits903 = (header: string, episodes: string, maxBytes: number) =>
  Buffer.byteLength(JSON.stringify(header)) + Buffer.byteLength(JSON.stringify(episodes)) + QUERY_ROOM <= maxBytes;
