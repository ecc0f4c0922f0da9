import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import type {
  ClearEmailStatusAnswer,
  ClearEmailStatusBody,
  ClearEmailStatusResult,
} from '../../../shared/contracts/delivery';
import { request } from './errors';

const CLEAR_URL = '/user-communication/users/email-status/clear';

/** The only place the admin talks to the e-mail status routes. Errors are thrown as ApiError. */
export const useEmailStatusApi = () => {
  const { post } = useFetchClient();

  return React.useMemo(
    () => ({
      /** Marks each user's address deliverable again; the answer says, per user, what happened. */
      clear: async (documentIds: string[]): Promise<ClearEmailStatusResult[]> =>
        (
          await request(() =>
            post<ClearEmailStatusAnswer, ClearEmailStatusBody>(CLEAR_URL, {
              userIds: documentIds,
            })
          )
        ).results,
    }),
    [post]
  );
};
