/* Hand-made reports as a bounce mailbox receives them (CRLF line ends, as on the wire). */

const lines = (...parts: string[]) => parts.join('\r\n');

export interface DsnRecipient {
  address: string;
  action: 'failed' | 'delayed' | 'delivered' | 'relayed';
  status: string;
  diagnostic?: string;
}

/**
 * An RFC 3464 delivery status notification about the message sent with `messageId`, its
 * original returned as `text/rfc822-headers` (or whole, as `message/rfc822`).
 */
export const dsn = (options: {
  messageId: string;
  recipients: DsnRecipient[];
  reportId?: string | null;
  returned?: 'headers' | 'message';
}) => {
  const recipientBlocks = options.recipients.map((recipient) =>
    lines(
      `Final-Recipient: rfc822; ${recipient.address}`,
      `Action: ${recipient.action}`,
      `Status: ${recipient.status}`,
      ...(recipient.diagnostic
        ? [`Diagnostic-Code: smtp; ${recipient.diagnostic.replace(' ', '\r\n    ')}`]
        : [])
    )
  );
  const originalHeaders = lines(
    'From: Learning platform <no-reply@example.com>',
    `To: ${options.recipients[0].address}`,
    'Subject: Activate your account',
    `Message-ID: <${options.messageId}>`
  );
  const returned =
    options.returned === 'message'
      ? lines(
          'Content-Type: message/rfc822',
          '',
          originalHeaders,
          'Content-Type: text/plain',
          '',
          'Welcome!'
        )
      : lines('Content-Type: text/rfc822-headers', '', originalHeaders);
  return lines(
    'From: Mail Delivery System <MAILER-DAEMON@mx.example.net>',
    'To: bounces@example.com',
    'Subject: Undelivered Mail Returned to Sender',
    ...(options.reportId === null
      ? []
      : [`Message-ID: <${options.reportId ?? 'dsn-1@mx.example.net'}>`]),
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status;',
    '\tboundary="dsn-boundary"',
    '',
    'This is a MIME-encapsulated message.',
    '',
    '--dsn-boundary',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    'I am sorry to have to inform you that your message could not be delivered.',
    '',
    '--dsn-boundary',
    'Content-Type: message/delivery-status',
    '',
    lines('Reporting-MTA: dns; mx.example.net', 'Arrival-Date: Tue, 1 Dec 2026 08:00:00 +0000'),
    '',
    recipientBlocks.join('\r\n\r\n'),
    '',
    '--dsn-boundary',
    returned,
    '',
    '--dsn-boundary--',
    ''
  );
};

/** An RFC 5965 abuse report (ARF) about the message sent with `messageId`. */
export const arf = (options: {
  messageId: string;
  recipient: string;
  feedbackType?: string;
  reportId?: string;
}) =>
  lines(
    'From: <abuse@mailbox.example.org>',
    'To: <fbl@example.com>',
    'Subject: FW: Activate your account',
    `Message-ID: <${options.reportId ?? 'arf-1@mailbox.example.org'}>`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=feedback-report; boundary="arf-boundary"',
    '',
    '--arf-boundary',
    'Content-Type: text/plain; charset="US-ASCII"',
    '',
    'This is an email abuse report for an email message received from IP 192.0.2.1.',
    '',
    '--arf-boundary',
    'Content-Type: message/feedback-report',
    '',
    `Feedback-Type: ${options.feedbackType ?? 'abuse'}`,
    'User-Agent: SomeGenerator/1.0',
    'Version: 1',
    `Original-Rcpt-To: <${options.recipient}>`,
    '',
    '--arf-boundary',
    'Content-Type: message/rfc822',
    'Content-Disposition: inline',
    '',
    'From: Learning platform <no-reply@example.com>',
    `To: ${options.recipient}`,
    'Subject: Activate your account',
    `Message-ID: <${options.messageId}>`,
    '',
    'Welcome!',
    '',
    '--arf-boundary--',
    ''
  );
