import { yup } from '@strapi/utils';
import { validate } from './validate';
import { LOCKED, RANGES } from '../services/settings-model';

const integerIn = (path: string, [min, max]: readonly [number, number]) =>
  yup
    .number()
    .strict()
    .integer(`${path} must be a whole number`)
    .min(min, `${path} must be between ${min} and ${max}`)
    .max(max, `${path} must be between ${min} and ${max}`);

const enabledFlag = (path: string, locked: boolean) =>
  locked
    ? yup
        .boolean()
        .strict()
        .oneOf([true], `${path} cannot be turned off: this communication is locked on`)
    : yup.boolean().strict();

// `locked` is accepted (so a client may PUT back what it read) but never stored: it is a
// property of the product, not a setting.
const lockedEcho = yup.mixed();

const settingsUpdateSchema = yup
  .object({
    activation: yup
      .object({
        enabled: enabledFlag('activation.enabled', LOCKED.activation),
        linkLifetimeDays: integerIn(
          'activation.linkLifetimeDays',
          RANGES.activationLinkLifetimeDays
        ),
        locked: lockedEcho,
      })
      .noUnknown(true, 'activation has unknown fields: ${unknown}')
      .default(undefined),
    passwordReset: yup
      .object({
        enabled: enabledFlag('passwordReset.enabled', LOCKED.passwordReset),
        linkLifetimeMinutes: integerIn(
          'passwordReset.linkLifetimeMinutes',
          RANGES.passwordResetLinkLifetimeMinutes
        ),
        locked: lockedEcho,
      })
      .noUnknown(true, 'passwordReset has unknown fields: ${unknown}')
      .default(undefined),
    noLoginReminder: yup
      .object({
        enabled: enabledFlag('noLoginReminder.enabled', LOCKED.noLoginReminder),
        intervalDays: integerIn('noLoginReminder.intervalDays', RANGES.noLoginReminderIntervalDays),
        hourUtc: integerIn('noLoginReminder.hourUtc', RANGES.noLoginReminderHourUtc),
        locked: lockedEcho,
      })
      .noUnknown(true, 'noLoginReminder has unknown fields: ${unknown}')
      .default(undefined),
  })
  .noUnknown(true, 'Unknown settings: ${unknown}')
  .required('A settings object is required');

export interface SettingsUpdate {
  activation?: { enabled?: boolean; linkLifetimeDays?: number };
  passwordReset?: { enabled?: boolean; linkLifetimeMinutes?: number };
  noLoginReminder?: { enabled?: boolean; intervalDays?: number; hourUtc?: number };
}

type Section = Record<string, unknown> | undefined;

const withoutLocked = (section: Section) => {
  if (!section) return undefined;
  const { locked: _locked, ...rest } = section;
  return rest;
};

export const validateSettingsUpdate = async (body: unknown): Promise<SettingsUpdate> => {
  const valid = await validate<Record<string, Section>>(settingsUpdateSchema, body, {
    strict: true,
  });
  const result: Record<string, Section> = {};
  for (const [name, section] of Object.entries(valid)) result[name] = withoutLocked(section);
  return result as SettingsUpdate;
};
