import { Mail } from '@strapi/icons';
import { useNotification, useRBAC, useTable } from '@strapi/strapi/admin';
import type { BulkActionComponent } from '@strapi/content-manager/strapi-admin';
import type { ApiError } from '../api/errors';
import { useActivationApi } from '../api/activation';
import { permissionsFor } from '../permissions';
import { useTranslate } from '../utils/useTranslate';
import { USER_UID } from './account';
import { useResendMessages } from './useResendMessages';

/** "Resend activation email" for the users selected in the list; the server skips those who may not get one. */
export const ResendActivationBulkAction: BulkActionComponent = ({ model, documents }) => {
  const t = useTranslate();
  const { toggleNotification } = useNotification();
  const api = useActivationApi();
  const messages = useResendMessages();
  const selectRow = useTable('ResendActivationBulkAction', (state) => state.selectRow);
  const { isLoading, allowedActions } = useRBAC(permissionsFor('users.resend-activation'));

  if (model !== USER_UID || isLoading || !allowedActions.canResendActivation) return null;

  const documentIds = documents
    .map((document) => document.documentId)
    .filter((id): id is string => typeof id === 'string');
  const title = t('resend.action', 'Resend activation email');

  const resend = async () => {
    try {
      const results = await api.resend(documentIds);
      const anyQueued = results.some((result) => result.status === 'queued');
      toggleNotification({
        type: anyQueued ? 'success' : 'warning',
        title,
        message: messages.summary(results),
      });
      selectRow([]);
    } catch (caught) {
      toggleNotification({
        type: 'danger',
        message: t('resend.error', 'The activation email was not sent: {message}', {
          message: (caught as ApiError).message,
        }),
      });
    }
  };

  return {
    label: t('resend.bulk.action', 'Resend activation email'),
    icon: <Mail />,
    variant: 'tertiary',
    disabled: documentIds.length === 0,
    dialog: {
      type: 'dialog',
      title,
      bodyIcon: 'default',
      // A string: with bodyIcon the dialog sets it as one centred paragraph.
      content: t(
        'resend.bulk.confirm',
        'Send a new activation link to {count, plural, one {the selected user} other {the # selected users}}? Users who have logged in, are blocked or sign in with SSO are skipped.',
        { count: documentIds.length }
      ),
      confirmLabel: t('resend.bulk.send', 'Send'),
      onConfirm: resend,
    },
  };
};
