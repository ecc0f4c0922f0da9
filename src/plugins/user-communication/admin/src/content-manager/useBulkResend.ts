import * as React from 'react';
import { useNotification } from '@strapi/strapi/admin';
import { useActivationApi } from '../api/activation';
import type { ApiError } from '../api/errors';
import { useTranslate } from '../utils/useTranslate';
import { useResendMessages } from './useResendMessages';

/**
 * Resends the activation e-mail to many users and tells the admin what happened (queued, and
 * why the others were skipped). Answers whether the server took the request.
 */
export const useBulkResend = () => {
  const t = useTranslate();
  const { toggleNotification } = useNotification();
  const api = useActivationApi();
  const messages = useResendMessages();

  return React.useCallback(
    async (documentIds: string[]): Promise<boolean> => {
      try {
        const results = await api.resend(documentIds);
        toggleNotification({
          type: results.some((result) => result.status === 'queued') ? 'success' : 'warning',
          title: t('resend.action', 'Resend activation email'),
          message: messages.summary(results),
        });
        return true;
      } catch (caught) {
        toggleNotification({
          type: 'danger',
          message: t('resend.error', 'The activation email was not sent: {message}', {
            message: (caught as ApiError).message,
          }),
        });
        return false;
      }
    },
    [api, messages, t, toggleNotification]
  );
};
