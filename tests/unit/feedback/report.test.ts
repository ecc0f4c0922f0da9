import { parseReport } from '@server/feedback/report';
import { arf, dsn } from '../../helpers/reports';

const ours = 'uc.0123456789abcdef0123456789abcdef@learn.example.com';
const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('raw reports (RFC 3464 DSN, RFC 5965 ARF)', () => {
  it('reads a permanent failure as a hard bounce of the returned message, with its diagnostic', async () => {
    const report = dsn({
      messageId: ours,
      recipients: [
        {
          address: 'gone@example.org',
          action: 'failed',
          status: '5.1.1',
          diagnostic: '550 5.1.1 user unknown',
        },
      ],
    });
    expect(await parseReport(bytes(report))).toEqual([
      {
        source: 'report',
        eventId: 'dsn-1@mx.example.net',
        kind: 'hard-bounce',
        smtpMessageId: `<${ours}>`,
        recipient: 'gone@example.org',
        detail: 'smtp; 550 5.1.1 user unknown',
      },
    ]);
  });

  it('reads failures that do not name the address (4.x.x, 5.7.1 policy) as soft bounces and deliveries as deliveries; delays and relays say nothing', async () => {
    const report = dsn({
      messageId: ours,
      returned: 'message',
      recipients: [
        { address: 'full@example.org', action: 'failed', status: '4.2.2' },
        { address: 'slow@example.org', action: 'delayed', status: '4.4.7' },
        { address: 'blocked@example.org', action: 'failed', status: '5.7.1' },
        { address: 'fine@example.org', action: 'delivered', status: '2.0.0' },
        { address: 'away@example.org', action: 'relayed', status: '2.0.0' },
      ],
    });
    const feedback = await parseReport(bytes(report));
    expect(feedback.map(({ kind, recipient, eventId }) => ({ kind, recipient, eventId }))).toEqual([
      {
        kind: 'soft-bounce',
        recipient: 'full@example.org',
        eventId: 'dsn-1@mx.example.net:full@example.org',
      },
      {
        kind: 'soft-bounce',
        recipient: 'blocked@example.org',
        eventId: 'dsn-1@mx.example.net:blocked@example.org',
      },
      {
        kind: 'delivered',
        recipient: 'fine@example.org',
        eventId: 'dsn-1@mx.example.net:fine@example.org',
      },
    ]);
    expect(feedback[0]).toMatchObject({ smtpMessageId: `<${ours}>`, detail: '4.2.2' });
  });

  it('without a Message-ID of its own, a report is known by the digest of its bytes', async () => {
    const report = dsn({
      messageId: ours,
      reportId: null,
      recipients: [{ address: 'gone@example.org', action: 'failed', status: '5.1.1' }],
    });
    const [first] = await parseReport(bytes(report));
    const [again] = await parseReport(bytes(report));
    expect(first.eventId).toMatch(/^[0-9a-f]{64}$/);
    expect(again.eventId).toBe(first.eventId);
  });

  it('reads an abuse report as a complaint about the returned message; other feedback types say nothing', async () => {
    expect(
      await parseReport(bytes(arf({ messageId: ours, recipient: 'angry@example.org' })))
    ).toEqual([
      {
        source: 'report',
        eventId: 'arf-1@mailbox.example.org',
        kind: 'complaint',
        smtpMessageId: `<${ours}>`,
        recipient: 'angry@example.org',
        detail: 'SomeGenerator/1.0',
      },
    ]);
    const notSpam = arf({ messageId: ours, recipient: 'a@example.org', feedbackType: 'not-spam' });
    expect(await parseReport(bytes(notSpam))).toEqual([]);
  });

  it('refuses a message that is no report, with a message saying what it takes', async () => {
    const plain = 'From: someone@example.org\r\nSubject: hello\r\n\r\nJust a note.\r\n';
    await expect(parseReport(bytes(plain))).rejects.toThrow(
      'The body is neither a delivery status notification (RFC 3464) nor a complaint (RFC 5965)'
    );
  });
});
