// Splits a CIN census return of any size into returns that each fit one request, reading the file
// as a stream: memory holds the header and one part, never the file. Every part is a whole return
// (the same Header, its SerialNo suffixed .1, .2, ... so each part is named apart) holding whole
// Child elements, so each is checked, linked and written on its own, all or nothing.
// The split is on the text of the <Child> and </Child> tags (the return's XSD puts nothing else
// with those exact names at that level; ChildIdentifiers and the like differ in the name), so the
// bytes of each Child are sent exactly as the file had them.
import { createReadStream } from 'node:fs';

const OPEN = '<Children>';
const CLOSE = '</Children>';
const CHILD = '<Child>';
const END = '</Child>';

export async function* streamSplitCensus(file: string, maxBytes: number): AsyncGenerator<{ text: string; children: number }> {
  let pending = '';
  let head: string | null = null;
  let tail = `\n${CLOSE}</Message>\n`;
  let part: string[] = [];
  let size = 0;
  let k = 0;
  const wrap = () => {
    k++;
    const h = head!.replace(/<SerialNo>([^<]*)<\/SerialNo>/, (_m, s: string) => `<SerialNo>${`${s}`.slice(0, 14)}.${k}</SerialNo>`);
    const text = `${h}\n${part.join('\n')}${tail}`;
    const out = { text, children: part.length };
    part = [];
    size = 0;
    return out;
  };
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    pending += chunk as string;
    if (head === null) {
      const at = pending.indexOf(OPEN);
      if (at < 0) {
        if (pending.length > maxBytes) throw new Error('no <Children> element within the first part of the file');
        continue;
      }
      head = pending.slice(0, at + OPEN.length);
      pending = pending.slice(at + OPEN.length);
    }
    for (;;) {
      const start = pending.indexOf(CHILD);
      const end = start < 0 ? -1 : pending.indexOf(END, start);
      if (end < 0) break;
      const child = pending.slice(start, end + END.length);
      pending = pending.slice(end + END.length);
      const bytes = Buffer.byteLength(child) + 1;
      if (Buffer.byteLength(head) + bytes + tail.length > maxBytes)
        throw new Error(`a Child element is larger than the request limit (${maxBytes} bytes)`);
      if (part.length && Buffer.byteLength(head) + size + bytes + tail.length > maxBytes) yield wrap();
      part.push(child);
      size += bytes;
    }
    // Whatever is left is the start of the next Child (or the end of the file): keep only that.
    const next = pending.indexOf(CHILD);
    if (next > 0) pending = pending.slice(next);
  }
  const close = pending.indexOf(CLOSE);
  if (head === null || close < 0) throw new Error('not a CIN census return (no <Children> ... </Children>)');
  tail = `\n${pending.slice(close)}`;
  if (part.length) yield wrap();
}
