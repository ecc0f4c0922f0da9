import type { ReactNode } from 'react';
import { EmptyStateLayout } from '@strapi/design-system';
import type { Pagination } from '../../../shared/contracts/messages';
import type { RequestState } from '../hooks/useRequest';
import { Pager } from './Pager';
import { RequestFeedback } from './RequestFeedback';

interface PagedListProps<Row> {
  list: RequestState<{ results: Row[]; pagination: Pagination }>;
  page: number;
  onPage: (page: number) => void;
  texts: {
    loadError: (message: string) => string;
    loading: string;
    /** When no row matches the filters. */
    empty: string;
    total: (total: number) => string;
  };
  /** The rows of the page, as a table. */
  children: (rows: Row[]) => ReactNode;
}

/** One page of a server's list: the rows, or why there are none, and the way to the others. */
export const PagedList = <Row,>({ list, page, onPage, texts, children }: PagedListProps<Row>) => {
  const pagination = list.data?.pagination;
  return (
    <>
      <RequestFeedback state={list} texts={texts} />

      {list.data && list.data.results.length === 0 ? (
        <EmptyStateLayout hasRadius shadow="filterShadow" content={texts.empty} />
      ) : null}

      {list.data && list.data.results.length > 0 ? children(list.data.results) : null}

      {pagination && pagination.total > 0 ? (
        <Pager
          page={page}
          pageCount={Math.max(pagination.pageCount, 1)}
          total={texts.total(pagination.total)}
          onPage={onPage}
        />
      ) : null}
    </>
  );
};
