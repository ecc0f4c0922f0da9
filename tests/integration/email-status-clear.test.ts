import { bootStrapi, type TestApp } from '../helpers/strapi';
import { createAdmin, createAdminRole, type AdminSession } from '../helpers/actors';
import { worker } from '../helpers/outbox';
import { seedUser } from '../helpers/users';

const USER_UID = 'plugin::users-permissions.user';
const AUDIT_UID = 'plugin::user-communication.audit-event';
const CLEAR_URL = '/user-communication/users/email-status/clear';
const NOW = '2026-10-01T06:00:00.000Z';
const daysBefore = (days: number) => new Date(Date.parse(NOW) - days * 86_400_000).toISOString();
const nextDay = new Date(Date.parse(NOW) + 86_400_000).toISOString();

interface AuditRow {
  action: string;
  actorId: number | null;
  userId: number | null;
  details: Record<string, unknown>;
}

describe('mark as deliverable: an admin clears a bounce or complaint status', () => {
  let app: TestApp;
  let admin: AdminSession;

  const user = (id: number) => app.strapi.db.query(USER_UID).findOne({ where: { id } });
  const clear = (body: unknown, session = admin) =>
    app
      .http()
      .post(CLEAR_URL)
      .set('Authorization', session.auth)
      .send(body as object);

  /** A user whose last login is long past: the no-login reminder is due for them. */
  const dueUser = () =>
    seedUser(app, {
      createdAt: daysBefore(100),
      lastLoginAt: daysBefore(40),
      activatedAt: daysBefore(100),
    });

  /** Sets the delivery state as a report would (protected fields: only trusted code writes them). */
  const setState = (id: number, data: Record<string, unknown>) =>
    app.strapi
      .plugin('user-communication')
      .service('user-state')
      .trusted(() => app.strapi.db.query(USER_UID).update({ where: { id }, data }));

  const lastAuditId = async () => {
    const [last] = (await app.strapi.db
      .query(AUDIT_UID)
      .findMany({ select: ['id'], orderBy: { id: 'desc' }, limit: 1 })) as Array<{ id: number }>;
    return last?.id ?? 0;
  };
  const auditRowsAfter = (since: number) =>
    app.strapi.db.query(AUDIT_UID).findMany({
      where: { id: { $gt: since } },
      orderBy: { id: 'asc' },
    }) as Promise<AuditRow[]>;

  beforeAll(async () => {
    app = await bootStrapi();
    admin = await createAdmin(app);
  });

  afterAll(async () => {
    await app?.stop();
  });

  beforeEach(() => app.mail.clear());
  afterEach(() => app.clock.reset());

  it('clears an undeliverable address, and the next no-login reminder run includes the user again', async () => {
    await app
      .http()
      .put('/user-communication/settings')
      .set('Authorization', admin.auth)
      .send({ noLoginReminder: { enabled: true, intervalDays: 30, hourUtc: 6 } })
      .expect(200);
    const bounced = await dueUser();
    await setState(bounced.id, {
      emailStatus: 'undeliverable',
      emailStatusReason: 'Hard bounce: 550 5.1.1 mailbox unknown',
      emailStatusChangedAt: daysBefore(5),
      softBounceCount: 2,
    });
    const reminders = () => app.strapi.plugin('user-communication').service('reminders');

    app.clock.set(NOW);
    await reminders().run('manual');
    await worker(app).tick();
    expect(app.mail.to(bounced.email)).toHaveLength(0);

    app.clock.set(nextDay);
    const response = await clear({ userIds: [String(bounced.id)] });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      results: [{ id: String(bounced.id), status: 'cleared', previous: 'undeliverable' }],
    });
    const cleared = await user(bounced.id);
    expect(cleared).toMatchObject({
      emailStatus: 'ok',
      emailStatusReason: null,
      softBounceCount: 0,
    });
    expect(new Date(cleared.emailStatusChangedAt).toISOString()).toBe(nextDay);

    const outcome = await reminders().run('manual');
    expect(outcome).toMatchObject({ status: 'done' });
    await worker(app).tick();
    expect(app.mail.to(bounced.email)).toHaveLength(1);
  });

  it('takes documentIds, clears a complaint and soft bounces alone, and skips already-ok and unknown ids', async () => {
    const complained = await dueUser();
    const softBounced = await dueUser();
    const fine = await dueUser();
    await setState(complained.id, {
      emailStatus: 'complained',
      emailStatusReason: 'Marked as spam',
    });
    await setState(softBounced.id, { softBounceCount: 2 });
    const { documentId } = await user(complained.id);

    const response = await clear({
      userIds: [documentId, String(softBounced.id), String(fine.id), 'no-such-user', '999999'],
    });
    expect(response.status).toBe(200);
    expect(response.body.results).toEqual([
      { id: documentId, status: 'cleared', previous: 'complained' },
      { id: String(softBounced.id), status: 'cleared' },
      { id: String(fine.id), status: 'skipped', reason: 'already-ok' },
      { id: 'no-such-user', status: 'skipped', reason: 'not-found' },
      { id: '999999', status: 'skipped', reason: 'not-found' },
    ]);
    expect(await user(complained.id)).toMatchObject({ emailStatus: 'ok', emailStatusReason: null });
    expect(await user(softBounced.id)).toMatchObject({ emailStatus: 'ok', softBounceCount: 0 });

    // Asked again: nothing left to clear.
    const again = await clear({ userIds: [documentId] });
    expect(again.body.results).toEqual([
      { id: documentId, status: 'skipped', reason: 'already-ok' },
    ]);
  });

  it('writes one audit row per user asked for, with the status it had and never the address', async () => {
    const bounced = await dueUser();
    const fine = await dueUser();
    await setState(bounced.id, { emailStatus: 'undeliverable', emailStatusReason: 'Hard bounce' });
    const since = await lastAuditId();

    await clear({ userIds: [String(bounced.id), String(fine.id), 'no-such-user'] }).expect(200);

    const rows = await auditRowsAfter(since);
    expect(rows).toEqual([
      expect.objectContaining({
        action: 'users.clear-email-status',
        actorId: admin.id,
        userId: bounced.id,
        details: { status: 'cleared', previous: 'undeliverable' },
      }),
      expect.objectContaining({
        action: 'users.clear-email-status',
        userId: fine.id,
        details: { status: 'skipped', reason: 'already-ok' },
      }),
      expect.objectContaining({
        action: 'users.clear-email-status',
        userId: null,
        details: { status: 'skipped', reason: 'not-found', key: 'no-such-user' },
      }),
    ]);
    expect(JSON.stringify(rows)).not.toContain(bounced.email);
  });

  it('needs users.clear-email-status: 403 for an admin without it, and nothing changes', async () => {
    const bounced = await dueUser();
    await setState(bounced.id, { emailStatus: 'undeliverable' });
    const otherRights = await createAdmin(app, {
      roleIds: [await createAdminRole(app, ['plugin::user-communication.users.resend-activation'])],
    });
    const since = await lastAuditId();

    const response = await clear({ userIds: [String(bounced.id)] }, otherRights);

    expect(response.status).toBe(403);
    expect(await user(bounced.id)).toMatchObject({ emailStatus: 'undeliverable' });
    expect(await auditRowsAfter(since)).toEqual([]);
    await app
      .http()
      .post(CLEAR_URL)
      .send({ userIds: [String(bounced.id)] })
      .expect(401);
  });

  it('refuses bad bodies with a 400 naming the problem, and writes nothing', async () => {
    const since = await lastAuditId();
    const bodies: Array<[unknown, RegExp]> = [
      [{}, /userIds is required/],
      [{ userIds: [] }, /at least one user/],
      [{ userIds: 'abc' }, /userIds/],
      [{ userIds: [1, 2] }, /userIds/],
      [{ userIds: ['x'.repeat(65)] }, /userIds/],
      [{ userIds: Array.from({ length: 1001 }, (_, index) => String(index + 1)) }, /at most 1000/],
      [{ userIds: ['1'], extra: true }, /Unknown field\(s\): extra/],
    ];
    for (const [body, message] of bodies) {
      const response = await clear(body);
      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({ name: 'ValidationError' });
      expect(response.body.error.message).toMatch(message);
    }
    expect(await auditRowsAfter(since)).toEqual([]);
  });
});
