import accountStatus from './account-status';
import activation from './activation';
import audit from './audit';
import clock from './clock';
import deliveryFeedback from './delivery-feedback';
import deliveryWorker from './delivery-worker';
import emailStatus from './email-status';
import detachedWork from './detached-work';
import events from './events';
import feedbackWebhooks from './feedback-webhooks';
import funnel from './funnel';
import imports from './imports';
import mailer from './mailer';
import messageBodies from './message-bodies';
import messageHeaders from './message-headers';
import messageLog from './message-log';
import outbox from './outbox';
import passwordReset from './password-reset';
import oidc from './oidc';
import oneTimePasswords from './one-time-passwords';
import passwords from './passwords';
import provisioning from './provisioning';
import rateLimits from './rate-limits';
import reminders from './reminders';
import reminderSchedule from './reminder-schedule';
import scim from './scim';
import sessions from './sessions';
import settings from './settings';
import templates from './templates';
import tokens from './tokens';
import unsubscribe from './unsubscribe';
import userState from './user-state';
import userWriter from './user-writer';
import users from './users';

const services = {
  clock,
  settings,
  'user-state': userState,
  outbox,
  'delivery-worker': deliveryWorker,
  'detached-work': detachedWork,
  'delivery-feedback': deliveryFeedback,
  'email-status': emailStatus,
  'feedback-webhooks': feedbackWebhooks,
  events,
  templates,
  mailer,
  'message-log': messageLog,
  'message-headers': messageHeaders,
  'message-bodies': messageBodies,
  tokens,
  'rate-limits': rateLimits,
  users,
  activation,
  sessions,
  passwords,
  'one-time-passwords': oneTimePasswords,
  'password-reset': passwordReset,
  oidc,
  'user-writer': userWriter,
  provisioning,
  imports,
  reminders,
  unsubscribe,
  'reminder-schedule': reminderSchedule,
  audit,
  scim,
  'account-status': accountStatus,
  funnel,
};

export type Services = typeof services;
export default services;
