import { strict as assert } from 'node:assert';
import { mapLimited } from '../../../../src/core/corpus/limit';

describe('mapLimited', () => {
  it('keeps at most `limit` calls in flight and returns results in input order', async () => {
    let inFlight = 0, most = 0;
    const out = await mapLimited([5, 1, 4, 2, 3, 0, 6], 3, async (x, i) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, x));
      inFlight--;
      return `${i}:${x}`;
    });
    assert.deepEqual(out, ['0:5', '1:1', '2:4', '3:2', '4:3', '5:0', '6:6']);
    assert.equal(most, 3);
    assert.deepEqual(await mapLimited([], 4, async () => 1), []);
  });
});
