import { errors } from '@strapi/utils';

/**
 * Errors with their own names: a front end (or the built-in pages) tells an expired link
 * from a used one by `error.name`. Strapi answers with the status of the base class
 * (400 for ApplicationError, 403 for PolicyError: Strapi's router blanks the message and
 * details of any other ForbiddenError thrown by a handler).
 */
type ErrorClass = new (message?: string, details?: Record<string, unknown>) => Error;

const named = (name: string, Base: ErrorClass = errors.ApplicationError) =>
  class extends Base {
    constructor(message: string, details?: Record<string, unknown>) {
      super(message, details);
      // Strapi types `name` as the literal 'ApplicationError'; the error middleware sends whatever it is.
      (this as { name: string }).name = name;
    }
  };

/**
 * A presented link or token that is wrong, expired or used: the answer a guesser gets, so the
 * one that the limits of token routes count (a too-weak new password guesses nothing).
 */
export class LinkError extends errors.ApplicationError {}

export const ActivationLinkInvalid = named('ActivationLinkInvalid', LinkError);
export const ActivationLinkExpired = named('ActivationLinkExpired', LinkError);
export const ActivationLinkUsed = named('ActivationLinkUsed', LinkError);

export const PasswordResetLinkInvalid = named('PasswordResetLinkInvalid', LinkError);
export const PasswordResetLinkExpired = named('PasswordResetLinkExpired', LinkError);
export const PasswordResetLinkUsed = named('PasswordResetLinkUsed', LinkError);
export const PasswordChangeTokenInvalid = named('PasswordChangeTokenInvalid', LinkError);
/** A one-click unsubscribe link that is forged, altered, foreign or no longer anyone's. */
export const UnsubscribeLinkInvalid = named('UnsubscribeLinkInvalid', LinkError);
/** A correct one-time password: the user must choose a new one before getting a session. */
export const PasswordChangeRequired = named('PasswordChangeRequired', errors.PolicyError);

/** Another commit of the same import holds it (answered with 409 by the import controller). */
export const ImportInProgress = named('ImportInProgress');

/**
 * What a feedback webhook needs from elsewhere (an SNS signing certificate, a subscription's
 * confirmation) cannot be had now: answered 503, so the provider retries later.
 */
export class FeedbackUnavailable extends Error {}
