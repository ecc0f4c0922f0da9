import * as React from 'react';
import {
  RESEND_REASONS,
  type ResendReason,
  type ResendResult,
} from '../../../shared/contracts/users';
import { useTranslate } from '../utils/useTranslate';

// Fallbacks for translations/en.json keys `resend.reason.<reason>` and `resend.count.<reason>`.
const REASONS: Record<ResendReason, string> = {
  'has-logged-in': 'only users who have never logged in can receive it',
  blocked: 'the user is blocked',
  sso: 'the user signs in with SSO and needs no activation',
  'not-found': 'the user no longer exists or has no e-mail address',
};

const COUNTS: Record<ResendReason, string> = {
  'has-logged-in': '{count} already logged in',
  blocked: '{count} blocked',
  sso: '{count} using SSO',
  'not-found': '{count} not found',
};

/** The words for what a resend did: one user's skip reason, or a summary of a bulk resend. */
export const useResendMessages = () => {
  const t = useTranslate();

  return React.useMemo(() => {
    const reason = (why: ResendReason) => t(`resend.reason.${why}`, REASONS[why]);

    const summary = (results: ResendResult[]) => {
      const queued = results.filter((result) => result.status === 'queued').length;
      const skipped = results.length - queued;
      const counts = t('resend.bulk.counts', '{queued} queued, {skipped} skipped', {
        queued,
        skipped,
      });
      if (skipped === 0) return counts;
      const reasons = RESEND_REASONS.map((why) => ({
        why,
        count: results.filter((result) => result.reason === why).length,
      }))
        .filter(({ count }) => count > 0)
        .map(({ why, count }) => t(`resend.count.${why}`, COUNTS[why], { count }))
        .join(', ');
      return t('resend.bulk.with-reasons', '{counts} ({reasons})', { counts, reasons });
    };

    return { reason, summary };
  }, [t]);
};
