import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import type {
  ResetPasswordResult,
  SetPasswordBody,
  SetPasswordResult,
} from '../../../shared/contracts/passwords';
import { request } from './errors';

/** `:id` is the user's documentId, which is what the Content Manager has. */
const userUrl = (documentId: string, route: 'reset-password' | 'password') =>
  `/user-communication/users/${encodeURIComponent(documentId)}/${route}`;

/** The only place the admin talks to the plugin's password routes. Errors are thrown as ApiError. */
export const usePasswordsApi = () => {
  const { post } = useFetchClient();

  return React.useMemo(
    () => ({
      /** Queues a password reset e-mail to the user (202). */
      sendResetEmail: (documentId: string) =>
        request(() =>
          post<ResetPasswordResult, Record<string, never>>(
            userUrl(documentId, 'reset-password'),
            {}
          )
        ),
      /** Sets the password the admin typed or generated; no e-mail is sent. */
      setPassword: (documentId: string, body: SetPasswordBody) =>
        request(() =>
          post<SetPasswordResult, SetPasswordBody>(userUrl(documentId, 'password'), body)
        ),
    }),
    [post]
  );
};
