import crypto from 'node:crypto';
import { bootStrapi, type TestApp } from '../helpers/strapi';
import { enqueueTest, messageRow, worker } from '../helpers/outbox';
import { seedUser } from '../helpers/users';
import {
  selfSignedCertificate,
  sendgridKeys,
  sesNotification,
  signSns,
  startSnsHost,
  type SnsFields,
} from '../helpers/feedback-signers';
import { arf, dsn } from '../helpers/reports';

const USER_UID = 'plugin::users-permissions.user';
const EVENT_UID = 'plugin::user-communication.delivery-event';
const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:ses-feedback';
const OTHER_TOPIC = 'arn:aws:sns:eu-west-1:210987654321:someone-elses';
const POSTMARK = { username: 'postmark', password: 'postmark-webhook-password' };
const REPORT_SECRET = 'bounce-mailbox-secret-0123456789';
const BASE = '/api/user-communication/feedback';

describe('bounce and complaint webhooks', () => {
  let app: TestApp;
  let snsHost: Awaited<ReturnType<typeof startSnsHost>>;
  const sns = selfSignedCertificate();
  const sendgrid = sendgridKeys();

  const user = (id: number) => app.strapi.db.query(USER_UID).findOne({ where: { id } });
  const smtpIdOf = async (id: number) => (await messageRow(app, id)).smtpMessageId as string;
  const eventCount = () => app.strapi.db.query(EVENT_UID).count();

  /** A message to the user, sent by the worker. */
  const sendTo = async (target: { id: number; email: string }) => {
    const queued = await enqueueTest(app, {
      type: 'activation',
      userId: target.id,
      recipient: target.email,
    });
    await worker(app).tick();
    return { messageId: queued.id, smtpId: await smtpIdOf(queued.id) };
  };

  /** A user with a message the worker sent them. */
  const sent = async () => {
    const target = await seedUser(app, { createdAt: '2026-11-30T08:00:00.000Z' });
    return { user: target, ...(await sendTo(target)) };
  };

  /** What a refused request must leave as it was. */
  const state = async (target: Awaited<ReturnType<typeof sent>>) => {
    const [row, message, events] = await Promise.all([
      user(target.user.id),
      messageRow(app, target.messageId),
      eventCount(),
    ]);
    return {
      emailStatus: row.emailStatus,
      softBounceCount: row.softBounceCount,
      status: message.status,
      events,
    };
  };

  beforeAll(async () => {
    snsHost = await startSnsHost(sns.pem);
    app = await bootStrapi({
      env: {
        UC_FEEDBACK_SES_TOPIC_ARNS: TOPIC,
        UC_FEEDBACK_SENDGRID_PUBLIC_KEY: sendgrid.publicKey,
        UC_FEEDBACK_POSTMARK_USERNAME: POSTMARK.username,
        UC_FEEDBACK_POSTMARK_PASSWORD: POSTMARK.password,
        UC_FEEDBACK_REPORT_SECRET: REPORT_SECRET,
      },
    });
    // The test's own "SNS host" on loopback; by default only sns.<region>.amazonaws.com(.cn).
    app.strapi.config.set('plugin::user-communication.feedback.ses.certificateHosts', [
      snsHost.host,
    ]);
  });

  afterAll(async () => {
    await app?.stop();
    await snsHost?.close();
  });

  beforeEach(() => app.mail.clear());

  describe('Amazon SES through SNS', () => {
    const notification = (message: unknown, fields: Partial<SnsFields> = {}): SnsFields => ({
      Type: 'Notification',
      MessageId: crypto.randomUUID(),
      TopicArn: TOPIC,
      Message: JSON.stringify(message),
      Timestamp: new Date().toISOString(),
      SigningCertURL: snsHost.certificateUrl,
      ...fields,
    });
    // SNS posts its JSON as text/plain.
    const post = (body: SnsFields) =>
      app
        .http()
        .post(`${BASE}/ses`)
        .set('Content-Type', 'text/plain; charset=UTF-8')
        .set('x-amz-sns-message-type', body.Type)
        .send(JSON.stringify(body));

    it('a signed bounce marks the message bounced and the user undeliverable; a replay is answered 200 and counted once', async () => {
      const target = await sent();
      const signed = signSns(
        notification(sesNotification('Bounce', target.smtpId, [target.user.email])),
        sns.privateKey
      );
      const first = await post(signed);
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ recorded: 1, duplicates: 0, unknown: 0 });
      const replay = await post(signed);
      expect(replay.status).toBe(200);
      expect(replay.body).toEqual({ recorded: 0, duplicates: 1, unknown: 0 });

      expect(await messageRow(app, target.messageId)).toMatchObject({
        status: 'bounced',
        lastError: 'Hard bounce: smtp; 550 5.1.1 user unknown',
      });
      expect(await user(target.user.id)).toMatchObject({ emailStatus: 'undeliverable' });
      expect(
        await app.strapi.db.query(EVENT_UID).count({ where: { messageId: target.messageId } })
      ).toBe(1);
    });

    it('a complaint signed with SignatureVersion 2 marks the message and the user complained', async () => {
      const target = await sent();
      const signed = signSns(
        notification(sesNotification('Complaint', target.smtpId, [target.user.email])),
        sns.privateKey,
        '2'
      );
      expect((await post(signed)).status).toBe(200);
      expect(await messageRow(app, target.messageId)).toMatchObject({ status: 'complained' });
      expect(await user(target.user.id)).toMatchObject({ emailStatus: 'complained' });
    });

    it('an unsigned, forged or tampered notification, or one whose certificate is elsewhere, is refused with 401 and changes nothing', async () => {
      const target = await sent();
      const before = await state(target);
      const bounce = notification(sesNotification('Bounce', target.smtpId, [target.user.email]));
      const forged = signSns(bounce, selfSignedCertificate().privateKey);
      const signed = signSns(bounce, sns.privateKey);
      const tampered = { ...signed, Message: signed.Message.replace('Permanent', 'Permanent ') };
      const elsewhere = {
        ...signed,
        SigningCertURL: 'https://certificates.example.net/SimpleNotificationService-x.pem',
      };
      for (const body of [bounce, forged, tampered, elsewhere]) {
        const response = await post(body);
        expect(response.status).toBe(401);
      }
      expect(await state(target)).toEqual(before);
    });

    it('a correctly signed notification of a topic not listed is refused with 403 and changes nothing', async () => {
      const target = await sent();
      const before = await state(target);
      const signed = signSns(
        notification(sesNotification('Bounce', target.smtpId, [target.user.email]), {
          TopicArn: OTHER_TOPIC,
        }),
        sns.privateKey
      );
      const response = await post(signed);
      expect(response.status).toBe(403);
      expect(response.body.error.message).toBe(
        'Notifications of this SNS topic are not taken here'
      );
      expect(await state(target)).toEqual(before);
    });

    it('confirms the subscription of a listed topic by fetching its SubscribeURL, and not that of another topic', async () => {
      const confirmation = (topic: string) => {
        const token = crypto.randomBytes(16).toString('hex');
        return signSns(
          {
            Type: 'SubscriptionConfirmation',
            MessageId: crypto.randomUUID(),
            Token: token,
            TopicArn: topic,
            Message: `You have chosen to subscribe to the topic ${topic}.`,
            SubscribeURL: `http://${snsHost.host}/?Action=ConfirmSubscription&TopicArn=${topic}&Token=${token}`,
            Timestamp: new Date().toISOString(),
            SigningCertURL: snsHost.certificateUrl,
          },
          sns.privateKey
        );
      };
      const accepted = await post(confirmation(TOPIC));
      expect(accepted.status).toBe(200);
      expect(accepted.body).toEqual({ confirmed: true });
      expect(snsHost.confirmations).toEqual([expect.stringContaining(`TopicArn=${TOPIC}`)]);

      expect((await post(confirmation(OTHER_TOPIC))).status).toBe(403);
      expect(snsHost.confirmations).toHaveLength(1);
    });

    it('a signed bounce of a message it did not send is answered 202 and changes nothing', async () => {
      const before = await eventCount();
      const signed = signSns(
        notification(sesNotification('Bounce', 'not-ours@elsewhere.example', ['x@example.org'])),
        sns.privateKey
      );
      const response = await post(signed);
      expect(response.status).toBe(202);
      expect(response.body).toEqual({ recorded: 0, duplicates: 0, unknown: 1 });
      expect(await eventCount()).toBe(before);
    });
  });

  describe('SendGrid Event Webhook', () => {
    const post = (body: string, timestamp = String(Math.floor(Date.now() / 1000))) =>
      app
        .http()
        .post(`${BASE}/sendgrid`)
        .set('Content-Type', 'application/json')
        .set('X-Twilio-Email-Event-Webhook-Timestamp', timestamp)
        .set('X-Twilio-Email-Event-Webhook-Signature', sendgrid.sign(timestamp, body))
        .send(body);
    const event = (smtpId: string, email: string, fields: Record<string, unknown>) => ({
      email,
      timestamp: Math.floor(Date.now() / 1000),
      'smtp-id': `<${smtpId}>`,
      sg_event_id: crypto.randomUUID(),
      sg_message_id: 'sendgrid-own-id',
      ...fields,
    });

    it('sends each message with its Message-ID as a unique argument SendGrid echoes', async () => {
      const target = await sent();
      const [mail] = app.mail.to(target.user.email);
      expect(mail.raw).toContain(`X-SMTPAPI: {"unique_args":{"uc_message_id":"${target.smtpId}"}}`);
    });

    it('records each event of a signed batch (bounce, spam report; a deferral is not counted); a replay is counted once', async () => {
      const bounced = await sent();
      const complained = await sent();
      const deferred = await sent();
      // Exactly as SendGrid formats it: the signature covers these bytes, spaces included.
      const body = JSON.stringify(
        [
          event(bounced.smtpId, bounced.user.email, {
            event: 'bounce',
            type: 'bounce',
            reason: '550 5.1.1 no such user',
          }),
          event(complained.smtpId, complained.user.email, { event: 'spamreport' }),
          event(deferred.smtpId, deferred.user.email, { event: 'deferred', response: '421 later' }),
        ],
        null,
        1
      );
      const first = await post(body);
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ recorded: 2, duplicates: 0, unknown: 0 });
      expect((await post(body)).body).toEqual({ recorded: 0, duplicates: 2, unknown: 0 });

      expect(await user(bounced.user.id)).toMatchObject({ emailStatus: 'undeliverable' });
      expect(await messageRow(app, bounced.messageId)).toMatchObject({ status: 'bounced' });
      expect(await user(complained.user.id)).toMatchObject({ emailStatus: 'complained' });
      expect(await messageRow(app, complained.messageId)).toMatchObject({ status: 'complained' });
      expect(await user(deferred.user.id)).toMatchObject({ emailStatus: 'ok', softBounceCount: 0 });
    });

    it('an unsigned, badly signed or tampered batch is refused with 401 and changes nothing', async () => {
      const target = await sent();
      const before = await state(target);
      const body = JSON.stringify([event(target.smtpId, target.user.email, { event: 'bounce' })]);
      const timestamp = String(Math.floor(Date.now() / 1000));
      const signature = sendgrid.sign(timestamp, body);
      const attempts = [
        app.http().post(`${BASE}/sendgrid`).set('Content-Type', 'application/json').send(body),
        app
          .http()
          .post(`${BASE}/sendgrid`)
          .set('Content-Type', 'application/json')
          .set('X-Twilio-Email-Event-Webhook-Timestamp', timestamp)
          .set('X-Twilio-Email-Event-Webhook-Signature', sendgridKeys().sign(timestamp, body))
          .send(body),
        app
          .http()
          .post(`${BASE}/sendgrid`)
          .set('Content-Type', 'application/json')
          .set('X-Twilio-Email-Event-Webhook-Timestamp', timestamp)
          .set('X-Twilio-Email-Event-Webhook-Signature', signature)
          .send(body.replace('"bounce"', '"spamreport"')),
      ];
      for (const attempt of attempts) expect((await attempt).status).toBe(401);
      expect(await state(target)).toEqual(before);
    });

    it('a batch only about messages it did not send is answered 202', async () => {
      const body = JSON.stringify([
        event('not-ours@elsewhere.example', 'x@example.org', { event: 'bounce' }),
      ]);
      expect((await post(body)).status).toBe(202);
    });
  });

  describe('Postmark', () => {
    const basic = (username: string, password: string) =>
      `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
    const bounce = (smtpId: string, email: string, fields: Record<string, unknown> = {}) => ({
      RecordType: 'Bounce',
      ID: crypto.randomInt(1, 2 ** 40),
      Type: 'HardBounce',
      TypeCode: 1,
      MessageID: crypto.randomUUID(),
      Metadata: { 'uc-message-id': smtpId },
      Email: email,
      Description: 'The server was unable to deliver your message.',
      Details: 'smtp;550 5.1.1 The email account that you tried to reach does not exist.',
      BouncedAt: new Date().toISOString(),
      ...fields,
    });
    const post = (body: unknown, authorization = basic(POSTMARK.username, POSTMARK.password)) =>
      app
        .http()
        .post(`${BASE}/postmark`)
        .set('Authorization', authorization)
        .set('Content-Type', 'application/json')
        .send(JSON.stringify(body));

    it('sends each message with its Message-ID in the metadata Postmark echoes', async () => {
      const target = await sent();
      const [mail] = app.mail.to(target.user.email);
      expect(mail.raw).toContain(`X-Pm-Metadata-Uc-Message-ID: ${target.smtpId}`);
    });

    it('a hard bounce with the credentials marks the message bounced and the user undeliverable; a replay counts once', async () => {
      const target = await sent();
      const record = bounce(target.smtpId, target.user.email);
      expect((await post(record)).body).toEqual({ recorded: 1, duplicates: 0, unknown: 0 });
      expect((await post(record)).body).toEqual({ recorded: 0, duplicates: 1, unknown: 0 });
      expect(await messageRow(app, target.messageId)).toMatchObject({ status: 'bounced' });
      expect(await user(target.user.id)).toMatchObject({ emailStatus: 'undeliverable' });
    });

    it('a spam complaint marks the user complained', async () => {
      const target = await sent();
      const record = bounce(target.smtpId, target.user.email, {
        RecordType: 'SpamComplaint',
        Type: 'SpamComplaint',
      });
      expect((await post(record)).status).toBe(200);
      expect(await user(target.user.id)).toMatchObject({ emailStatus: 'complained' });
    });

    it('wrong or missing credentials are answered 401 with a Basic challenge, and change nothing', async () => {
      const target = await sent();
      const before = await state(target);
      const record = bounce(target.smtpId, target.user.email);
      for (const authorization of [
        basic(POSTMARK.username, 'guessed-password'),
        basic('admin', POSTMARK.password),
        `Bearer ${POSTMARK.password}`,
        '',
      ]) {
        const response = await post(record, authorization);
        expect(response.status).toBe(401);
        expect(response.headers['www-authenticate']).toMatch(/^Basic realm=/);
      }
      expect(await state(target)).toEqual(before);
    });

    it('a record without our metadata is answered 202 and changes nothing', async () => {
      const before = await eventCount();
      const response = await post(bounce('', 'x@example.org', { Metadata: {} }));
      expect(response.status).toBe(202);
      expect(await eventCount()).toBe(before);
    });
  });

  describe('raw reports from a bounce mailbox', () => {
    const post = (
      body: string,
      contentType = 'message/rfc822',
      authorization = `Bearer ${REPORT_SECRET}`
    ) =>
      app
        .http()
        .post(`${BASE}/report`)
        .set('Authorization', authorization)
        .set('Content-Type', contentType)
        .send(body);

    it('a DSN (multipart/report as piped) marks the message bounced and the user undeliverable; a replay counts once', async () => {
      const target = await sent();
      const report = dsn({
        messageId: target.smtpId,
        reportId: `dsn-${crypto.randomUUID()}@mx.example.net`,
        recipients: [
          {
            address: target.user.email,
            action: 'failed',
            status: '5.1.1',
            diagnostic: '550 5.1.1 user unknown',
          },
        ],
      });
      const contentType = 'multipart/report; report-type=delivery-status; boundary="dsn-boundary"';
      const first = await post(report, contentType);
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ recorded: 1, duplicates: 0, unknown: 0 });
      expect((await post(report)).body).toEqual({ recorded: 0, duplicates: 1, unknown: 0 });
      expect(await messageRow(app, target.messageId)).toMatchObject({
        status: 'bounced',
        lastError: 'Hard bounce: smtp; 550 5.1.1 user unknown',
      });
      expect(await user(target.user.id)).toMatchObject({ emailStatus: 'undeliverable' });
    });

    it('soft bounces are counted and suppress the address only at the configured count', async () => {
      const target = await sent();
      const soft = async () => {
        const { smtpId } = await sendTo(target.user);
        const report = dsn({
          messageId: smtpId,
          reportId: `dsn-${crypto.randomUUID()}@mx.example.net`,
          recipients: [{ address: target.user.email, action: 'failed', status: '4.2.2' }],
        });
        expect((await post(report)).status).toBe(200);
      };
      await soft();
      await soft();
      expect(await user(target.user.id)).toMatchObject({ emailStatus: 'ok', softBounceCount: 2 });
      await soft();
      expect(await user(target.user.id)).toMatchObject({
        emailStatus: 'undeliverable',
        softBounceCount: 3,
      });
    });

    it('an ARF abuse report marks the message and the user complained', async () => {
      const target = await sent();
      const report = arf({
        messageId: target.smtpId,
        recipient: target.user.email,
        reportId: `arf-${crypto.randomUUID()}@mailbox.example.org`,
      });
      expect((await post(report)).status).toBe(200);
      expect(await messageRow(app, target.messageId)).toMatchObject({ status: 'complained' });
      expect(await user(target.user.id)).toMatchObject({ emailStatus: 'complained' });
    });

    it('a wrong or missing secret is answered 401 and changes nothing', async () => {
      const target = await sent();
      const before = await state(target);
      const report = dsn({
        messageId: target.smtpId,
        recipients: [{ address: target.user.email, action: 'failed', status: '5.1.1' }],
      });
      for (const authorization of [`Bearer ${REPORT_SECRET}x`, '', `Basic ${REPORT_SECRET}`]) {
        const response = await post(report, 'message/rfc822', authorization);
        expect(response.status).toBe(401);
        expect(response.headers['www-authenticate']).toMatch(/^Bearer realm=/);
      }
      expect(await state(target)).toEqual(before);
    });

    it('a DSN for a message it did not send is answered 202, logged, and changes nothing', async () => {
      const before = await eventCount();
      const report = dsn({
        messageId: 'not-ours@elsewhere.example',
        reportId: `dsn-${crypto.randomUUID()}@mx.example.net`,
        recipients: [{ address: 'x@example.org', action: 'failed', status: '5.1.1' }],
      });
      const response = await post(report);
      expect(response.status).toBe(202);
      expect(await eventCount()).toBe(before);
    });

    it('a body that is no report is answered 400 with what it takes, one over 1 MB 413', async () => {
      const plain = await post('From: a@example.org\r\nSubject: hi\r\n\r\nhello\r\n');
      expect(plain.status).toBe(400);
      expect(plain.body.error.message).toBe(
        'The body is neither a delivery status notification (RFC 3464) nor a complaint (RFC 5965)'
      );
      expect(plain.text).not.toMatch(/at .*\.js/);
      const large = await post(`Subject: big\r\n\r\n${'x'.repeat(1024 * 1024 + 1)}`);
      expect(large.status).toBe(413);
    });
  });

  it('an endpoint whose credentials are not set answers 404 and adds no header to mail', async () => {
    const key = 'plugin::user-communication.feedback.sendgrid.publicKey';
    app.strapi.config.set(key, null);
    try {
      const response = await app
        .http()
        .post(`${BASE}/sendgrid`)
        .set('Content-Type', 'application/json')
        .send('[]');
      expect(response.status).toBe(404);
      const target = await sent();
      expect(app.mail.to(target.user.email)[0].raw).not.toContain('X-SMTPAPI');
    } finally {
      app.strapi.config.set(key, sendgrid.publicKey);
    }
  });
});
