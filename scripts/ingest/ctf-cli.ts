// `npm run ingest -- --agency education --ctf ctf.xml`: a school MIS's Common Transfer File, one
// submission sent whole (a CTF is one school's leavers or joiners: small), as edu-feed by default.
import { readFileSync, statSync } from 'node:fs';
import { createProgress } from '@hub/seed/progress';
import { postCtf } from './client';
import { reportOne } from './report';

export async function ingestCtfFile(file: string, gateway: string, token: string): Promise<number> {
  const bytes = statSync(file).size;
  const progress = createProgress(bytes, { label: 'ingest CTF' });
  const started = Date.now();
  const r = await postCtf(gateway, token, readFileSync(file, 'utf8'));
  progress.update(bytes);
  progress.finish();
  return reportOne(file, r, started);
}
