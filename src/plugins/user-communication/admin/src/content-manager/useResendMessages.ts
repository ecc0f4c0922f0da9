import * as React from 'react';
import {
  RESEND_REASONS,
  type ResendReason,
  type ResendResult,
} from '../../../shared/contracts/users';
import { useLabel } from '../utils/useLabel';
import { useTranslate } from '../utils/useTranslate';

/** The words for what a resend did: one user's skip reason, or a summary of a bulk resend. */
export const useResendMessages = () => {
  const t = useTranslate();
  const label = useLabel();

  return React.useMemo(() => {
    const reason = (why: ResendReason) => label('resend.reason', why);

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
        .map(({ why, count }) => label('resend.count', why, { count }))
        .join(', ');
      return t('resend.bulk.with-reasons', '{counts} ({reasons})', { counts, reasons });
    };

    return { reason, summary };
  }, [t, label]);
};
