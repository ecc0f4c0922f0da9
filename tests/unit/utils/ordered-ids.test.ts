import { documentIds, orderedIds } from '@server/utils/ordered-ids';

describe('orderedIds', () => {
  afterEach(() => jest.restoreAllMocks());

  it('gives distinct ids of the time in seconds then random hex, as long as before', () => {
    jest.spyOn(Date, 'now').mockReturnValue(Date.parse('2026-12-02T12:00:00.500Z'));
    const ids = documentIds(1000);
    expect(new Set(ids).size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{24}$/);
    const seconds = Math.floor(Date.parse('2026-12-02T12:00:00Z') / 1000).toString(16);
    expect(ids.every((id) => id.startsWith(seconds))).toBe(true);
    expect(orderedIds(2, 12).every((id) => /^[0-9a-f]{32}$/.test(id))).toBe(true);
  });

  it('sorts a later batch after an earlier one, so an index takes it at its end', () => {
    const now = jest.spyOn(Date, 'now').mockReturnValue(Date.parse('2026-12-02T12:00:00Z'));
    const earlier = documentIds(100);
    now.mockReturnValue(Date.parse('2026-12-02T12:00:01Z'));
    const later = documentIds(100);
    const lastEarlier = [...earlier].sort().at(-1) as string;
    expect(later.every((id) => id > lastEarlier)).toBe(true);
  });
});
