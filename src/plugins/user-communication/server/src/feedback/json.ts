import { errors } from '@strapi/utils';

/** The body as JSON (an object or an array); a 400 saying what was expected otherwise. */
export const jsonBody = (raw: Buffer, what: string): Record<string, unknown> | unknown[] => {
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new errors.ValidationError(`The body is not JSON: expected ${what}`);
  }
  if (typeof body !== 'object' || body === null)
    throw new errors.ValidationError(`The body is not ${what}`);
  return body as Record<string, unknown> | unknown[];
};

/** A provider's string field, at most `max` characters; '' when it is not a string. */
export const text = (value: unknown, max: number): string =>
  typeof value === 'string' ? value.trim().slice(0, max) : '';
