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
  /**
   * The first few users, only for admins who may read users' e-mail and username in the Content
   * Manager; `null` for the others (`settings.read` alone shows how many, not who).
   */
  sample: ReminderCandidate[] | null;
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
