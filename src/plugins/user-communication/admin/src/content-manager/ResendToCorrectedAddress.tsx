import * as React from 'react';
import { Box, Button } from '@strapi/design-system';
import { Mail } from '@strapi/icons';
import { useNotification, useRBAC } from '@strapi/strapi/admin';
import type { ApiError } from '../api/errors';
import { useActivationApi } from '../api/activation';
import { permissionsFor } from '../permissions';
import { useTranslate } from '../utils/useTranslate';
import { useResendMessages } from './useResendMessages';

/**
 * The second half of correcting a bounced address: the activation e-mail to the new one, from
 * where the admin just saved it.
 */
export const ResendToCorrectedAddress = ({ documentId }: { documentId: string }) => {
  const t = useTranslate();
  const { toggleNotification } = useNotification();
  const api = useActivationApi();
  const messages = useResendMessages();
  const { isLoading, allowedActions } = useRBAC(permissionsFor('users.resend-activation'));
  const [state, setState] = React.useState<'idle' | 'sending' | 'sent'>('idle');
  if (isLoading || !allowedActions.canResendActivation) return null;

  const resend = async () => {
    setState('sending');
    try {
      const [result] = await api.resend([documentId]);
      if (result?.status === 'queued') {
        setState('sent');
        toggleNotification({
          type: 'success',
          message: t('resend.queued', 'Activation email queued'),
        });
        return;
      }
      toggleNotification({
        type: 'warning',
        message: t('resend.skipped', 'No activation email was sent: {reason}', {
          reason: messages.reason(result?.reason ?? 'not-found'),
        }),
      });
    } catch (caught) {
      toggleNotification({
        type: 'danger',
        message: t('resend.error', 'The activation email was not sent: {message}', {
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
        startIcon={<Mail />}
        loading={state === 'sending'}
        disabled={state !== 'idle'}
        onClick={resend}
        data-testid="uc-account-resend-corrected"
      >
        {state === 'sent'
          ? t('account.resend-corrected.done', 'Activation email queued')
          : t('account.resend-corrected', 'Resend activation to this address')}
      </Button>
    </Box>
  );
};
