import { internalType } from '../internal-type';

/**
 * One row holds the admin's choices. A table with typed columns (rather than a JSON
 * blob in the core store) lets the reminder job read its settings with the same queries
 * as the rest of the plugin, and keeps every value validated by its column type.
 */
export default internalType({
  collectionName: 'uc_settings',
  singularName: 'setting',
  pluralName: 'settings',
  displayName: 'User communication settings',
  attributes: {
    activationEnabled: { type: 'boolean', default: true, required: true },
    activationLinkLifetimeDays: { type: 'integer', default: 14, required: true },
    passwordResetEnabled: { type: 'boolean', default: true, required: true },
    passwordResetLinkLifetimeMinutes: { type: 'integer', default: 60, required: true },
    noLoginReminderEnabled: { type: 'boolean', default: false, required: true },
    noLoginReminderIntervalDays: { type: 'integer', default: 30, required: true },
    noLoginReminderHourUtc: { type: 'integer', default: 6, required: true },
  },
});
