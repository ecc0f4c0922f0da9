/** What the admin can configure, with the product's defaults, ranges and locks. */

export const LOCKED = {
  activation: false,
  // Users must always be able to recover their account.
  passwordReset: true,
  noLoginReminder: false,
} as const;

export const RANGES = {
  activationLinkLifetimeDays: [1, 90],
  passwordResetLinkLifetimeMinutes: [5, 1440],
  noLoginReminderIntervalDays: [1, 365],
  noLoginReminderHourUtc: [0, 23],
} as const;

export interface Settings {
  activation: { enabled: boolean; linkLifetimeDays: number; locked: boolean };
  passwordReset: { enabled: boolean; linkLifetimeMinutes: number; locked: boolean };
  noLoginReminder: { enabled: boolean; intervalDays: number; hourUtc: number; locked: boolean };
}

/** The stored row: flat columns of uc_settings. */
export interface SettingsRow {
  id: number;
  activationEnabled: boolean;
  activationLinkLifetimeDays: number;
  passwordResetEnabled: boolean;
  passwordResetLinkLifetimeMinutes: number;
  noLoginReminderEnabled: boolean;
  noLoginReminderIntervalDays: number;
  noLoginReminderHourUtc: number;
}

export const DEFAULT_ROW: Omit<SettingsRow, 'id'> = {
  activationEnabled: true,
  activationLinkLifetimeDays: 14,
  passwordResetEnabled: true,
  passwordResetLinkLifetimeMinutes: 60,
  noLoginReminderEnabled: false,
  noLoginReminderIntervalDays: 30,
  noLoginReminderHourUtc: 6,
};

// Locked communications read as enabled whatever the row says, so a value written
// behind the API's back (a raw SQL edit, an old backup) cannot switch them off.
export const toSettings = (row: Omit<SettingsRow, 'id'>): Settings => ({
  activation: {
    enabled: LOCKED.activation || Boolean(row.activationEnabled),
    linkLifetimeDays: row.activationLinkLifetimeDays,
    locked: LOCKED.activation,
  },
  passwordReset: {
    enabled: LOCKED.passwordReset || Boolean(row.passwordResetEnabled),
    linkLifetimeMinutes: row.passwordResetLinkLifetimeMinutes,
    locked: LOCKED.passwordReset,
  },
  noLoginReminder: {
    enabled: LOCKED.noLoginReminder || Boolean(row.noLoginReminderEnabled),
    intervalDays: row.noLoginReminderIntervalDays,
    hourUtc: row.noLoginReminderHourUtc,
    locked: LOCKED.noLoginReminder,
  },
});
