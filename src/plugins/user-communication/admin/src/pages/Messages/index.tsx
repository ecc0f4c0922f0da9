import * as React from 'react';
import { Page, useNotification, useRBAC } from '@strapi/strapi/admin';
import type { ApiError } from '../../api/errors';
import type { MessageFilters as Filters } from '../../../../shared/contracts/messages';
import { useMessagesApi } from '../../api/messages';
import { ListPage } from '../../components/ListPage';
import { PagedList } from '../../components/PagedList';
import { permissionsFor } from '../../permissions';
import { useTranslate } from '../../utils/useTranslate';
import { MessageDetailModal } from './MessageDetailModal';
import { MessageFilters } from './MessageFilters';
import { MessageTable } from './MessageTable';
import { useMessageDetail, useMessageList } from './useMessageLog';

const PAGE_SIZE = 20;

const MessagesPage = () => {
  const t = useTranslate();
  const { toggleNotification } = useNotification();
  const api = useMessagesApi();
  const {
    isLoading: isLoadingPermissions,
    allowedActions: { canRetry },
  } = useRBAC({ retry: permissionsFor('messages.retry') });

  const [filters, setFilters] = React.useState<Filters>({});
  const [page, setPage] = React.useState(1);
  const [openId, setOpenId] = React.useState<number | null>(null);
  const [retrying, setRetrying] = React.useState<number | null>(null);

  const list = useMessageList({ filters, page, pageSize: PAGE_SIZE });
  const detail = useMessageDetail(openId);

  if (isLoadingPermissions) return <Page.Loading />;

  const refresh = () => {
    list.refresh();
    detail.refresh();
  };

  const changeFilters = (next: Filters) => {
    setFilters(next);
    setPage(1);
  };

  const retry = async (id: number) => {
    setRetrying(id);
    try {
      await api.retryMessage(id);
      toggleNotification({
        type: 'success',
        message: t('messages.retry.done', 'Message {id} is queued for delivery again', { id }),
      });
    } catch (caught) {
      const error = caught as ApiError;
      toggleNotification({
        type: 'danger',
        message: t('messages.retry.error', 'The message was not retried: {message}', {
          message: error.message,
        }),
      });
    } finally {
      setRetrying(null);
      refresh();
    }
  };

  return (
    <ListPage
      title={t('messages.title', 'Message log')}
      subtitle={t(
        'messages.subtitle',
        'Every e-mail the plugin queued for users, newest first, and what became of it.'
      )}
      busy={list.isLoading}
      onRefresh={refresh}
    >
      <MessageFilters filters={filters} onChange={changeFilters} />

      <PagedList
        list={list}
        page={page}
        onPage={setPage}
        texts={{
          loadError: (message) =>
            t('messages.load-error', 'The message log could not be loaded: {message}', {
              message,
            }),
          loading: t('messages.loading', 'Loading messages…'),
          empty: t('messages.empty', 'No messages match these filters.'),
          total: (total) =>
            t('messages.total', '{total, plural, one {# message} other {# messages}}', {
              total,
            }),
        }}
      >
        {(messages) => <MessageTable messages={messages} onOpen={setOpenId} />}
      </PagedList>
      <MessageDetailModal
        id={openId}
        detail={detail}
        canRetry={canRetry}
        retrying={retrying !== null && retrying === openId}
        onRetry={retry}
        onClose={() => setOpenId(null)}
      />
    </ListPage>
  );
};

const ProtectedMessagesPage = () => (
  <Page.Protect permissions={permissionsFor('messages.read')}>
    <MessagesPage />
  </Page.Protect>
);

export default ProtectedMessagesPage;
