/** The no-login reminder as the settings page shows it (GET /user-communication/reminders/preview, /runs, POST /run). */

/** One user the next run would remind. */
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

export interface ReminderRunList {
  results: ReminderRun[];
}

/** What a run answers; `busy` (HTTP 409) means another instance holds the day's run. */
export interface RunOutcome {
  runDate: string;
  status: 'done' | 'busy' | 'disabled';
  reminded: number;
}
