import { X509Certificate } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import {
  isFeedbackConfigured,
  sendgridKey,
  snsHostsFor,
  type FeedbackEndpoint,
} from '../config/feedback';
import { FeedbackUnavailable } from '../errors';
import { basicCredentials, bearerToken, sameSecret } from '../feedback/credentials';
import { parsePostmarkRecord, postmarkFeedback } from '../feedback/postmark';
import { parseReport } from '../feedback/report';
import {
  hasValidSignature as hasValidSendgridSignature,
  parseSendgridEvents,
  sendgridFeedback,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
} from '../feedback/sendgrid';
import {
  hasValidSignature,
  parseSnsMessage,
  sesFeedback,
  snsCertificateUrl,
  snsUrl,
} from '../feedback/sns';
import { getService } from '../utils/get-service';
import { pluginConfig } from '../utils/plugin-config';
import type { Feedback } from './delivery-feedback';

export interface FeedbackRequest {
  header: Record<string, string | string[] | undefined>;
  /** The body's bytes; read only once the request's credentials (if it has any) are checked. */
  read(): Promise<Buffer>;
}

export interface FeedbackAnswer {
  status: number;
  body: Record<string, unknown>;
}

const TIMEOUT_MS = 5000;
const CACHED_CERTIFICATES = 20;

const headerOf = (request: FeedbackRequest, name: string): string | undefined => {
  const value = request.header[name];
  return typeof value === 'string' ? value : undefined;
};

/**
 * The bounce and complaint webhooks: each request's origin checked (signature, or credentials),
 * its payload mapped to feedback, and each piece recorded by delivery-feedback. Answers 200
 * when something was recorded or was already (a replay), 202 when the report is about no
 * message of ours (logged, nothing changes).
 */
const feedbackWebhooks = ({ strapi }: { strapi: Core.Strapi }) => {
  const options = () => pluginConfig(strapi).feedback;
  const log = (message: string) => strapi.log.info(`[user-communication] ${message}`);
  /** Strapi answers every 401 as plain "Unauthorized"; the reason goes to the log. */
  const refused = (endpoint: FeedbackEndpoint, reason: string) => {
    strapi.log.warn(`[user-communication] feedback/${endpoint} refused: ${reason}`);
    return new errors.UnauthorizedError(reason);
  };
  // SNS signs with a handful of certificates, each for years: one fetch per certificate and process.
  const certificates = new Map<string, X509Certificate>();

  const certificateAt = async (url: URL): Promise<X509Certificate> => {
    const now = getService(strapi, 'clock').now().toMillis();
    const known = certificates.get(url.href);
    if (known && Date.parse(known.validTo) > now) return known;
    let response: Response;
    try {
      // No redirects: one could lead off the SNS hosts.
      response = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch {
      throw new FeedbackUnavailable('The SNS signing certificate could not be fetched');
    }
    if (response.status >= 500)
      throw new FeedbackUnavailable('The SNS signing certificate could not be fetched');
    let certificate: X509Certificate;
    try {
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      certificate = new X509Certificate(await response.text());
    } catch {
      throw refused('ses', 'SigningCertURL does not serve a certificate');
    }
    if (Date.parse(certificate.validFrom) > now || Date.parse(certificate.validTo) <= now)
      throw refused('ses', 'The SNS signing certificate is not valid now');
    if (certificates.size >= CACHED_CERTIFICATES) certificates.clear();
    certificates.set(url.href, certificate);
    return certificate;
  };

  /**
   * AWS users expect an HTTPS subscription to confirm itself, as the AWS SDKs' examples and most
   * integrations do; it happens only for a listed topic, with a valid signature, and a
   * SubscribeURL on an SNS host, so nobody else can subscribe this endpoint to anything.
   */
  const confirm = async (subscribeUrl: URL, topicArn: string) => {
    const response = await fetch(subscribeUrl, {
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    }).catch(() => null);
    if (!response?.ok)
      throw new FeedbackUnavailable(`The SNS subscription to ${topicArn} was not confirmed`);
    log(`confirmed the SNS subscription to ${topicArn}`);
  };

  const ses = async (request: FeedbackRequest): Promise<Feedback[] | FeedbackAnswer> => {
    const message = parseSnsMessage(await request.read());
    const { topicArns, certificateHosts } = options().ses;
    // Before the signature: a foreign topic never makes this server fetch anything.
    if (!topicArns.map((arn) => arn.trim()).includes(message.TopicArn))
      throw new errors.PolicyError('Notifications of this SNS topic are not taken here');
    if (!message.Signature) throw refused('ses', 'The SNS message is not signed');
    const hosts = certificateHosts.length > 0 ? certificateHosts : snsHostsFor(message.TopicArn);
    const certificateUrl = snsCertificateUrl(message.SigningCertURL, hosts);
    if (!certificateUrl) throw refused('ses', 'SigningCertURL is not on an Amazon SNS host');
    if (!hasValidSignature(message, await certificateAt(certificateUrl)))
      throw refused('ses', 'The SNS signature is not valid');
    if (message.Type === 'Notification') return sesFeedback(message);
    if (message.Type === 'UnsubscribeConfirmation') {
      log(`the SNS subscription to ${message.TopicArn} was removed`);
      return { status: 200, body: { unsubscribed: true } };
    }
    const subscribeUrl = snsUrl(message.SubscribeURL, hosts);
    if (!subscribeUrl)
      throw new errors.ValidationError('SubscribeURL is not on an Amazon SNS host');
    await confirm(subscribeUrl, message.TopicArn);
    return { status: 200, body: { confirmed: true } };
  };

  const sendgrid = async (request: FeedbackRequest): Promise<Feedback[]> => {
    const raw = await request.read();
    const key = sendgridKey(options().sendgrid.publicKey ?? '');
    const signature = headerOf(request, SIGNATURE_HEADER);
    const timestamp = headerOf(request, TIMESTAMP_HEADER);
    if (!key || !hasValidSendgridSignature(key, signature, timestamp, raw))
      throw refused('sendgrid', 'The Event Webhook signature is missing or not valid');
    return sendgridFeedback(parseSendgridEvents(raw));
  };

  const postmark = async (request: FeedbackRequest): Promise<Feedback[]> => {
    const { username, password } = options().postmark;
    const presented = basicCredentials(headerOf(request, 'authorization'));
    if (!sameSecret(presented, `${username ?? ''}:${password ?? ''}`))
      throw refused('postmark', 'Wrong or missing credentials');
    return postmarkFeedback(parsePostmarkRecord(await request.read()));
  };

  const report = async (request: FeedbackRequest): Promise<Feedback[]> => {
    const presented = bearerToken(headerOf(request, 'authorization'));
    if (!sameSecret(presented, options().report.secret ?? ''))
      throw refused('report', 'Wrong or missing credentials');
    return parseReport(await request.read());
  };

  const recordAll = async (items: Feedback[]): Promise<FeedbackAnswer> => {
    const counts = { recorded: 0, duplicates: 0, unknown: 0 };
    for (const item of items) {
      if (!item.smtpMessageId) {
        log(`${item.source} ${item.kind} report names no message of ours: ignored`);
        counts.unknown += 1;
        continue;
      }
      const outcome = await getService(strapi, 'delivery-feedback').record(item);
      if (outcome === 'recorded') counts.recorded += 1;
      else if (outcome === 'duplicate') counts.duplicates += 1;
      else counts.unknown += 1;
    }
    const known = counts.recorded + counts.duplicates;
    return { status: counts.unknown > 0 && known === 0 ? 202 : 200, body: counts };
  };

  const receivers = { ses, sendgrid, postmark, report };

  return {
    /** One webhook request: 404 while the endpoint is not configured, else checked and recorded. */
    async receive(endpoint: FeedbackEndpoint, request: FeedbackRequest): Promise<FeedbackAnswer> {
      if (!isFeedbackConfigured(options(), endpoint))
        throw new errors.NotFoundError('This feedback endpoint is not configured');
      const result = await receivers[endpoint](request);
      return Array.isArray(result) ? recordAll(result) : result;
    },
  };
};

export type FeedbackWebhooksService = ReturnType<typeof feedbackWebhooks>;
export default feedbackWebhooks;
