import { ConfigError } from '@hub/runtime/settings/read';
import { documentCacheOptions, gatewayPerformance, planCacheOptions, subgraphFetcher } from './performance';

describe('gateway performance settings', () => {
  it('defaults to one process, undici’s keep-alive fetcher and the plan cache on', () => {
    const perf = gatewayPerformance({});
    expect(perf).toEqual({ workers: 1, subgraphFetch: 'undici', planCache: true });
    expect(planCacheOptions(perf)).toEqual({});
    expect(documentCacheOptions(perf)).toEqual({});
  });

  it('reads GATEWAY_WORKERS, GATEWAY_SUBGRAPH_FETCH and GATEWAY_PLAN_CACHE, refusing bad values by name', () => {
    const perf = gatewayPerformance({ GATEWAY_WORKERS: '2', GATEWAY_SUBGRAPH_FETCH: 'native', GATEWAY_PLAN_CACHE: 'off' });
    expect(perf).toEqual({ workers: 2, subgraphFetch: 'native', planCache: false });
    expect(planCacheOptions(perf).queryPlannerConfig?.cache).toBeDefined();
    expect(documentCacheOptions(perf)).toEqual({ documentStore: null });
    expect(() => gatewayPerformance({ GATEWAY_SUBGRAPH_FETCH: 'curl' })).toThrow(ConfigError);
    expect(() => gatewayPerformance({ GATEWAY_PLAN_CACHE: 'maybe' })).toThrow('GATEWAY_PLAN_CACHE');
    expect(() => gatewayPerformance({ GATEWAY_WORKERS: '-1' })).toThrow('GATEWAY_WORKERS');
  });

  it('gives every subgraph call the time limit, and keep-alive unless asked not to', async () => {
    const seen: any[] = [];
    const base = async (_url: string, init: any) => void seen.push(init);
    await subgraphFetcher('apollo-default', 1234, base)('http://x', { method: 'POST' });
    await subgraphFetcher('no-keep-alive', 99, base)('http://x', { method: 'POST' });
    expect(seen).toEqual([
      { method: 'POST', timeout: 1234, keepAlive: true },
      { method: 'POST', timeout: 99, keepAlive: false },
    ]);
  });
});
