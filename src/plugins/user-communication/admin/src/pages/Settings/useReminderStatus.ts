import * as React from 'react';
import type { ApiError } from '../../api/errors';
import type { ReminderPreview, ReminderRun } from '../../../../shared/contracts/reminders';
import { useRemindersApi } from '../../api/reminders';

export interface ReminderStatus {
  preview: ReminderPreview | null;
  lastRun: ReminderRun | null;
  error: string | null;
  isLoading: boolean;
}

/** Who the next run would remind and how the last run went; loads again whenever `version` changes. */
export const useReminderStatus = (version: unknown): ReminderStatus => {
  const api = useRemindersApi();
  const [status, setStatus] = React.useState<ReminderStatus>({
    preview: null,
    lastRun: null,
    error: null,
    isLoading: true,
  });

  React.useEffect(() => {
    let active = true;
    setStatus((current) => ({ ...current, isLoading: true }));
    Promise.all([api.getPreview(), api.listRuns()]).then(
      ([preview, runs]) =>
        active && setStatus({ preview, lastRun: runs[0] ?? null, error: null, isLoading: false }),
      (error: ApiError) =>
        active && setStatus((current) => ({ ...current, error: error.message, isLoading: false }))
    );
    return () => {
      active = false;
    };
  }, [api, version]);

  return status;
};
