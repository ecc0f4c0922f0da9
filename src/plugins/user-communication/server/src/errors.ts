import { errors } from '@strapi/utils';

/**
 * Errors with their own names: a front end (or the built-in pages) tells an expired link
 * from a used one by `error.name`, and Strapi answers them with status 400.
 */
const named = (name: string) =>
  class extends errors.ApplicationError {
    constructor(message: string, details?: Record<string, unknown>) {
      super(message, details);
      // Strapi types `name` as the literal 'ApplicationError'; the error middleware sends whatever it is.
      (this as { name: string }).name = name;
    }
  };

export const ActivationLinkInvalid = named('ActivationLinkInvalid');
export const ActivationLinkExpired = named('ActivationLinkExpired');
export const ActivationLinkUsed = named('ActivationLinkUsed');
