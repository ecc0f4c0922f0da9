import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { request } from './errors';

/** The body of POST /user-communication/users/:id/password (server: validation of the set-password route). */
export interface SetPasswordInput {
  password: string;
  passwordConfirmation: string;
  /** The user must choose a new password at the next login. */
  oneTime: boolean;
}

export interface SetPasswordResult {
  ok: boolean;
  oneTime: boolean;
}

/** `:id` is the user's documentId, which is what the Content Manager has. */
const userUrl = (documentId: string, route: 'reset-password' | 'password') =>
  `/user-communication/users/${encodeURIComponent(documentId)}/${route}`;

/** The only place the admin talks to the plugin's password routes. Errors are thrown as ApiError. */
export const usePasswordsApi = () => {
  const { post } = useFetchClient();

  return React.useMemo(
    () => ({
      /** Queues a password reset e-mail to the user (202, `{ queued: true }`). */
      sendResetEmail: (documentId: string) =>
        request(() =>
          post<{ queued: boolean }, Record<string, never>>(
            userUrl(documentId, 'reset-password'),
            {}
          )
        ),
      /** Sets the password the admin typed or generated; no e-mail is sent. */
      setPassword: (documentId: string, input: SetPasswordInput) =>
        request(() =>
          post<SetPasswordResult, SetPasswordInput>(userUrl(documentId, 'password'), input)
        ),
    }),
    [post]
  );
};
