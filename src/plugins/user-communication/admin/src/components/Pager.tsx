import { Button, Flex, Typography } from '@strapi/design-system';
import { ChevronLeft, ChevronRight } from '@strapi/icons';
import { useTranslate } from '../utils/useTranslate';

interface PagerProps {
  page: number;
  pageCount: number;
  /** How many rows the whole list holds, in words: "22 messages". */
  total: string;
  onPage: (page: number) => void;
}

/** Previous and Next under a paged list, with where the admin is in it. */
export const Pager = ({ page, pageCount, total, onPage }: PagerProps) => {
  const t = useTranslate();
  return (
    <Flex
      justifyContent="space-between"
      alignItems="center"
      tag="nav"
      aria-label={t('pager.label', 'Pages')}
    >
      <Typography variant="pi" textColor="neutral600">
        {total}
      </Typography>
      <Flex gap={3} alignItems="center">
        <Button
          variant="tertiary"
          size="S"
          startIcon={<ChevronLeft />}
          disabled={page <= 1}
          onClick={() => onPage(page - 1)}
        >
          {t('pager.previous', 'Previous')}
        </Button>
        <Typography variant="pi" textColor="neutral800" aria-live="polite">
          {t('pager.page', 'Page {page} of {pageCount}', { page, pageCount })}
        </Typography>
        <Button
          variant="tertiary"
          size="S"
          endIcon={<ChevronRight />}
          disabled={page >= pageCount}
          onClick={() => onPage(page + 1)}
        >
          {t('pager.next', 'Next')}
        </Button>
      </Flex>
    </Flex>
  );
};
