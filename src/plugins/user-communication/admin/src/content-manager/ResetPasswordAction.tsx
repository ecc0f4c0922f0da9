import * as React from 'react';
import { Key } from '@strapi/icons';
import { useRBAC } from '@strapi/strapi/admin';
import type { DocumentActionComponent } from '@strapi/content-manager/strapi-admin';
import { permissionsFor } from '../permissions';
import { useTranslate } from '../utils/useTranslate';
import { isSsoAccount } from '../../../shared/contracts/users';
import { USER_UID, readAccount } from './account';
import { ResetPasswordDialog } from './ResetPasswordDialog';

// One stable array: useRBAC re-checks when the permissions it is given change.
const PASSWORD_PERMISSIONS = [
  ...permissionsFor('users.reset-password'),
  ...permissionsFor('users.set-password'),
];

/**
 * "Reset password…" in a user row's menu and in the edit view's "More actions" menu. Opens one modal
 * offering the choices the admin's role allows: a reset e-mail, or a password set by hand.
 */
export const ResetPasswordAction: DocumentActionComponent = ({ model, documentId, document }) => {
  const t = useTranslate();
  const { isLoading, allowedActions } = useRBAC(PASSWORD_PERMISSIONS);
  const account = model === USER_UID ? readAccount(document) : null;
  const email = account?.email ?? null;
  const canSendEmail = allowedActions.canResetPassword === true;
  const canSetPassword = allowedActions.canSetPassword === true;

  // The Content Manager renders a function `content` as a component: it must keep its identity
  // across renders of this action, or the modal would remount and lose what the admin typed.
  const Content = React.useCallback(
    ({ onClose }: { onClose: () => void }) => (
      <ResetPasswordDialog
        documentId={documentId ?? ''}
        email={email}
        canSendEmail={canSendEmail}
        canSetPassword={canSetPassword}
        onClose={onClose}
      />
    ),
    [documentId, email, canSendEmail, canSetPassword]
  );

  if (!account || !documentId || isLoading || !(canSendEmail || canSetPassword)) return null;

  const label = t('reset-password.action', 'Reset password…');
  // Judged from what the view loaded; the server refuses SSO users too, and its answer is what the dialog shows.
  const sso = isSsoAccount(account);

  return {
    label: sso
      ? t('reset-password.action.unavailable', '{action} ({reason})', {
          action: label,
          reason: t(
            'reset-password.reason.sso',
            'the user signs in with SSO: the identity provider manages the password'
          ),
        })
      : label,
    icon: <Key />,
    disabled: sso,
    position: ['header', 'table-row'],
    dialog: { type: 'modal', title: t('reset-password.title', 'Reset password'), content: Content },
  };
};

ResetPasswordAction.position = ['header', 'table-row'];
