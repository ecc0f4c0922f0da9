import type { ReminderPreview, ReminderRun } from '../../../../shared/contracts/reminders';
import { useRemindersApi } from '../../api/reminders';
import { useRequest } from '../../hooks/useRequest';

interface ReminderStatus {
  preview: ReminderPreview;
  lastRun: ReminderRun | null;
}

/** Who the next run would remind and how the last run went; loads again whenever `settings` change. */
export const useReminderStatus = (settings: unknown) => {
  const api = useRemindersApi();
  return useRequest(
    async (signal): Promise<ReminderStatus> => {
      const [preview, runs] = await Promise.all([api.getPreview(signal), api.listRuns(signal)]);
      return { preview, lastRun: runs[0] ?? null };
    },
    { key: settings }
  );
};
