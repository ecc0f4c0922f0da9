import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import { pluginConfig } from '../utils/plugin-config';

export const REMINDER_JOB = 'userCommunicationNoLoginReminder';

/**
 * The daily job, at `noLoginReminder.hourUtc`. Strapi fires plugin cron jobs on every
 * instance (and even with server.cron.enabled false), so the plugin has its own switch
 * (`cron.enabled`) and the run itself takes a lease in the database.
 */
const reminderSchedule = ({ strapi }: { strapi: Core.Strapi }) => {
  let scheduledHour: number | null = null;

  const schedule = (hourUtc: number) => {
    strapi.cron.remove(REMINDER_JOB);
    strapi.cron.add({
      [REMINDER_JOB]: {
        task: async () => {
          const { noLoginReminder } = await getService(strapi, 'settings').get();
          // Another instance may have changed the hour: follow it instead of running at the old one.
          if (noLoginReminder.hourUtc !== scheduledHour) {
            schedule(noLoginReminder.hourUtc);
            return;
          }
          await getService(strapi, 'reminders').run('schedule');
        },
        options: { rule: `0 0 ${hourUtc} * * *`, tz: 'Etc/UTC' },
      },
    });
    scheduledHour = hourUtc;
  };

  return {
    async start(): Promise<void> {
      if (!pluginConfig(strapi).cron.enabled) return;
      schedule((await getService(strapi, 'settings').get()).noLoginReminder.hourUtc);
      getService(strapi, 'settings').onChange((next, previous) => {
        if (next.noLoginReminder.hourUtc !== previous.noLoginReminder.hourUtc)
          schedule(next.noLoginReminder.hourUtc);
      });
    },

    stop(): void {
      strapi.cron.remove(REMINDER_JOB);
      scheduledHour = null;
    },

    /** The cron rule in force on this instance (null when the job is off here). */
    rule(): string | null {
      const job = strapi.cron.jobs.find(
        (candidate: { name?: string | null }) => candidate.name === REMINDER_JOB
      ) as { options: { rule: string } } | undefined;
      return job?.options.rule ?? null;
    },
  };
};

export type ReminderScheduleService = ReturnType<typeof reminderSchedule>;
export default reminderSchedule;
