import type { AccountStatus } from '../../../shared/contracts/account-status';
import type { AuditAction } from '../../../shared/contracts/audit';
import type { FeedbackKind, FeedbackSource } from '../../../shared/contracts/delivery';
import type { DropStep, FunnelStep } from '../../../shared/contracts/funnel';
import type { MessageStatus, MessageType } from '../../../shared/contracts/messages';
import type { Origin, ResendReason, ScimChange } from '../../../shared/contracts/users';

/**
 * Texts whose translation id is built at run time, `${family}.${key}`, from a list the admin
 * shares with the server: the English text of each, which translations/en.json repeats.
 */
export const LABELS = {
  type: {
    activation: 'Activation',
    'password-reset': 'Password reset',
    'password-changed': 'Password changed',
    'no-login-reminder': 'No login reminder',
    test: 'Test e-mail',
  } satisfies Record<MessageType, string>,

  // "Captured": delivered to a local .eml file (no SMTP server configured).
  status: {
    queued: 'Queued',
    sending: 'Sending',
    sent: 'Sent',
    captured: 'Captured',
    failed: 'Failed',
    dead: 'Dead',
    cancelled: 'Cancelled',
    bounced: 'Bounced',
    complained: 'Marked as spam',
  } satisfies Record<MessageStatus | 'captured', string>,

  // Delivery reports in the message log.
  feedback: {
    delivered: 'Delivered',
    'soft-bounce': 'Soft bounce',
    'hard-bounce': 'Hard bounce',
    complaint: 'Marked as spam',
  } satisfies Record<FeedbackKind, string>,

  'feedback-source': {
    smtp: 'SMTP reply',
    ses: 'Amazon SES',
    sendgrid: 'SendGrid',
    postmark: 'Postmark',
    report: 'Bounce report',
  } satisfies Record<FeedbackSource, string>,

  origin: {
    manual: 'Created by an admin',
    integration: 'Created by an integration',
    excel: 'Imported from Excel',
    sso: 'Single sign-on (SSO)',
    'self-registration': 'Registered themselves',
    scim: 'Provisioned by SCIM',
  } satisfies Record<Origin, string>,

  // What the identity provider's last SCIM request did to the user.
  'scim-change': {
    created: 'Created',
    updated: 'Updated',
    deactivated: 'Deactivated',
    reactivated: 'Reactivated',
  } satisfies Record<ScimChange, string>,

  'resend.reason': {
    'has-logged-in': 'only users who have never logged in can receive it',
    blocked: 'the user is blocked',
    sso: 'the user signs in with SSO and needs no activation',
    'not-found': 'the user no longer exists or has no e-mail address',
    'activation-off': 'activation e-mails are turned off in the settings',
  } satisfies Record<ResendReason, string>,

  'resend.count': {
    'has-logged-in': '{count} already logged in',
    blocked: '{count} blocked',
    sso: '{count} using SSO',
    'not-found': '{count} not found',
    'activation-off': '{count} not sent: activation is off',
  } satisfies Record<ResendReason, string>,

  'account-status': {
    blocked: 'Blocked',
    undeliverable: 'Undeliverable',
    sso: 'SSO',
    invited: 'Invited',
    'link-expired': 'Link expired',
    'never-logged-in': 'Never logged in',
    inactive: 'Inactive',
    active: 'Active',
  } satisfies Record<AccountStatus, string>,

  'funnel.step': {
    created: 'Created',
    'mail-sent': 'Mail sent',
    delivered: 'Delivered',
    activated: 'Activated',
    'first-login': 'First login',
  } satisfies Record<FunnelStep, string>,

  // Who is behind a drop: the users who reached the step before, and not this one.
  'funnel.drop': {
    'mail-sent': 'Created, but no activation e-mail was sent',
    delivered: 'Sent, but the e-mail bounced',
    activated: 'Delivered, but the account was not activated',
    'first-login': 'Activated, but never logged in',
  } satisfies Record<DropStep, string>,

  'audit.action': {
    'activation.resend': 'Activation e-mail resent',
    'users.reset-password': 'Password reset e-mail sent',
    'users.set-password': 'Password set',
    'users.clear-email-status': 'Address marked deliverable',
    'imports.commit': 'Users imported',
    'settings.update': 'Settings changed',
    'templates.update': 'Template changed',
    'reminders.run': 'No-login reminder run',
    'messages.retry': 'Message retried',
  } satisfies Record<AuditAction, string>,
};

export type LabelFamily = keyof typeof LABELS;
