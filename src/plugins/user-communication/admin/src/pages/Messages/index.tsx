import * as React from 'react';
import { Box, Button, EmptyStateLayout, Flex, Loader, Typography } from '@strapi/design-system';
import { ArrowClockwise, ChevronLeft, ChevronRight } from '@strapi/icons';
import { Layouts, Page, useNotification, useRBAC } from '@strapi/strapi/admin';
import type { ApiError } from '../../api/errors';
import type { MessageFilters as Filters } from '../../../../shared/contracts/messages';
import { useMessagesApi } from '../../api/messages';
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

  const title = t('messages.title', 'Message log');
  const pagination = list.data?.pagination;
  const pageCount = Math.max(pagination?.pageCount ?? 1, 1);

  return (
    <Page.Main aria-busy={list.isLoading}>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={t(
          'messages.subtitle',
          'Every e-mail the plugin queued for users, newest first, and what became of it.'
        )}
        primaryAction={
          <Button variant="secondary" size="S" startIcon={<ArrowClockwise />} onClick={refresh}>
            {t('messages.refresh', 'Refresh')}
          </Button>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={5}>
          <MessageFilters filters={filters} onChange={changeFilters} />

          {list.error ? (
            <Box role="alert" background="danger100" borderColor="danger200" hasRadius padding={4}>
              <Typography textColor="danger700">
                {t('messages.load-error', 'The message log could not be loaded: {message}', {
                  message: list.error,
                })}
              </Typography>
            </Box>
          ) : null}

          {!list.data && list.isLoading ? (
            <Flex justifyContent="center" padding={8}>
              <Loader>{t('messages.loading', 'Loading messages…')}</Loader>
            </Flex>
          ) : null}

          {list.data && list.data.results.length === 0 ? (
            <EmptyStateLayout
              hasRadius
              shadow="filterShadow"
              content={t('messages.empty', 'No messages match these filters.')}
            />
          ) : null}

          {list.data && list.data.results.length > 0 ? (
            <MessageTable messages={list.data.results} onOpen={setOpenId} />
          ) : null}

          {pagination && pagination.total > 0 ? (
            <Flex
              justifyContent="space-between"
              alignItems="center"
              tag="nav"
              aria-label={t('messages.pagination', 'Pages')}
            >
              <Typography variant="pi" textColor="neutral600">
                {t('messages.total', '{total, plural, one {# message} other {# messages}}', {
                  total: pagination.total,
                })}
              </Typography>
              <Flex gap={3} alignItems="center">
                <Button
                  variant="tertiary"
                  size="S"
                  startIcon={<ChevronLeft />}
                  disabled={page <= 1}
                  onClick={() => setPage(page - 1)}
                >
                  {t('messages.previous', 'Previous')}
                </Button>
                <Typography variant="pi" textColor="neutral800" aria-live="polite">
                  {t('messages.page', 'Page {page} of {pageCount}', { page, pageCount })}
                </Typography>
                <Button
                  variant="tertiary"
                  size="S"
                  endIcon={<ChevronRight />}
                  disabled={page >= pageCount}
                  onClick={() => setPage(page + 1)}
                >
                  {t('messages.next', 'Next')}
                </Button>
              </Flex>
            </Flex>
          ) : null}
        </Flex>
      </Layouts.Content>
      <MessageDetailModal
        id={openId}
        detail={detail}
        canRetry={canRetry}
        retrying={retrying !== null && retrying === openId}
        onRetry={retry}
        onClose={() => setOpenId(null)}
      />
    </Page.Main>
  );
};

const ProtectedMessagesPage = () => (
  <Page.Protect permissions={permissionsFor('messages.read')}>
    <MessagesPage />
  </Page.Protect>
);

export default ProtectedMessagesPage;
