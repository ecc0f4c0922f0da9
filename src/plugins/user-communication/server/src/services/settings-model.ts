/** The stored form of the settings, and its mapping to the API's shape (shared/contracts/settings.ts). */
import { LOCKED, type Settings } from '../../../shared/contracts/settings';

export type { Settings };

/** A partial update, as PUT /settings takes it (`locked` is the product's, not a setting). */
export type SettingsUpdate = {
  [K in keyof Settings]?: Partial<Omit<Settings[K], 'locked'>>;
};

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

export const DEFAULT_ROW: SettingsColumns = {
  activationEnabled: true,
  activationLinkLifetimeDays: 14,
  passwordResetEnabled: true,
  passwordResetLinkLifetimeMinutes: 60,
  noLoginReminderEnabled: false,
  noLoginReminderIntervalDays: 30,
  noLoginReminderHourUtc: 6,
};

type SettingsColumns = Omit<SettingsRow, 'id'>;

// Locked communications read as enabled whatever the row says, so a value written
// behind the API's back (a raw SQL edit, an old backup) cannot switch them off.
export const toSettings = (row: SettingsColumns): Settings => ({
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

/** The columns an update changes; a locked communication is stored on whatever the update says. */
export const toColumns = (update: SettingsUpdate): Partial<SettingsColumns> => {
  const { activation, passwordReset, noLoginReminder } = update;
  const columns: Partial<SettingsColumns> = {
    activationEnabled:
      activation?.enabled === undefined ? undefined : activation.enabled || LOCKED.activation,
    activationLinkLifetimeDays: activation?.linkLifetimeDays,
    passwordResetEnabled:
      passwordReset?.enabled === undefined
        ? undefined
        : passwordReset.enabled || LOCKED.passwordReset,
    passwordResetLinkLifetimeMinutes: passwordReset?.linkLifetimeMinutes,
    noLoginReminderEnabled:
      noLoginReminder?.enabled === undefined
        ? undefined
        : noLoginReminder.enabled || LOCKED.noLoginReminder,
    noLoginReminderIntervalDays: noLoginReminder?.intervalDays,
    noLoginReminderHourUtc: noLoginReminder?.hourUtc,
  };
  return Object.fromEntries(
    Object.entries(columns).filter(([, value]) => value !== undefined)
  ) as Partial<SettingsColumns>;
};
