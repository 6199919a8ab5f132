// Run by the jest global teardown: the whole run's logs (LOG_FILE, every process) must hold no
// personal data. Reports line numbers and kinds only, never the data itself.
import { existsSync, readFileSync } from 'node:fs';
import { findPersonalData } from './personal-data';

export function scanLogs(file: string): string {
  if (!existsSync(file)) throw new Error(`log scan: ${file} does not exist (LOG_FILE was not written)`);
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n').filter(Boolean);
  for (const [i, l] of lines.entries()) {
    try {
      JSON.parse(l);
    } catch {
      throw new Error(`log scan: line ${i + 1} of ${file} is not JSON`);
    }
  }
  const hits = findPersonalData(text);
  if (hits.length) {
    const sample = hits
      .slice(0, 20)
      .map((h) => `line ${h.line}: ${h.kind}`)
      .join('; ');
    throw new Error(`log scan: personal data in ${hits.length} places in ${file} (${sample})`);
  }
  const services = new Set(lines.map((l) => JSON.parse(l).service));
  return `log scan: ${lines.length} JSON lines from ${[...services].sort().join(', ')}; no personal data`;
}
