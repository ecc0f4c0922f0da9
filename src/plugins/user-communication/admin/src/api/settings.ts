import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import type { ScimConnection, Settings } from '../../../shared/contracts/settings';
import { request } from './errors';

const SETTINGS_URL = '/user-communication/settings';

/** The only place the admin talks to the plugin's settings routes. Errors are thrown as ApiError. */
export const useSettingsApi = () => {
  const { get, put } = useFetchClient();

  return React.useMemo(
    () => ({
      getSettings: (signal?: AbortSignal) => request(() => get<Settings>(SETTINGS_URL, { signal })),
      getScimConnection: (signal?: AbortSignal) =>
        request(() => get<ScimConnection>(`${SETTINGS_URL}/scim`, { signal })),
      updateSettings: (settings: Settings) =>
        request(() => put<Settings, Settings>(SETTINGS_URL, settings)),
    }),
    [get, put]
  );
};
