import { Button, Flex, Typography } from '@strapi/design-system';
import { Download, WarningCircle } from '@strapi/icons';
import { styled } from 'styled-components';
import { useImportsApi } from '../../api/imports';
import { useTranslate } from '../../utils/useTranslate';
import { useDownload } from './useDownload';
import { Panel } from './Panel';

const ColumnName = styled.code`
  font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  font-size: ${({ theme }) => theme.fontSizes[1]};
  color: ${({ theme }) => theme.colors.neutral800};
  background: ${({ theme }) => theme.colors.neutral150};
  border-radius: ${({ theme }) => theme.borderRadius};
  padding: 0 ${({ theme }) => theme.spaces[1]};
  white-space: nowrap;
`;

const ColumnList = styled.ul`
  display: flex;
  flex-direction: column;
  gap: ${({ theme }) => theme.spaces[2]};
  margin: 0;
  padding-left: ${({ theme }) => theme.spaces[5]};
  list-style: disc;
`;

/** What the sheet must look like, the template, and what imported users do not get. */
export const ImportIntro = () => {
  const t = useTranslate();
  const api = useImportsApi();
  const { download, isDownloading } = useDownload();
  // Header names are code, not prose: they stay untranslated and are shown as typed in the sheet.
  const columns = [
    {
      name: 'email',
      text: t('import.columns.email', 'Required. The address the user signs in with.'),
    },
    {
      name: 'username',
      text: t('import.columns.username', 'Optional. Made from the e-mail address when missing.'),
    },
    {
      name: 'locale',
      text: t(
        'import.columns.locale',
        'Optional. The language of the e-mails the user gets, e.g. en or da.'
      ),
    },
    { name: 'blocked', text: t('import.columns.blocked', 'Optional. true/false, yes/no or 1/0.') },
    {
      name: 'attr:<attribute>',
      text: t(
        'import.columns.attributes',
        'Optional, one column per custom user attribute, e.g. attr:department.'
      ),
    },
  ];

  return (
    <Panel
      id="uc-import-intro"
      title={t('import.intro.title', 'The spreadsheet')}
      gap={4}
      description={
        <Typography textColor="neutral600">
          {t(
            'import.intro.columns',
            'One user per row under a header row. Columns are matched by their header name, whatever its case; other columns are ignored.'
          )}
        </Typography>
      }
      aside={
        <Button
          variant="secondary"
          startIcon={<Download />}
          loading={isDownloading}
          onClick={() => download(api.downloadTemplate)}
          data-testid="uc-import-template"
        >
          {t('import.template', 'Download the template')}
        </Button>
      }
    >
      <ColumnList aria-label={t('import.intro.columns.label', 'Columns')}>
        {columns.map((column) => (
          <li key={column.name}>
            <Typography textColor="neutral800">
              <ColumnName>{column.name}</ColumnName> {column.text}
            </Typography>
          </li>
        ))}
      </ColumnList>
      <Typography variant="pi" textColor="neutral600">
        {t(
          'import.intro.limits',
          'Large files are refused with an explanation: up to 10 MB and 100,000 rows per file.'
        )}
      </Typography>
      <Flex
        gap={2}
        alignItems="flex-start"
        background="warning100"
        borderColor="warning200"
        hasRadius
        padding={4}
      >
        <WarningCircle aria-hidden fill="warning600" width="1.6rem" height="1.6rem" />
        <Typography textColor="warning700" data-testid="uc-import-no-activation">
          {t(
            'import.intro.no-activation',
            'Imported users get no activation e-mail, even when activation is on. After importing, select them in the user list and use “Resend activation email”.'
          )}
        </Typography>
      </Flex>
    </Panel>
  );
};
