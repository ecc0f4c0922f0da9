import { backoffSeconds } from '@server/utils/backoff';

describe('backoff', () => {
  it('backs off exponentially, with jitter between half and all of the ceiling, up to the maximum', () => {
    const options = { baseSeconds: 30, maxSeconds: 3600 };
    expect(backoffSeconds(1, options, () => 0)).toBe(15);
    expect(backoffSeconds(1, options, () => 1)).toBe(30);
    expect(backoffSeconds(3, options, () => 1)).toBe(120);
    expect(backoffSeconds(20, options, () => 1)).toBe(3600);
  });
});
