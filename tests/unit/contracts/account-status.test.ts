import {
  ACCOUNT_STATUSES,
  accountStatus,
  DAY_MS,
  type AccountFacts,
} from '@shared/contracts/account-status';

const NOW = Date.parse('2026-03-01T12:00:00.000Z');
const clock = { now: NOW, inactiveAfterDays: 30 };
const daysAgo = (days: number) => new Date(NOW - days * DAY_MS).toISOString();

const user = (facts: Partial<AccountFacts> = {}): AccountFacts => ({
  blocked: false,
  emailStatus: 'ok',
  origin: 'manual',
  provider: 'local',
  lastLoginAt: null,
  activatedAt: null,
  liveLink: false,
  hadLink: false,
  ...facts,
});

describe('account status rule', () => {
  it('lists every status once, in order of precedence', () => {
    expect(new Set(ACCOUNT_STATUSES).size).toBe(ACCOUNT_STATUSES.length);
    expect(ACCOUNT_STATUSES[0]).toBe('blocked');
  });

  it('says invited while an activation link is live and the user never logged in', () => {
    expect(accountStatus(user({ liveLink: true, hadLink: true }), clock)).toEqual({
      status: 'invited',
    });
  });

  it('says link expired when a never-activated user has only dead links', () => {
    expect(accountStatus(user({ hadLink: true }), clock)).toEqual({ status: 'link-expired' });
  });

  it('says never logged in for a user who was never sent a link', () => {
    expect(accountStatus(user(), clock)).toEqual({ status: 'never-logged-in' });
  });

  it('says never logged in for an activated user whose links are spent', () => {
    expect(accountStatus(user({ activatedAt: daysAgo(2), hadLink: true }), clock)).toEqual({
      status: 'never-logged-in',
    });
  });

  it('says active for a login within the interval', () => {
    expect(accountStatus(user({ lastLoginAt: daysAgo(29.9) }), clock)).toEqual({
      status: 'active',
    });
  });

  it('says inactive with whole days from the interval on (the reminder boundary)', () => {
    expect(accountStatus(user({ lastLoginAt: daysAgo(30) }), clock)).toEqual({
      status: 'inactive',
      days: 30,
    });
    expect(accountStatus(user({ lastLoginAt: daysAgo(45.7) }), clock)).toEqual({
      status: 'inactive',
      days: 45,
    });
  });

  it('follows the configured interval', () => {
    expect(
      accountStatus(user({ lastLoginAt: daysAgo(8) }), { now: NOW, inactiveAfterDays: 7 })
    ).toEqual({ status: 'inactive', days: 8 });
  });

  it('says sso for an SSO origin or a provider other than local, whatever the activity', () => {
    expect(accountStatus(user({ origin: 'sso', lastLoginAt: daysAgo(90) }), clock).status).toBe(
      'sso'
    );
    expect(accountStatus(user({ origin: 'scim', provider: 'oidc' }), clock).status).toBe('sso');
  });

  it('says undeliverable for a bounced or complaining address, before sso', () => {
    expect(accountStatus(user({ emailStatus: 'undeliverable', origin: 'sso' }), clock).status).toBe(
      'undeliverable'
    );
    expect(accountStatus(user({ emailStatus: 'complained', liveLink: true }), clock).status).toBe(
      'undeliverable'
    );
  });

  it('says blocked before anything else', () => {
    expect(
      accountStatus(user({ blocked: true, emailStatus: 'undeliverable', origin: 'sso' }), clock)
    ).toEqual({ status: 'blocked' });
  });

  it('reads a missing e-mail status or blocked flag as ok and not blocked', () => {
    expect(
      accountStatus(user({ blocked: null, emailStatus: null, lastLoginAt: daysAgo(1) }), clock)
    ).toEqual({ status: 'active' });
  });
});
