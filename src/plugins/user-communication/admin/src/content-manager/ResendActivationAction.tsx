import * as React from 'react';
import { Mail } from '@strapi/icons';
import { useNotification, useRBAC } from '@strapi/strapi/admin';
import type { DocumentActionComponent } from '@strapi/content-manager/strapi-admin';
import type { ApiError } from '../api/errors';
import { useActivationApi } from '../api/activation';
import { permissionsFor } from '../permissions';
import { useTranslate } from '../utils/useTranslate';
import { USER_UID, readAccount, visibleResendRefusal } from './account';
import { useResendMessages } from './useResendMessages';

/**
 * "Resend activation email" in a user row's menu and in the edit view's "More actions" menu.
 * Not in the side panel: there the second action becomes the form's submit button.
 */
export const ResendActivationAction: DocumentActionComponent = ({
  model,
  documentId,
  document,
}) => {
  const t = useTranslate();
  const { toggleNotification } = useNotification();
  const api = useActivationApi();
  const messages = useResendMessages();
  const { isLoading, allowedActions } = useRBAC(permissionsFor('users.resend-activation'));
  const [isSending, setIsSending] = React.useState(false);

  if (model !== USER_UID || !documentId || isLoading || !allowedActions.canResendActivation)
    return null;

  const refusal = visibleResendRefusal(readAccount(document));
  const label = t('resend.action', 'Resend activation email');

  const resend = async () => {
    setIsSending(true);
    try {
      const [result] = await api.resend([documentId]);
      if (result?.status === 'queued') {
        toggleNotification({
          type: 'success',
          message: t('resend.queued', 'Activation email queued'),
        });
      } else {
        toggleNotification({
          type: 'warning',
          message: t('resend.skipped', 'No activation email was sent: {reason}', {
            reason: messages.reason(result?.reason ?? 'not-found'),
          }),
        });
      }
    } catch (caught) {
      toggleNotification({
        type: 'danger',
        message: t('resend.error', 'The activation email was not sent: {message}', {
          message: (caught as ApiError).message,
        }),
      });
    } finally {
      setIsSending(false);
    }
  };

  return {
    label: refusal
      ? t('resend.action.unavailable', '{action} ({reason})', {
          action: label,
          reason: messages.reason(refusal),
        })
      : label,
    icon: <Mail />,
    disabled: refusal !== null || isSending,
    position: ['header', 'table-row'],
    onClick: resend,
  };
};

ResendActivationAction.position = ['header', 'table-row'];
