// Splits a DfE XML return of any size (a CIN census by Child, an SEN2 return by Person) into returns
// that each fit one request, reading the file as a stream: memory holds the header and one part,
// never the file. Every part is a whole return (the same Header; a CIN census's SerialNo suffixed
// .1, .2, ... so each part is named apart) holding whole record elements, so each is checked, linked
// and written on its own, all or nothing.
// The split is on the text of the record's open and close tags (<Child> and </Child>, <Person> and
// </Person>: each return's schema puts nothing else with those exact names in it; ChildIdentifiers,
// Persons and the like differ in the name), so the bytes of each record are sent exactly as the file
// had them.
import { createReadStream } from 'node:fs';

/** A return's shape: what it is called, the element holding its records, and the record element. */
export interface ReturnShape {
  name: string;
  container: string;
  record: string;
}

export const CIN_CENSUS: ReturnShape = { name: 'CIN census return', container: 'Children', record: 'Child' };
export const SEN2_RETURN: ReturnShape = { name: 'SEN2 return', container: 'Persons', record: 'Person' };

/** Each part's text, how many records it holds, and how many bytes of the file were read when it was cut (for progress). */
export async function* streamSplitReturn(
  file: string,
  maxBytes: number,
  shape: ReturnShape,
): AsyncGenerator<{ text: string; records: number; read: number }> {
  const OPEN = `<${shape.container}>`;
  const CLOSE = `</${shape.container}>`;
  const RECORD = `<${shape.record}>`;
  const END = `</${shape.record}>`;
  let pending = '';
  let head: string | null = null;
  let tail = `\n${CLOSE}</Message>\n`;
  let part: string[] = [];
  let size = 0;
  let k = 0;
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  const wrap = () => {
    k++;
    const h = head!.replace(/<SerialNo>([^<]*)<\/SerialNo>/, (_m, s: string) => `<SerialNo>${`${s}`.slice(0, 14)}.${k}</SerialNo>`);
    const text = `${h}\n${part.join('\n')}${tail}`;
    const out = { text, records: part.length, read: stream.bytesRead };
    part = [];
    size = 0;
    return out;
  };
  for await (const chunk of stream) {
    pending += chunk as string;
    if (head === null) {
      const at = pending.indexOf(OPEN);
      if (at < 0) {
        if (pending.length > maxBytes) throw new Error(`no ${OPEN} element within the first part of the file`);
        continue;
      }
      head = pending.slice(0, at + OPEN.length);
      pending = pending.slice(at + OPEN.length);
    }
    for (;;) {
      const start = pending.indexOf(RECORD);
      const end = start < 0 ? -1 : pending.indexOf(END, start);
      if (end < 0) break;
      const record = pending.slice(start, end + END.length);
      pending = pending.slice(end + END.length);
      const bytes = Buffer.byteLength(record) + 1;
      if (Buffer.byteLength(head) + bytes + tail.length > maxBytes)
        throw new Error(`a ${shape.record} element is larger than the request limit (${maxBytes} bytes)`);
      if (part.length && Buffer.byteLength(head) + size + bytes + tail.length > maxBytes) yield wrap();
      part.push(record);
      size += bytes;
    }
    // Whatever is left is the start of the next record (or the end of the file): keep only that.
    const next = pending.indexOf(RECORD);
    if (next > 0) pending = pending.slice(next);
  }
  const close = pending.indexOf(CLOSE);
  if (head === null || close < 0) throw new Error(`not a ${shape.name} (no ${OPEN} ... ${CLOSE})`);
  tail = `\n${pending.slice(close)}`;
  if (part.length) yield wrap();
}
