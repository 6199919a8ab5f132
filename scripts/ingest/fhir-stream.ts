// The same split as fhir-chunks.ts for a Bundle file of any size, reading it as a stream: memory
// holds one part (at most maxBytes) and the Bundle's header, never the file. Two passes: the
// header (the Bundle without its entries), then the entries one by one: each Patient starts a group
// that holds the entries after it, up to the next Patient. So a patient's entries must follow its
// Patient entry (as an EPR writes an extract); one that does not may arrive in a part without its
// Patient, and that part is rejected (FHIR-SUBJECT), never half-linked.
import { createReadStream } from 'node:fs';
import type { Bundle, BundleEntry } from '@medplum/fhirtypes';
import { parser } from 'stream-json';
import { ignore } from 'stream-json/filters/Ignore';
import { pick } from 'stream-json/filters/Pick';
import { streamArray } from 'stream-json/streamers/StreamArray';
import { streamValues } from 'stream-json/streamers/StreamValues';
import { chain } from 'stream-chain';
import { requestBytes } from './fhir-chunks';

async function header(file: string): Promise<Bundle> {
  const pipeline = chain([createReadStream(file), parser(), ignore({ filter: /^entry\b/ }), streamValues()]);
  for await (const { value } of pipeline) return value as Bundle;
  throw new Error('the file holds no JSON value');
}

export async function* streamSplitBundle(file: string, maxBytes: number): AsyncGenerator<{ text: string; entries: number }> {
  const head = await header(file);
  let part = 0;
  let current: BundleEntry[] = [];
  let size = 0;
  let group: BundleEntry[] = [];
  let groupBytes = 0;
  const flush = () => {
    const b: Bundle = { ...head, identifier: { ...head.identifier, value: `${head.identifier?.value}.p${++part}` }, entry: current };
    const out = { text: JSON.stringify(b), entries: current.length };
    current = [];
    size = 0;
    return out;
  };
  const pipeline = chain([createReadStream(file), parser(), pick({ filter: 'entry' }), streamArray()]);
  for await (const { value } of pipeline) {
    const e = value as BundleEntry;
    if (e?.resource?.resourceType === 'Patient' && group.length) {
      if (size && size + groupBytes > maxBytes - 1000) yield flush();
      current.push(...group);
      size += groupBytes;
      group = [];
      groupBytes = 0;
    }
    group.push(e);
    groupBytes += requestBytes(JSON.stringify(e));
  }
  if (group.length) {
    if (size && size + groupBytes > maxBytes - 1000) yield flush();
    current.push(...group);
  }
  if (current.length) yield flush();
}
