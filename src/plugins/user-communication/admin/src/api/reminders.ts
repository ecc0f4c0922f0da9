import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import type {
  ReminderPreview,
  ReminderRun,
  ReminderRunList,
  RunOutcome,
} from '../../../shared/contracts/reminders';
import { request } from './errors';

const REMINDERS_URL = '/user-communication/reminders';

/** The only place the admin talks to the plugin's reminder routes. Errors are thrown as ApiError. */
export const useRemindersApi = () => {
  const { get, post } = useFetchClient();

  return React.useMemo(
    () => ({
      getPreview: (signal?: AbortSignal) =>
        request(() => get<ReminderPreview>(`${REMINDERS_URL}/preview`, { signal })),

      listRuns: async (signal?: AbortSignal): Promise<ReminderRun[]> =>
        (await request(() => get<ReminderRunList>(`${REMINDERS_URL}/runs`, { signal }))).results,

      // 409 is an answer, not a failure: the run is in another instance's hands.
      runNow: () =>
        request(() =>
          post<RunOutcome>(
            `${REMINDERS_URL}/run`,
            {},
            { validateStatus: (status) => status === 200 || status === 409 }
          )
        ),
    }),
    [get, post]
  );
};
