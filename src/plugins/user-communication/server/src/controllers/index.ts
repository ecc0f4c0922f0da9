import accountStatus from './account-status';
import activation from './activation';
import audit from './audit';
import feedback from './feedback';
import funnel from './funnel';
import imports from './imports';
import messages from './messages';
import accountPages from './account-pages';
import passwords from './passwords';
import provisioning from './provisioning';
import reminders from './reminders';
import scim from './scim';
import settings from './settings';
import templates from './templates';
import unsubscribe from './unsubscribe';
import users from './users';

export default {
  settings,
  templates,
  messages,
  activation,
  'account-pages': accountPages,
  reminders,
  passwords,
  users,
  provisioning,
  imports,
  audit,
  scim,
  feedback,
  unsubscribe,
  'account-status': accountStatus,
  funnel,
};
