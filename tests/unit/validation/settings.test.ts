import { validateSettingsUpdate } from '@server/validation/settings';
import { DEFAULT_ROW, toSettings } from '@server/services/settings-model';

describe('settings validation', () => {
  it('accepts a partial update', async () => {
    await expect(validateSettingsUpdate({ noLoginReminder: { intervalDays: 5 } })).resolves.toEqual(
      {
        noLoginReminder: { intervalDays: 5 },
      }
    );
  });

  it('strips the locked flags a client echoes back', async () => {
    const result = await validateSettingsUpdate({
      passwordReset: { enabled: true, linkLifetimeMinutes: 30, locked: false },
    });
    expect(result).toEqual({ passwordReset: { enabled: true, linkLifetimeMinutes: 30 } });
  });

  it('reports every invalid field at once', async () => {
    await expect(
      validateSettingsUpdate({
        activation: { linkLifetimeDays: 0 },
        noLoginReminder: { hourUtc: 30 },
      })
    ).rejects.toMatchObject({
      name: 'ValidationError',
      details: {
        errors: expect.arrayContaining([
          expect.objectContaining({ path: ['activation', 'linkLifetimeDays'] }),
          expect.objectContaining({ path: ['noLoginReminder', 'hourUtc'] }),
        ]),
      },
    });
  });

  it('rejects a body that is not an object', async () => {
    await expect(validateSettingsUpdate('activation=off')).rejects.toMatchObject({
      name: 'ValidationError',
    });
  });
});

describe('settings model', () => {
  it('reads a locked communication as on even if the stored row says off', () => {
    expect(toSettings({ ...DEFAULT_ROW, passwordResetEnabled: false }).passwordReset).toEqual({
      enabled: true,
      linkLifetimeMinutes: 60,
      locked: true,
    });
  });
});
