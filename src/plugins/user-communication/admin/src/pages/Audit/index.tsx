import * as React from 'react';
import { Page } from '@strapi/strapi/admin';
import type { AuditFilters as Filters } from '../../../../shared/contracts/audit';
import { useAuditApi } from '../../api/audit';
import { ListPage } from '../../components/ListPage';
import { PagedList } from '../../components/PagedList';
import { useRequest } from '../../hooks/useRequest';
import { permissionsFor } from '../../permissions';
import { useTranslate } from '../../utils/useTranslate';
import { AuditFilters } from './AuditFilters';
import { AuditTable } from './AuditTable';

const PAGE_SIZE = 20;

const AuditPage = () => {
  const t = useTranslate();
  const api = useAuditApi();
  const [filters, setFilters] = React.useState<Filters>({});
  const [page, setPage] = React.useState(1);
  const query = { filters, page, pageSize: PAGE_SIZE };
  const list = useRequest((signal) => api.listEvents(query, signal), { key: query });

  return (
    <ListPage
      title={t('audit.title', 'Audit trail')}
      subtitle={t(
        'audit.subtitle',
        "Every admin action on users' accounts and on how they are messaged, newest first. Rows are never changed or deleted."
      )}
      busy={list.isLoading}
      onRefresh={list.refresh}
    >
      <AuditFilters
        onApply={(next) => {
          setFilters(next);
          setPage(1);
        }}
      />

      <PagedList
        list={list}
        page={page}
        onPage={setPage}
        texts={{
          loadError: (message) =>
            t('audit.load-error', 'The audit trail could not be loaded: {message}', {
              message,
            }),
          loading: t('audit.loading', 'Loading the audit trail…'),
          empty: t('audit.empty', 'No admin actions match these filters.'),
          total: (total) =>
            t('audit.total', '{total, plural, one {# action} other {# actions}}', { total }),
        }}
      >
        {(events) => <AuditTable events={events} />}
      </PagedList>
    </ListPage>
  );
};

const ProtectedAuditPage = () => (
  <Page.Protect permissions={permissionsFor('audit.read')}>
    <AuditPage />
  </Page.Protect>
);

export default ProtectedAuditPage;
