import { internalType } from '../internal-type';

/**
 * One row per day of the no-login reminder job: its lease (only the instance holding it
 * works), its progress cursor (a run killed halfway resumes after the last finished page)
 * and its figures for the admin.
 */
export default internalType({
  collectionName: 'uc_reminder_runs',
  singularName: 'reminder-run',
  pluralName: 'reminder-runs',
  displayName: 'Reminder run',
  attributes: {
    runDate: { type: 'string', required: true, column: { unique: true } },
    status: {
      type: 'enumeration',
      enum: ['pending', 'running', 'done'],
      default: 'pending',
      required: true,
    },
    trigger: { type: 'enumeration', enum: ['schedule', 'manual'], default: 'schedule' },
    owner: { type: 'string', private: true },
    leaseUntil: { type: 'datetime' },
    cursor: { type: 'integer', default: 0 },
    reminded: { type: 'integer', default: 0 },
    startedAt: { type: 'datetime' },
    finishedAt: { type: 'datetime' },
  },
});
