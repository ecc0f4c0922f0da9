import { yup } from '@strapi/utils';
import {
  COMMUNICATIONS,
  LOCKED,
  RANGES,
  type CommunicationKey,
} from '../../../shared/contracts/settings';
import type { SettingsUpdate } from '../services/settings-model';
import { validate } from './validate';

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

/** One communication: its switch (refusing "off" when locked) and its numbers, each in its range. */
const section = (communication: CommunicationKey) => {
  const ranges: Record<string, readonly [number, number]> = RANGES[communication];
  const numbers = Object.fromEntries(
    Object.entries(ranges).map(([key, range]) => [key, integerIn(`${communication}.${key}`, range)])
  );
  return yup
    .object({
      enabled: enabledFlag(`${communication}.enabled`, LOCKED[communication]),
      ...numbers,
      locked: lockedEcho,
    })
    .noUnknown(true, `${communication} has unknown fields: \${unknown}`)
    .default(undefined);
};

const settingsUpdateSchema = yup
  .object(
    Object.fromEntries(
      COMMUNICATIONS.map((communication) => [communication, section(communication)])
    )
  )
  .noUnknown(true, 'Unknown settings: ${unknown}')
  .required('A settings object is required');

type Section = Record<string, unknown> | undefined;

const withoutLocked = (section: Section) => {
  if (!section) return undefined;
  const { locked: _locked, ...rest } = section;
  return rest;
};

export const validateSettingsUpdate = async (body: unknown): Promise<SettingsUpdate> => {
  const valid: Record<string, Section> = await validate(settingsUpdateSchema, body, {
    strict: true,
  });
  const result: Record<string, Section> = {};
  for (const [name, section] of Object.entries(valid)) result[name] = withoutLocked(section);
  return result as SettingsUpdate;
};
