import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import type { AuditFilters, AuditPage } from '../../../shared/contracts/audit';
import { request } from './errors';
import { queryParams } from './query-params';

/** One page of the audit trail, filtered. */
export interface AuditQuery {
  filters: AuditFilters;
  page: number;
  pageSize: number;
}

const AUDIT_URL = '/user-communication/audit';

/** The only place the admin talks to the plugin's audit route. Errors are thrown as ApiError. */
export const useAuditApi = () => {
  const { get } = useFetchClient();

  return React.useMemo(
    () => ({
      listEvents: ({ filters, page, pageSize }: AuditQuery, signal?: AbortSignal) =>
        request(() =>
          get<AuditPage>(AUDIT_URL, { params: queryParams({ ...filters, page, pageSize }), signal })
        ),
    }),
    [get]
  );
};
