import * as React from 'react';
import { EmptyStateLayout } from '@strapi/design-system';
import { Page } from '@strapi/strapi/admin';
import { useFunnelApi } from '../../api/funnel';
import { ListPage } from '../../components/ListPage';
import { RequestFeedback } from '../../components/RequestFeedback';
import { useRequest } from '../../hooks/useRequest';
import { permissionsFor } from '../../permissions';
import { useTranslate } from '../../utils/useTranslate';
import { DropUsers } from './DropUsers';
import { FunnelFilters } from './FunnelFilters';
import { FunnelTable, type DropChoice } from './FunnelTable';
import { defaultPeriod, isOrdered, toQuery, type Period } from './model';

const CommunicationPage = () => {
  const t = useTranslate();
  const api = useFunnelApi();
  const [period, setPeriod] = React.useState<Period>(() => defaultPeriod());
  // The last period that reads as one: a half-typed date keeps the figures on screen.
  const [applied, setApplied] = React.useState<Period>(period);
  const [drop, setDrop] = React.useState<DropChoice | null>(null);
  const query = toQuery(applied);
  const funnel = useRequest((signal) => api.figures(query, signal), { key: query });

  const changePeriod = (next: Period) => {
    setPeriod(next);
    if (isOrdered(next)) {
      setApplied(next);
      setDrop(null);
    }
  };

  return (
    <ListPage
      title={t('communication.title', 'Communication')}
      subtitle={t(
        'communication.subtitle',
        'How far the users created in a period got: activation e-mail sent, delivered, account activated, first login.'
      )}
      busy={funnel.isLoading}
      onRefresh={funnel.refresh}
    >
      <FunnelFilters period={period} onChange={changePeriod} />
      <RequestFeedback
        state={funnel}
        texts={{
          loadError: (message) =>
            t('communication.load-error', 'The funnel could not be loaded: {message}', {
              message,
            }),
          loading: t('communication.loading', 'Counting…'),
        }}
      />
      {funnel.data && funnel.data.total.created === 0 ? (
        <EmptyStateLayout
          hasRadius
          shadow="filterShadow"
          content={t('communication.empty', 'No user was created in this period.')}
        />
      ) : null}
      {funnel.data && funnel.data.total.created > 0 ? (
        <FunnelTable funnel={funnel.data} onDrop={setDrop} />
      ) : null}
      {drop ? (
        <DropUsers
          key={`${drop.step}:${drop.origin ?? 'all'}:${query.from}:${query.to}`}
          query={query}
          drop={drop}
          onResent={funnel.refresh}
        />
      ) : null}
    </ListPage>
  );
};

const ProtectedCommunicationPage = () => (
  <Page.Protect permissions={permissionsFor('funnel.read')}>
    <CommunicationPage />
  </Page.Protect>
);

export default ProtectedCommunicationPage;
