import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import type { ResendAnswer, ResendBody, ResendResult } from '../../../shared/contracts/users';
import { request } from './errors';

const RESEND_URL = '/user-communication/activation/resend';

/** The only place the admin talks to the plugin's activation routes. Errors are thrown as ApiError. */
export const useActivationApi = () => {
  const { post } = useFetchClient();

  return React.useMemo(
    () => ({
      /** Queues a new activation link for each user who may get one; the answer says, per user, what happened. */
      resend: async (documentIds: string[]): Promise<ResendResult[]> =>
        (
          await request(() =>
            post<ResendAnswer, ResendBody>(RESEND_URL, {
              userIds: documentIds,
            })
          )
        ).results,
    }),
    [post]
  );
};
