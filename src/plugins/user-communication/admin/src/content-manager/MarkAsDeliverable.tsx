import * as React from 'react';
import { Box, Button, Typography } from '@strapi/design-system';
import { CheckCircle } from '@strapi/icons';
import { useNotification, useRBAC } from '@strapi/strapi/admin';
import type { ApiError } from '../api/errors';
import { useEmailStatusApi } from '../api/email-status';
import { permissionsFor } from '../permissions';
import { useTranslate } from '../utils/useTranslate';

/**
 * The way back from a wrong bounce or complaint report that keeps the address. The panel shows
 * the document the Content Manager loaded, so a success is shown here until the next load
 * shows the status itself.
 */
export const MarkAsDeliverable = ({ documentId }: { documentId: string }) => {
  const t = useTranslate();
  const { toggleNotification } = useNotification();
  const api = useEmailStatusApi();
  const { isLoading, allowedActions } = useRBAC(permissionsFor('users.clear-email-status'));
  const [state, setState] = React.useState<'idle' | 'saving' | 'cleared'>('idle');
  if (isLoading || !allowedActions.canClearEmailStatus) return null;

  if (state === 'cleared') {
    return (
      <Box paddingTop={2}>
        <Typography textColor="success600" data-testid="uc-account-marked-deliverable">
          {t('account.mark-deliverable.done', 'Marked as deliverable')}
        </Typography>
      </Box>
    );
  }

  const clear = async () => {
    setState('saving');
    try {
      const [result] = await api.clear([documentId]);
      // "already-ok": someone else cleared it, or the address was corrected, since the page loaded.
      if (result?.status === 'cleared' || result?.reason === 'already-ok') {
        setState('cleared');
        toggleNotification({
          type: 'success',
          message: t('account.mark-deliverable.success', 'The address is deliverable again'),
        });
        return;
      }
      toggleNotification({
        type: 'warning',
        message: t('account.mark-deliverable.not-found', 'The user no longer exists'),
      });
    } catch (caught) {
      toggleNotification({
        type: 'danger',
        message: t('account.mark-deliverable.error', 'The status was not changed: {message}', {
          message: (caught as ApiError).message,
        }),
      });
    }
    setState('idle');
  };

  return (
    <Box paddingTop={2}>
      <Button
        variant="secondary"
        size="S"
        startIcon={<CheckCircle />}
        loading={state === 'saving'}
        onClick={clear}
        data-testid="uc-account-mark-deliverable"
      >
        {t('account.mark-deliverable', 'Mark as deliverable')}
      </Button>
    </Box>
  );
};
