import type { ReactNode } from 'react';
import { Button, Flex } from '@strapi/design-system';
import { ArrowClockwise } from '@strapi/icons';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useTranslate } from '../utils/useTranslate';

interface ListPageProps {
  title: string;
  subtitle: string;
  /** While the list loads (again). */
  busy: boolean;
  onRefresh: () => void;
  /** The filters and the list. */
  children: ReactNode;
}

/** A settings page that lists what the server keeps (the message log, the audit trail). */
export const ListPage = ({ title, subtitle, busy, onRefresh, children }: ListPageProps) => {
  const t = useTranslate();
  return (
    <Page.Main aria-busy={busy}>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={subtitle}
        primaryAction={
          <Button variant="secondary" size="S" startIcon={<ArrowClockwise />} onClick={onRefresh}>
            {t('list.refresh', 'Refresh')}
          </Button>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={5}>
          {children}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};
