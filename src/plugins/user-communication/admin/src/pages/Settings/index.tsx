import * as React from 'react';
import { Button, Flex } from '@strapi/design-system';
import { Check } from '@strapi/icons';
import { Layouts, Page, useNotification, useRBAC } from '@strapi/strapi/admin';
import { COMMUNICATIONS } from '../../../../shared/contracts/settings';
import type { ApiError } from '../../api/errors';
import { useSettingsApi } from '../../api/settings';
import { useRequest } from '../../hooks/useRequest';
import { permissionsFor } from '../../permissions';
import { useTranslate } from '../../utils/useTranslate';
import { CardField, CommunicationCard } from './CommunicationCard';
import {
  NUMBER_FIELDS,
  fieldPath,
  invalidPaths,
  isSameDraft,
  readNumber,
  toSettings,
  withEnabled,
  withNumber,
  type Draft,
} from './model';
import { NextReminderRun } from './NextReminderRun';
import { NumberField } from './NumberField';
import { ScimConnectionCard } from './ScimConnectionCard';
import { useCommunicationTexts } from './useCommunicationTexts';

const SettingsPage = () => {
  const t = useTranslate();
  const { toggleNotification } = useNotification();
  const api = useSettingsApi();
  const {
    isLoading: isLoadingPermissions,
    allowedActions: { canUpdate },
  } = useRBAC({ update: permissionsFor('settings.update') });

  const settings = useRequest((signal) => api.getSettings(signal));
  // The admin's edits; null while the form shows what is saved.
  const [edited, setEdited] = React.useState<Draft | null>(null);
  const [errors, setErrors] = React.useState<Record<string, string>>({});
  const [isSaving, setIsSaving] = React.useState(false);
  const saved = settings.data;
  const draft = edited ?? saved;
  const texts = useCommunicationTexts(
    draft?.activation.linkLifetimeDays ?? saved?.activation.linkLifetimeDays ?? 0
  );

  if (settings.error) {
    return (
      <Page.Error
        content={t('settings.load-error', 'The settings could not be loaded: {message}', {
          message: settings.error,
        })}
      />
    );
  }
  if (isLoadingPermissions || !draft || !saved) return <Page.Loading />;

  const readOnly = !canUpdate;

  const update = (next: Draft, changedPath: string) => {
    setEdited(next);
    setErrors(({ [changedPath]: _cleared, ...rest }) => rest);
  };

  const rangeMessage = (path: string) => {
    const spec = COMMUNICATIONS.flatMap((key) => NUMBER_FIELDS[key]).find(
      (candidate) => fieldPath(candidate) === path
    );
    return t('settings.field.invalid', 'Enter a whole number from {min} to {max}.', {
      min: spec?.min ?? 0,
      max: spec?.max ?? 0,
    });
  };

  const handleSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const invalid = invalidPaths(draft);
    if (invalid.length > 0) {
      setErrors(Object.fromEntries(invalid.map((path) => [path, rangeMessage(path)])));
      toggleNotification({
        type: 'warning',
        message: t(
          'settings.invalid',
          'Some values are out of range. Correct the highlighted fields.'
        ),
      });
      return;
    }
    setIsSaving(true);
    try {
      const stored = await api.updateSettings(toSettings(draft));
      settings.setData(() => stored);
      setEdited(null);
      setErrors({});
      toggleNotification({ type: 'success', message: t('settings.saved', 'Settings saved') });
    } catch (caught) {
      const error = caught as ApiError;
      setErrors(error.fieldErrors);
      toggleNotification({
        type: 'danger',
        message: t('settings.save-error', 'The settings were not saved: {message}', {
          message: error.message,
        }),
      });
    } finally {
      setIsSaving(false);
    }
  };

  const title = t('settings.title', 'User communication');

  return (
    <Page.Main aria-busy={isSaving}>
      <Page.Title>{title}</Page.Title>
      <form onSubmit={handleSubmit} noValidate aria-label={title}>
        <Layouts.Header
          title={title}
          subtitle={t('settings.subtitle', 'Choose which messages users get about their account.')}
          primaryAction={
            <Button
              type="submit"
              name="save"
              startIcon={<Check />}
              loading={isSaving}
              disabled={readOnly || isSameDraft(draft, saved)}
              size="S"
            >
              {t('settings.save', 'Save')}
            </Button>
          }
        />
        <Layouts.Content>
          <Flex direction="column" alignItems="stretch" gap={6}>
            {COMMUNICATIONS.map((communication) => (
              <CommunicationCard
                key={communication}
                communication={communication}
                title={texts[communication].title}
                description={texts[communication].description}
                enabled={draft[communication].enabled}
                locked={draft[communication].locked}
                readOnly={readOnly}
                onToggle={(enabled) =>
                  update(withEnabled(draft, communication, enabled), `${communication}.enabled`)
                }
                footer={
                  communication === 'noLoginReminder' ? (
                    <NextReminderRun settingsVersion={saved.noLoginReminder} />
                  ) : null
                }
              >
                {NUMBER_FIELDS[communication].map((spec) => (
                  <CardField key={fieldPath(spec)}>
                    <NumberField
                      spec={spec}
                      label={texts[communication].fields[spec.key]}
                      value={readNumber(draft, spec)}
                      error={errors[fieldPath(spec)]}
                      disabled={readOnly}
                      onChange={(value) => update(withNumber(draft, spec, value), fieldPath(spec))}
                    />
                  </CardField>
                ))}
              </CommunicationCard>
            ))}
            <ScimConnectionCard />
          </Flex>
        </Layouts.Content>
      </form>
    </Page.Main>
  );
};

const ProtectedSettingsPage = () => (
  <Page.Protect permissions={permissionsFor('settings.read')}>
    <SettingsPage />
  </Page.Protect>
);

export default ProtectedSettingsPage;
