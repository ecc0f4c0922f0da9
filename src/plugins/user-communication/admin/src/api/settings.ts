import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { request, type ApiError } from './errors';

/** The shape GET/PUT /user-communication/settings answer with (server: services/settings-model.ts). */
export interface Settings {
  activation: { enabled: boolean; linkLifetimeDays: number; locked: boolean };
  passwordReset: { enabled: boolean; linkLifetimeMinutes: number; locked: boolean };
  noLoginReminder: { enabled: boolean; intervalDays: number; hourUtc: number; locked: boolean };
}

export type CommunicationKey = keyof Settings;

export type SettingsApiError = ApiError;

const SETTINGS_URL = '/user-communication/settings';

/** The only place the admin talks to the plugin's settings routes. Errors are thrown as SettingsApiError. */
export const useSettingsApi = () => {
  const { get, put } = useFetchClient();

  return React.useMemo(
    () => ({
      getSettings: () => request(() => get<Settings>(SETTINGS_URL)),
      updateSettings: (settings: Settings) =>
        request(() => put<Settings, Settings>(SETTINGS_URL, settings)),
    }),
    [get, put]
  );
};
