import { parsePostmarkRecord, postmarkFeedback } from '@server/feedback/postmark';
import { basicCredentials, bearerToken, sameSecret } from '@server/feedback/credentials';

const ours = 'uc.0123456789abcdef0123456789abcdef@learn.example.com';
const record = (fields: Record<string, unknown>) => ({
  ID: 692560173,
  MessageID: '883953f4-6105-42a2-a16a-77a8eac79483',
  Metadata: { 'uc-message-id': ours },
  Email: 'a@example.org',
  BouncedAt: '2026-12-01T08:00:00Z',
  ...fields,
});

describe('Postmark webhooks', () => {
  it('maps bounce types: hard, soft, spam; auto-replies and the like say nothing', () => {
    const kindOf = (type: string) =>
      postmarkFeedback(record({ RecordType: 'Bounce', Type: type }))[0]?.kind ?? null;
    expect(kindOf('HardBounce')).toBe('hard-bounce');
    expect(kindOf('SoftBounce')).toBe('soft-bounce');
    // A delay: Postmark goes on trying.
    expect(kindOf('Transient')).toBeNull();
    expect(kindOf('DnsError')).toBe('soft-bounce');
    expect(kindOf('SpamNotification')).toBe('complaint');
    expect(kindOf('AutoResponder')).toBeNull();
    expect(kindOf('Unknown')).toBeNull();
  });

  it('ties records to our Message-ID in Metadata, with the record type and its ID as the event id', () => {
    expect(
      postmarkFeedback(record({ RecordType: 'SpamComplaint', Type: 'SpamComplaint' }))
    ).toEqual([
      {
        source: 'postmark',
        eventId: 'SpamComplaint:692560173',
        kind: 'complaint',
        smtpMessageId: ours,
        recipient: 'a@example.org',
        detail: null,
        occurredAt: new Date('2026-12-01T08:00:00Z'),
      },
    ]);
    // A 64-bit ID past 2^53 is rounded by JSON.parse: not used as the event id.
    expect(
      postmarkFeedback(
        record({ RecordType: 'Bounce', Type: 'HardBounce', ID: Number('4323372036854775807') })
      )[0].eventId
    ).toBe('Bounce:883953f4-6105-42a2-a16a-77a8eac79483:a@example.org:2026-12-01T08:00:00Z');
    const delivery = {
      RecordType: 'Delivery',
      ID: undefined,
      Email: undefined,
      Recipient: 'a@example.org',
      BouncedAt: undefined,
      DeliveredAt: '2026-12-01T08:00:00Z',
    };
    expect(postmarkFeedback(record(delivery))[0]).toMatchObject({
      kind: 'delivered',
      eventId: 'Delivery:883953f4-6105-42a2-a16a-77a8eac79483:a@example.org:2026-12-01T08:00:00Z',
    });
    expect(
      postmarkFeedback(record({ RecordType: 'Bounce', Type: 'HardBounce', Metadata: {} }))[0]
        .smtpMessageId
    ).toBe('');
    // nodemailer writes the header as X-Pm-Metadata-Uc-Message-ID: the key's case may vary.
    const capitalised = record({
      RecordType: 'Bounce',
      Type: 'HardBounce',
      Metadata: { 'Uc-Message-ID': ours },
    });
    expect(postmarkFeedback(capitalised)[0].smtpMessageId).toBe(ours);
    expect(postmarkFeedback(record({ RecordType: 'Open' }))).toEqual([]);
  });

  it('refuses a body that is no webhook record', () => {
    expect(() => parsePostmarkRecord(Buffer.from('[]'))).toThrow(/no RecordType/);
  });
});

describe('webhook credentials', () => {
  it('reads Basic and Bearer credentials and compares them whole', () => {
    const basic = `Basic ${Buffer.from('postmark:s3cret-password').toString('base64')}`;
    expect(basicCredentials(basic)).toBe('postmark:s3cret-password');
    expect(bearerToken('Bearer abc.def')).toBe('abc.def');
    expect(bearerToken('Basic abc')).toBeNull();
    expect(sameSecret('postmark:s3cret-password', 'postmark:s3cret-password')).toBe(true);
    expect(sameSecret('postmark:s3cret-passwor', 'postmark:s3cret-password')).toBe(false);
    expect(sameSecret(null, '')).toBe(false);
  });
});
