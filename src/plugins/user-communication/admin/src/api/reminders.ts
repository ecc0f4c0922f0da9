import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { request } from './errors';

/** One user the next run would remind (server: services/reminders.ts, preview). */
export interface ReminderCandidate {
  id: number;
  email: string;
  username: string | null;
  lastLoginAt: string | null;
  createdAt: string;
  activated: boolean;
}

export interface ReminderPreview {
  enabled: boolean;
  intervalDays: number;
  count: number;
  sample: ReminderCandidate[];
}

export interface ReminderRun {
  runDate: string;
  status: 'pending' | 'running' | 'done';
  trigger: 'schedule' | 'manual';
  reminded: number;
  startedAt: string | null;
  finishedAt: string | null;
}

/** What "Run now" answers; `busy` means another instance holds the day's run. */
export interface RunOutcome {
  runDate?: string;
  status: 'done' | 'disabled' | 'busy';
  reminded?: number;
}

const REMINDERS_URL = '/user-communication/reminders';

/** The only place the admin talks to the plugin's reminder routes. Errors are thrown as ApiError. */
export const useRemindersApi = () => {
  const { get, post } = useFetchClient();

  return React.useMemo(
    () => ({
      getPreview: () => request(() => get<ReminderPreview>(`${REMINDERS_URL}/preview`)),

      listRuns: async (): Promise<ReminderRun[]> =>
        (await request(() => get<{ results: ReminderRun[] }>(`${REMINDERS_URL}/runs`))).results,

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
