import * as React from 'react';
import { isFetchError, useFetchClient } from '@strapi/strapi/admin';

/** The shape GET/PUT /user-communication/settings answer with (server: services/settings-model.ts). */
export interface Settings {
  activation: { enabled: boolean; linkLifetimeDays: number; locked: boolean };
  passwordReset: { enabled: boolean; linkLifetimeMinutes: number; locked: boolean };
  noLoginReminder: { enabled: boolean; intervalDays: number; hourUtc: number; locked: boolean };
}

export type CommunicationKey = keyof Settings;

/** A server refusal, reduced to what the page shows: one message, and one per field path. */
export interface SettingsApiError {
  message: string;
  fieldErrors: Record<string, string>;
}

interface YupErrorDetail {
  path?: string[] | string;
  message?: string;
}

const toApiError = (error: unknown): SettingsApiError => {
  if (isFetchError(error)) {
    const body = error.response?.data?.error;
    const details = (body?.details ?? {}) as { errors?: YupErrorDetail[] };
    const fieldErrors: Record<string, string> = {};
    for (const detail of details.errors ?? []) {
      const path = Array.isArray(detail.path) ? detail.path.join('.') : detail.path;
      if (path && detail.message && !fieldErrors[path]) fieldErrors[path] = detail.message;
    }
    return { message: body?.message ?? error.message, fieldErrors };
  }
  return { message: error instanceof Error ? error.message : String(error), fieldErrors: {} };
};

const SETTINGS_URL = '/user-communication/settings';

/** The only place the admin talks to the plugin's settings routes. Errors are thrown as SettingsApiError. */
export const useSettingsApi = () => {
  const { get, put } = useFetchClient();

  return React.useMemo(
    () => ({
      async getSettings(): Promise<Settings> {
        try {
          return (await get<Settings>(SETTINGS_URL)).data;
        } catch (error) {
          throw toApiError(error);
        }
      },
      async updateSettings(settings: Settings): Promise<Settings> {
        try {
          return (await put<Settings, Settings>(SETTINGS_URL, settings)).data;
        } catch (error) {
          throw toApiError(error);
        }
      },
    }),
    [get, put]
  );
};
