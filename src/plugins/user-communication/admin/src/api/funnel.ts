import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import type { AccountStatus } from '../../../shared/contracts/account-status';
import type {
  DropStep,
  FunnelAnswer,
  FunnelQuery,
  FunnelUsersPage,
} from '../../../shared/contracts/funnel';
import { request } from './errors';
import { queryParams } from './query-params';

export interface FunnelUsersQuery extends FunnelQuery {
  step?: DropStep;
  status?: AccountStatus;
  page: number;
  pageSize: number;
}

const FUNNEL_URL = '/user-communication/funnel';

/** The only place the admin talks to the plugin's funnel routes. Errors are thrown as ApiError. */
export const useFunnelApi = () => {
  const { get } = useFetchClient();

  return React.useMemo(
    () => ({
      figures: (query: FunnelQuery, signal?: AbortSignal) =>
        request(() => get<FunnelAnswer>(FUNNEL_URL, { params: queryParams({ ...query }), signal })),

      users: (query: FunnelUsersQuery, signal?: AbortSignal) =>
        request(() =>
          get<FunnelUsersPage>(`${FUNNEL_URL}/users`, {
            params: queryParams({ ...query }),
            signal,
          })
        ),
    }),
    [get]
  );
};
