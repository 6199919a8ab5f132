// Free loopback ports for one run: one per subgraph and one for the gateway under test, each
// distinct and outside the ephemeral range (see tests/kit/free-port.cjs).
import { freePort } from '../kit/free-port.cjs';

export async function freePortFor(names: readonly string[]): Promise<{ subgraphs: Record<string, number>; gateway: number }> {
  const ports: number[] = [];
  for (const _ of [...names, 'gateway']) ports.push(await freePort());
  return { subgraphs: Object.fromEntries(names.map((n, i) => [n, ports[i]])), gateway: ports[names.length] };
}
