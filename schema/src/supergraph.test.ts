import { readSupergraph } from './supergraph';
import { composeSupergraph } from '../scripts/compose';

it('the committed supergraph matches the subgraphs (run `npm run compose` to regenerate)', () => {
  expect(readSupergraph()).toBe(composeSupergraph());
});
