import createClock from '@server/services/clock';

describe('clock', () => {
  it('reads the real time in UTC by default', () => {
    const clock = createClock();
    const before = Date.now();
    const now = clock.now();
    expect(now.zoneName).toBe('UTC');
    expect(Math.abs(now.toMillis() - before)).toBeLessThan(1000);
  });

  it('can be pinned, advanced and reset, so no test sleeps', () => {
    const clock = createClock();
    clock.set('2026-01-01T06:00:00Z');
    expect(clock.now().toISO()).toBe('2026-01-01T06:00:00.000Z');
    clock.advance({ days: 14 });
    expect(clock.now().toISO()).toBe('2026-01-15T06:00:00.000Z');
    clock.reset();
    expect(Math.abs(clock.now().toMillis() - Date.now())).toBeLessThan(1000);
  });

  it('advances a running clock by an offset', () => {
    const clock = createClock();
    clock.advance({ days: 2 });
    expect(clock.now().toMillis() - Date.now()).toBeGreaterThan(2 * 86400000 - 1000);
  });

  it('rejects an unparseable instant', () => {
    expect(() => createClock().set('next tuesday')).toThrow(/Invalid clock instant/);
  });
});
