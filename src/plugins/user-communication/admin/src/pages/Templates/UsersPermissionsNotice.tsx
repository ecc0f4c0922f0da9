import * as React from 'react';
import { Alert, Flex, Typography } from '@strapi/design-system';
import type { UsersPermissionsTemplateImport } from '../../../../shared/contracts/templates';
import { useTemplatesApi } from '../../api/templates';
import { useRequest } from '../../hooks/useRequest';
import { useLabel } from '../../utils/useLabel';
import { useTranslate } from '../../utils/useTranslate';

const SOURCE_NAMES: Record<UsersPermissionsTemplateImport['source'], string> = {
  reset_password: 'Reset password',
  email_confirmation: 'Email address confirmation',
};

/**
 * Users & Permissions keeps its own "Email templates" page, which admins still find: this says
 * which page is used now, and what became of the templates edited there before.
 */
export const UsersPermissionsNotice = () => {
  const t = useTranslate();
  const label = useLabel();
  const api = useTemplatesApi();
  const report = useRequest((signal) => api.usersPermissionsReport(signal));
  // Read once per visit: closing a notice hides it until the page is opened again.
  const [closed, setClosed] = React.useState<string[]>([]);
  const close = (key: string) => () => setClosed((current) => [...current, key]);
  const results = report.data?.results ?? [];
  const imported = results.filter((result) => result.outcome === 'imported');
  const refused = results.filter((result) => result.outcome === 'not-imported');
  const describe = (result: UsersPermissionsTemplateImport) =>
    `"${SOURCE_NAMES[result.source]}" → ${label('type', result.type)} (${result.locale})`;

  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      {closed.includes('notice') ? null : (
        <Alert
          closeLabel={t('templates.notice.close', 'Close')}
          onClose={close('notice')}
          title={t('templates.notice.title', 'Account e-mails are edited here')}
          variant="default"
        >
          {t(
            'templates.notice.body',
            'Settings → Users & Permissions → Email templates is not used for them: "Reset password" is sent by this plugin, and "Email address confirmation" is replaced by the activation e-mail while activation is on.'
          )}
        </Alert>
      )}
      {imported.length > 0 && !closed.includes('imported') ? (
        <Alert
          closeLabel={t('templates.notice.close', 'Close')}
          onClose={close('imported')}
          title={t('templates.imported.title', 'Imported from Users & Permissions')}
          variant="success"
        >
          {imported.map(describe).join(', ')}
        </Alert>
      ) : null}
      {refused
        .filter((result) => !closed.includes(result.source))
        .map((result) => (
          <Alert
            key={result.source}
            closeLabel={t('templates.notice.close', 'Close')}
            onClose={close(result.source)}
            title={t('templates.not-imported.title', 'Not imported: {template}', {
              template: describe(result),
            })}
            variant="warning"
          >
            <Typography>
              {t(
                'templates.not-imported.body',
                'It uses what these templates cannot say ({problems}). Copy what you need by hand; the shipped template is used meanwhile.',
                { problems: result.problems.join(', ') }
              )}
            </Typography>
          </Alert>
        ))}
    </Flex>
  );
};
