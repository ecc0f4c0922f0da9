import type { SettingChange } from '../../../shared/contracts/audit';
import { COMMUNICATIONS, type Settings } from '../../../shared/contracts/settings';

/** The settings an update changed, old → new, by path (`noLoginReminder.intervalDays`). */
export const settingChanges = (previous: Settings, next: Settings): SettingChange[] =>
  COMMUNICATIONS.flatMap((communication) => {
    const before: Record<string, boolean | number> = previous[communication];
    const after: Record<string, boolean | number> = next[communication];
    return Object.keys(after)
      .filter((key) => before[key] !== after[key])
      .map((key) => ({ field: `${communication}.${key}`, from: before[key], to: after[key] }));
  });
