import { documentIds, keyId, orderedIds } from '@server/utils/ordered-ids';

describe('orderedIds', () => {
  afterEach(() => jest.restoreAllMocks());

  it('gives distinct ids of the time in milliseconds then random hex, as long as before', () => {
    const at = Date.parse('2026-12-02T12:00:00.500Z');
    jest.spyOn(Date, 'now').mockReturnValue(at);
    const ids = documentIds(1000);
    expect(new Set(ids).size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{24}$/);
    expect(ids.every((id) => id.startsWith(at.toString(16).padStart(12, '0')))).toBe(true);
    expect(orderedIds(2, 10).every((id) => /^[0-9a-f]{32}$/.test(id))).toBe(true);
  });

  it('gives a batch in order, so an index takes it as one run of entries', () => {
    const ids = documentIds(1000);
    expect(ids).toEqual([...ids].sort());
  });

  it('sorts a batch made a millisecond later after an earlier one, so an index takes it at its end', () => {
    const now = jest.spyOn(Date, 'now').mockReturnValue(Date.parse('2026-12-02T12:00:00.000Z'));
    const earlier = documentIds(100);
    now.mockReturnValue(Date.parse('2026-12-02T12:00:00.001Z'));
    const later = documentIds(100);
    expect(later.every((id) => id > (earlier.at(-1) as string))).toBe(true);
  });
});

describe('keyId', () => {
  it('pads ids so that keys sort as the ids do, up to the largest an integer column holds', () => {
    const keys = [9, 10, 123, 2_147_483_647, 4_294_967_295].map((id) => `k:${keyId(id)}:x`);
    expect(keys).toEqual([...keys].sort());
    expect(keyId(42)).toBe('0000000042');
    expect(keyId(4_294_967_295)).toBe('4294967295');
  });
});
