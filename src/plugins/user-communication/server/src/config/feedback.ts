import crypto from 'node:crypto';
import { yup } from '@strapi/utils';

/**
 * The bounce and complaint webhooks (README: Bounce and complaint webhooks). Each endpoint is
 * on only when its credentials are set; otherwise it answers 404 and changes nothing.
 */
export interface FeedbackOptions {
  ses: {
    /** The SNS topics whose notifications are taken; a valid AWS signature alone is anyone's topic. */
    topicArns: string[];
    /**
     * Hosts the signing certificate (and a subscription's confirmation URL) may come from; `*`
     * stands for one DNS label. https only, except on loopback (a test's own certificate server).
     * Empty: Amazon SNS's own host of the topic's region (snsHostsFor). A list, not a default to add to: Strapi fills
     * option arrays from the defaults index by index.
     */
    certificateHosts: string[];
  };
  sendgrid: {
    /** The Signed Event Webhook's verification key, as SendGrid shows it (base64 DER, ECDSA P-256). */
    publicKey: string | null;
  };
  postmark: { username: string | null; password: string | null };
  /** The bearer secret of the raw DSN/ARF endpoint (a bounce mailbox piped to it). */
  report: { secret: string | null };
}

/**
 * Where Amazon SNS serves the signing certificate and confirms subscriptions for a topic: the
 * host of the topic's own region, nothing wider. A pattern such as `sns.*.amazonaws.com` would
 * also take `sns.s3.amazonaws.com`, which is an S3 bucket named "sns" that anyone may own.
 */
export const snsHostsFor = (topicArn: string): string[] => {
  const [, partition, , region] = topicArn.split(':');
  if (!region || !/^[a-z0-9-]+$/.test(region)) return [];
  return [
    partition === 'aws-cn' ? `sns.${region}.amazonaws.com.cn` : `sns.${region}.amazonaws.com`,
  ];
};

export const defaultFeedbackOptions = (): FeedbackOptions => ({
  ses: { topicArns: [], certificateHosts: [] },
  sendgrid: { publicKey: null },
  postmark: { username: null, password: null },
  report: { secret: null },
});

const section = (name: string, fields: Record<string, yup.AnySchema>) =>
  yup.object(fields).noUnknown(true, `Unknown feedback.${name} option(s): \${unknown}`);

export const feedbackSchema = yup
  .object({
    ses: section('ses', {
      topicArns: yup.array(yup.string().defined()),
      certificateHosts: yup.array(yup.string().defined()),
    }),
    sendgrid: section('sendgrid', { publicKey: yup.string().nullable() }),
    postmark: section('postmark', {
      username: yup.string().nullable(),
      password: yup.string().nullable(),
    }),
    report: section('report', { secret: yup.string().nullable() }),
  })
  .noUnknown(true, 'Unknown feedback option(s): ${unknown}');

const present = (value: string | null | undefined): value is string =>
  typeof value === 'string' && value.trim() !== '';

const TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/;
const HOST_PATTERN = /^(\*|[a-z0-9-]+)(\.(\*|[a-z0-9-]+))*(:\d{1,5})?$/;

/** The SendGrid key as a public key, or null when it is not an ECDSA P-256 key. */
export const sendgridKey = (publicKey: string): crypto.KeyObject | null => {
  try {
    const key = crypto.createPublicKey({
      key: Buffer.from(publicKey.trim(), 'base64'),
      format: 'der',
      type: 'spki',
    });
    return key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1'
      ? key
      : null;
  } catch {
    return null;
  }
};

/** What is wrong with the `feedback` options, one message per problem. */
export const feedbackProblems = (options: Partial<FeedbackOptions> | undefined): string[] => {
  const problems: string[] = [];
  for (const arn of options?.ses?.topicArns ?? [])
    if (!TOPIC_ARN.test(arn.trim()))
      problems.push(
        `feedback.ses.topicArns (UC_FEEDBACK_SES_TOPIC_ARNS) has "${arn}", which is not an SNS topic ARN (arn:aws:sns:<region>:<account>:<topic>)`
      );
  for (const host of options?.ses?.certificateHosts ?? [])
    if (!HOST_PATTERN.test(host))
      problems.push(
        `feedback.ses.certificateHosts has "${host}", which is not a host name pattern (e.g. sns.*.amazonaws.com)`
      );
  const publicKey = options?.sendgrid?.publicKey;
  if (present(publicKey) && !sendgridKey(publicKey))
    problems.push(
      'feedback.sendgrid.publicKey (UC_FEEDBACK_SENDGRID_PUBLIC_KEY) must be the verification key SendGrid shows for the Signed Event Webhook (base64, ECDSA P-256)'
    );
  const { username, password } = options?.postmark ?? {};
  if (present(username) !== present(password))
    problems.push(
      'feedback.postmark needs both username and password (UC_FEEDBACK_POSTMARK_USERNAME, UC_FEEDBACK_POSTMARK_PASSWORD)'
    );
  return problems;
};

export type FeedbackEndpoint = 'ses' | 'sendgrid' | 'postmark' | 'report';

/** Whether the endpoint has what it needs to check a request's origin. */
export const isFeedbackConfigured = (
  options: FeedbackOptions,
  endpoint: FeedbackEndpoint
): boolean => {
  switch (endpoint) {
    case 'ses':
      return options.ses.topicArns.some(present);
    case 'sendgrid':
      return present(options.sendgrid.publicKey);
    case 'postmark':
      return present(options.postmark.username) && present(options.postmark.password);
    case 'report':
      return present(options.report.secret);
  }
};
