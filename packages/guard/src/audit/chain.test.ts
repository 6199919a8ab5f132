// The audit chain's hashes are over canonicalPayload's text: if the serialiser changed its output,
// every chain sealed before would stop verifying. This pins the text with a fixed record (computed
// with the hand-written serialiser the library replaced).
import { canonicalPayload } from './chain';

it('canonicalPayload is byte-for-byte the text earlier chains were hashed over', () => {
  const record: any = {
    at: '2026-12-02T10:00:00.000Z',
    requestId: 'b3b1f0c2-3c4e-4a57-9a4e-0f5f2a0e7d11',
    actor: { sub: 'u-ehc-1', org: 'LA937', roles: ['ehc_coordinator', 'team_manager'] },
    purpose: 'EHC_ASSESSMENT',
    entries: [
      { childId: '00000000-0000-4000-8000-000000000002', category: 'HEALTH', decision: 'WITHHELD', reason: 'NO_CONSENT', extra: undefined },
      {
        childId: '00000000-0000-4000-8000-000000000001',
        category: 'EDUCATION',
        decision: 'PERMIT',
        basis: 'CONSENT',
        breakGlassId: null,
        n: 3,
        nested: { z: 1, a: [1, 'x', null], é: true },
      },
    ],
  };
  expect(canonicalPayload(record)).toBe(
    '{"actor":{"org":"LA937","roles":["ehc_coordinator","team_manager"],"sub":"u-ehc-1"},"at":"2026-12-02T10:00:00.000Z","entries":[{"basis":"CONSENT","breakGlassId":null,"category":"EDUCATION","childId":"00000000-0000-4000-8000-000000000001","decision":"PERMIT","n":3,"nested":{"a":[1,"x",null],"z":1,"é":true}},{"category":"HEALTH","childId":"00000000-0000-4000-8000-000000000002","decision":"WITHHELD","reason":"NO_CONSENT"}],"purpose":"EHC_ASSESSMENT","requestId":"b3b1f0c2-3c4e-4a57-9a4e-0f5f2a0e7d11"}',
  );
});
