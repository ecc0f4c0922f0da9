import { Flex, LinkButton, Typography } from '@strapi/design-system';
import { ArrowRight, Information } from '@strapi/icons';
import { useIntl } from 'react-intl';
import { Link } from 'react-router-dom';
import type { ImportResult as Result } from '../../../../shared/contracts/imports';
import type { ImportId } from '../../api/imports';
import { useTranslate } from '../../utils/useTranslate';
import { Counts } from './Counts';
import { importedUsersPath } from './model';
import { ReportButton } from './ReportButton';
import { RowErrorsTable } from './RowErrorsTable';
import { Panel } from './Panel';

interface ImportResultProps {
  id: ImportId;
  result: Result;
}

/** Step 3: what the import did, the rows that failed, and where the new users are. */
export const ImportResult = ({ id, result }: ImportResultProps) => {
  const t = useTranslate();
  const { formatDate } = useIntl();

  return (
    <Panel
      id="uc-import-result"
      title={t('import.result.title', 'Import finished')}
      focusOnMount
      description={
        result.alreadyCommitted ? (
          <Typography textColor="neutral600" data-testid="uc-import-already-committed">
            {t(
              'import.result.already',
              'This file was already imported ({date}). Nothing was done again; these are the results of that import.',
              {
                date: formatDate(result.committedAt, { dateStyle: 'medium', timeStyle: 'short' }),
              }
            )}
          </Typography>
        ) : null
      }
    >
      <Counts
        label={t('import.result.counts', 'What the import did')}
        testId="uc-import-result-count"
        counts={[
          { key: 'created', label: t('import.result.created', 'Created'), value: result.created },
          { key: 'updated', label: t('import.result.updated', 'Updated'), value: result.updated },
          { key: 'skipped', label: t('import.result.skipped', 'Skipped'), value: result.skipped },
          {
            key: 'failed',
            label: t('import.result.failed', 'Failed'),
            value: result.failed.length,
            tone: 'danger',
          },
        ]}
      />

      {result.failed.length > 0 ? (
        <Flex direction="column" alignItems="stretch" gap={2}>
          <Typography variant="delta" tag="h3">
            {t('import.result.failed.title', 'Rows that failed')}
          </Typography>
          <RowErrorsTable
            rows={result.failed.map((failure) => ({ row: failure.row, errors: [failure.error] }))}
            total={result.failed.length}
            label={t('import.result.failed.title', 'Rows that failed')}
            errorsHeader={t('import.rows.error', 'Error')}
            testId="uc-import-failed-rows"
          />
        </Flex>
      ) : null}

      <Flex
        gap={2}
        alignItems="flex-start"
        background="primary100"
        borderColor="primary200"
        hasRadius
        padding={4}
      >
        <Information aria-hidden fill="primary600" width="1.6rem" height="1.6rem" />
        <Typography textColor="primary700" data-testid="uc-import-result-no-activation">
          {t(
            'import.result.no-activation',
            'The imported users got no activation e-mail. To send them one, show them in the user list, select them and use “Resend activation email”.'
          )}
        </Typography>
      </Flex>

      <Flex gap={2} wrap="wrap">
        {result.created > 0 ? (
          <LinkButton
            tag={Link}
            to={importedUsersPath(result.committedAt)}
            endIcon={<ArrowRight />}
            data-testid="uc-import-users-link"
          >
            {t('import.result.users', 'Show the imported users')}
          </LinkButton>
        ) : null}
        <ReportButton id={id} />
      </Flex>
    </Panel>
  );
};
