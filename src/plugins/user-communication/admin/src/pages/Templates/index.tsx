import * as React from 'react';
import { Box, Flex, Grid } from '@strapi/design-system';
import { Layouts, Page, useNotification, useRBAC } from '@strapi/strapi/admin';
import type { ApiError } from '../../api/errors';
import type { Template, TemplateContent } from '../../../../shared/contracts/templates';
import { useTemplatesApi } from '../../api/templates';
import { useRequest } from '../../hooks/useRequest';
import { permissionsFor } from '../../permissions';
import { useLabel } from '../../utils/useLabel';
import { useTranslate } from '../../utils/useTranslate';
import {
  availableSelection,
  contentOf,
  findTemplate,
  isSameContent,
  localesOf,
  replaceTemplate,
  selectionKey,
  typesOf,
  type ContentField,
  type Selection,
} from './model';
import { TemplateActions, type Busy } from './TemplateActions';
import { TemplateFields } from './TemplateFields';
import { TemplatePicker } from './TemplatePicker';
import { TemplatePreview } from './TemplatePreview';
import { UsersPermissionsNotice } from './UsersPermissionsNotice';
import { useTemplatePreview } from './useTemplatePreview';

const TemplatesPage = () => {
  const t = useTranslate();
  const label = useLabel();
  const { toggleNotification } = useNotification();
  const api = useTemplatesApi();
  const {
    isLoading: isLoadingPermissions,
    allowedActions: { canUpdate },
  } = useRBAC({ update: permissionsFor('templates.update') });

  const list = useRequest((signal) => api.listTemplates(signal));
  const templates = list.data;
  const [wanted, setWanted] = React.useState<Selection>({ type: 'activation', locale: 'en' });
  // Unsaved edits per template, so switching to another template and back loses nothing.
  const [drafts, setDrafts] = React.useState<Record<string, TemplateContent>>({});
  const [errors, setErrors] = React.useState<Record<string, string>>({});
  const [busy, setBusy] = React.useState<Busy>(null);

  const selection = templates ? availableSelection(templates, wanted) : null;
  const saved = templates && selection ? findTemplate(templates, selection) : undefined;
  const key = selection ? selectionKey(selection) : '';
  const draft = saved ? (drafts[key] ?? contentOf(saved)) : null;
  const preview = useTemplatePreview(selection, draft);

  if (list.error) {
    return (
      <Page.Error
        content={t('templates.load-error', 'The templates could not be loaded: {message}', {
          message: list.error,
        })}
      />
    );
  }
  if (isLoadingPermissions || !templates) return <Page.Loading />;
  if (!selection || !saved || !draft) return <Page.NoData />;

  const readOnly = !canUpdate;
  const isDirty = !isSameContent(draft, contentOf(saved));
  const templateName = `${label('type', selection.type)} (${selection.locale})`;

  const select = (next: Selection) => {
    setWanted(next);
    setErrors({});
  };

  const edit = (field: ContentField, value: string) => {
    setDrafts((current) => ({ ...current, [key]: { ...draft, [field]: value } }));
    setErrors(({ [field]: _cleared, ...rest }) => rest);
  };

  const discard = () => {
    setDrafts(({ [key]: _dropped, ...rest }) => rest);
    setErrors({});
  };

  const stored = (template: Template) => {
    list.setData((current) => (current ? replaceTemplate(current, template) : current));
    discard();
  };

  const refused = (caught: unknown, notice: (message: string) => string) => {
    const error = caught as ApiError;
    setErrors(error.fieldErrors);
    toggleNotification({ type: 'danger', message: notice(error.message) });
  };

  const run = async (action: Exclude<Busy, null>, work: () => Promise<void>) => {
    setBusy(action);
    try {
      await work();
    } finally {
      setBusy(null);
    }
  };

  const handleSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    return run('save', async () => {
      try {
        stored(await api.saveTemplate(selection, draft));
        toggleNotification({ type: 'success', message: t('templates.saved', 'Template saved') });
      } catch (caught) {
        refused(caught, (message) =>
          t('templates.save-error', 'The template was not saved: {message}', { message })
        );
      }
    });
  };

  const reset = () =>
    run('reset', async () => {
      try {
        stored(await api.resetTemplate(selection));
        toggleNotification({
          type: 'success',
          message: t('templates.reset.done', 'The template is back to the shipped default'),
        });
      } catch (caught) {
        refused(caught, (message) =>
          t('templates.reset-error', 'The template was not reset: {message}', { message })
        );
      }
    });

  const sendTest = () =>
    run('test', async () => {
      try {
        const { recipient } = await api.sendTestTemplate(selection, draft);
        toggleNotification({
          type: 'success',
          message: t('templates.test.queued', 'Test e-mail queued to {recipient}', { recipient }),
        });
      } catch (caught) {
        refused(caught, (message) =>
          t('templates.test-error', 'The test e-mail was not sent: {message}', { message })
        );
      }
    });

  const title = t('templates.title', 'E-mail templates');

  return (
    <Page.Main aria-busy={busy !== null}>
      <Page.Title>{title}</Page.Title>
      <form onSubmit={handleSubmit} noValidate aria-label={title}>
        <Layouts.Header
          title={title}
          subtitle={t(
            'templates.subtitle',
            'Edit what users receive. Changes apply to messages queued after saving.'
          )}
          primaryAction={
            <TemplateActions
              templateName={templateName}
              customized={saved.customized}
              isDirty={isDirty}
              readOnly={readOnly}
              busy={busy}
              onDiscard={discard}
              onReset={reset}
              onSendTest={sendTest}
            />
          }
        />
        <Layouts.Content>
          <Flex direction="column" alignItems="stretch" gap={6}>
            <UsersPermissionsNotice />
            <TemplatePicker
              types={typesOf(templates)}
              locales={localesOf(templates, selection.type)}
              selection={selection}
              template={saved}
              isDirty={isDirty}
              onChange={select}
            />
            <Grid.Root gap={6}>
              <Grid.Item col={5} s={12} direction="column" alignItems="stretch">
                <Box background="neutral0" hasRadius shadow="filterShadow" padding={6}>
                  <TemplateFields
                    draft={draft}
                    variables={saved.variables}
                    errors={errors}
                    disabled={readOnly}
                    onChange={edit}
                  />
                </Box>
              </Grid.Item>
              <Grid.Item col={7} s={12} direction="column" alignItems="stretch">
                <TemplatePreview {...preview} />
              </Grid.Item>
            </Grid.Root>
          </Flex>
        </Layouts.Content>
      </form>
    </Page.Main>
  );
};

const ProtectedTemplatesPage = () => (
  <Page.Protect permissions={permissionsFor('templates.read')}>
    <TemplatesPage />
  </Page.Protect>
);

export default ProtectedTemplatesPage;
