import auditEvent from './audit-event';
import deliveryEvent from './delivery-event';
import importRun from './import';
import importRow from './import-row';
import message from './message';
import rateLimit from './rate-limit';
import reminderRun from './reminder-run';
import setting from './settings';
import spentIdToken from './spent-id-token';
import template from './template';
import token from './token';

export default {
  setting,
  message,
  template,
  token,
  'rate-limit': rateLimit,
  'reminder-run': reminderRun,
  import: importRun,
  'import-row': importRow,
  'audit-event': auditEvent,
  'spent-id-token': spentIdToken,
  'delivery-event': deliveryEvent,
};
