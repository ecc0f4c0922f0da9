import { Mail } from '@strapi/icons';
import { useRBAC, useTable } from '@strapi/strapi/admin';
import type { BulkActionComponent } from '@strapi/content-manager/strapi-admin';
import { permissionsFor } from '../permissions';
import { useTranslate } from '../utils/useTranslate';
import { USER_UID } from './account';
import { useBulkResend } from './useBulkResend';

/** "Resend activation email" for the users selected in the list; the server skips those who may not get one. */
export const ResendActivationBulkAction: BulkActionComponent = ({ model, documents }) => {
  const t = useTranslate();
  const bulkResend = useBulkResend();
  const selectRow = useTable('ResendActivationBulkAction', (state) => state.selectRow);
  const { isLoading, allowedActions } = useRBAC(permissionsFor('users.resend-activation'));

  if (model !== USER_UID || isLoading || !allowedActions.canResendActivation) return null;

  const documentIds = documents
    .map((document) => document.documentId)
    .filter((id): id is string => typeof id === 'string');

  return {
    label: t('resend.bulk.action', 'Resend activation email'),
    icon: <Mail />,
    variant: 'tertiary',
    disabled: documentIds.length === 0,
    dialog: {
      type: 'dialog',
      title: t('resend.action', 'Resend activation email'),
      bodyIcon: 'default',
      // A string: with bodyIcon the dialog sets it as one centred paragraph.
      content: t(
        'resend.bulk.confirm',
        'Send a new activation link to {count, plural, one {the selected user} other {the # selected users}}? Users who have logged in, are blocked or sign in with SSO are skipped.',
        { count: documentIds.length }
      ),
      confirmLabel: t('resend.bulk.send', 'Send'),
      onConfirm: async () => {
        if (await bulkResend(documentIds)) selectRow([]);
      },
    },
  };
};
