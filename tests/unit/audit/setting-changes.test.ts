import { settingChanges } from '@server/audit/setting-changes';
import { DEFAULT_ROW, toSettings } from '@server/services/settings-model';

describe('settingChanges', () => {
  const previous = toSettings(DEFAULT_ROW);

  it('lists each changed field by its path, old → new', () => {
    const next = toSettings({
      ...DEFAULT_ROW,
      activationEnabled: false,
      noLoginReminderIntervalDays: 45,
    });
    expect(settingChanges(previous, next)).toEqual([
      { field: 'activation.enabled', from: true, to: false },
      { field: 'noLoginReminder.intervalDays', from: 30, to: 45 },
    ]);
  });

  it('lists nothing for a save that changed nothing', () => {
    expect(settingChanges(previous, toSettings(DEFAULT_ROW))).toEqual([]);
  });
});
