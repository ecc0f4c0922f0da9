import * as React from 'react';
import {
  Box,
  Button,
  Divider,
  Flex,
  Table,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { Play } from '@strapi/icons';
import { useNotification, useRBAC } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import type { ApiError } from '../../api/errors';
import type {
  ReminderCandidate,
  ReminderRun,
  RunOutcome,
} from '../../../../shared/contracts/reminders';
import { useRemindersApi } from '../../api/reminders';
import { permissionsFor } from '../../permissions';
import { useTranslate } from '../../utils/useTranslate';
import { useReminderStatus } from './useReminderStatus';

const SampleTable = ({ sample }: { sample: ReminderCandidate[] }) => {
  const t = useTranslate();
  const { formatDate } = useIntl();
  const header = (text: string) => (
    <Th>
      <Typography variant="sigma" textColor="neutral600">
        {text}
      </Typography>
    </Th>
  );

  return (
    <Table colCount={3} rowCount={sample.length + 1}>
      <Thead>
        <Tr>
          {header(t('reminders.sample.email', 'E-mail'))}
          {header(t('reminders.sample.last-login', 'Last login'))}
          {header(t('reminders.sample.activation', 'Activation'))}
        </Tr>
      </Thead>
      <Tbody>
        {sample.map((user) => (
          <Tr key={user.id}>
            <Td>
              <Typography textColor="neutral800">{user.email}</Typography>
            </Td>
            <Td>
              <Typography textColor="neutral800">
                {user.lastLoginAt
                  ? formatDate(user.lastLoginAt, { dateStyle: 'medium' })
                  : t('reminders.sample.never', 'never')}
              </Typography>
            </Td>
            <Td>
              <Typography textColor={user.activated ? 'neutral800' : 'warning600'}>
                {user.activated
                  ? t('reminders.sample.activated', 'activated')
                  : t('reminders.sample.not-activated', 'not activated')}
              </Typography>
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};

const LastRun = ({ run }: { run: ReminderRun | null }) => {
  const t = useTranslate();
  const { formatDate } = useIntl();
  if (!run) {
    return (
      <Typography variant="pi" textColor="neutral600">
        {t('reminders.last-run.none', 'No run yet.')}
      </Typography>
    );
  }
  const trigger =
    run.trigger === 'manual'
      ? t('reminders.trigger.manual', 'run by an admin')
      : t('reminders.trigger.schedule', 'scheduled');
  const when = run.finishedAt ?? run.startedAt;
  return (
    <Typography variant="pi" textColor="neutral600">
      {run.status === 'done'
        ? t(
            'reminders.last-run',
            'Last run: {date}, {reminded, plural, one {# user} other {# users}} reminded ({trigger}).',
            {
              date: when
                ? formatDate(when, { dateStyle: 'medium', timeStyle: 'short' })
                : run.runDate,
              reminded: run.reminded,
              trigger,
            }
          )
        : t('reminders.last-run.running', 'A run of {date} is in progress ({trigger}).', {
            date: run.runDate,
            trigger,
          })}
    </Typography>
  );
};

/** Under the No login reminder card: who the next run would remind, the last run, and "Run now". */
export const NextReminderRun = ({ settingsVersion }: { settingsVersion: unknown }) => {
  const t = useTranslate();
  const { toggleNotification } = useNotification();
  const api = useRemindersApi();
  const { allowedActions } = useRBAC(permissionsFor('reminders.run'));
  const [isRunning, setIsRunning] = React.useState(false);
  const { data, error, refresh } = useReminderStatus(settingsVersion);
  const preview = data?.preview ?? null;
  const lastRun = data?.lastRun ?? null;

  const outcomeMessage = (outcome: RunOutcome) => {
    if (outcome.status === 'busy') return t('reminders.run.busy', 'Another instance is running it');
    if (outcome.status === 'disabled')
      return t('reminders.run.disabled', 'Nobody was reminded: the no login reminder is off.');
    return t(
      'reminders.run.done',
      'Run finished: {reminded, plural, =0 {nobody was due} one {# user reminded} other {# users reminded}}',
      {
        reminded: outcome.reminded,
      }
    );
  };

  const runNow = async () => {
    setIsRunning(true);
    try {
      const outcome = await api.runNow();
      toggleNotification({
        type: outcome.status === 'done' ? 'success' : 'warning',
        message: outcomeMessage(outcome),
      });
    } catch (caught) {
      toggleNotification({
        type: 'danger',
        message: t('reminders.run.error', 'The reminders were not run: {message}', {
          message: (caught as ApiError).message,
        }),
      });
    } finally {
      setIsRunning(false);
      refresh();
    }
  };

  return (
    <Flex
      tag="section"
      aria-labelledby="uc-next-run-title"
      direction="column"
      alignItems="stretch"
      gap={4}
    >
      <Divider />
      <Flex justifyContent="space-between" alignItems="flex-start" gap={4}>
        <Flex direction="column" alignItems="stretch" gap={1}>
          <Typography variant="delta" tag="h3" id="uc-next-run-title">
            {t('reminders.next-run', 'Next run')}
          </Typography>
          {error ? (
            <Typography role="alert" textColor="danger600">
              {t('reminders.load-error', 'The next run could not be previewed: {message}', {
                message: error,
              })}
            </Typography>
          ) : null}
          {preview ? (
            <Typography textColor="neutral800" aria-live="polite">
              {preview.enabled
                ? t(
                    'reminders.count',
                    '{count, plural, =0 {No user would be reminded} one {# user would be reminded} other {# users would be reminded}} at the next run.',
                    { count: preview.count }
                  )
                : t(
                    'reminders.count.off',
                    'The reminder is off. Once on, {count, plural, =0 {no user} one {# user} other {# users}} would be reminded at the next run.',
                    { count: preview.count }
                  )}
            </Typography>
          ) : null}
          <LastRun run={lastRun} />
        </Flex>
        {allowedActions.canRun ? (
          <Button
            type="button"
            variant="secondary"
            size="S"
            startIcon={<Play />}
            loading={isRunning}
            disabled={!preview?.enabled}
            onClick={runNow}
          >
            {t('reminders.run', 'Run now')}
          </Button>
        ) : null}
      </Flex>
      {preview?.sample === null && preview.count > 0 ? (
        <Typography variant="pi" textColor="neutral600">
          {t(
            'reminders.sample.hidden',
            'Who would be reminded is shown to admins who may read users in the Content Manager.'
          )}
        </Typography>
      ) : null}
      {preview?.sample && preview.sample.length > 0 ? (
        <Box>
          <SampleTable sample={preview.sample} />
          {preview.count > preview.sample.length ? (
            <Box paddingTop={2}>
              <Typography variant="pi" textColor="neutral600">
                {t(
                  'reminders.sample.more',
                  'And {count, plural, one {# more user} other {# more users}}.',
                  {
                    count: preview.count - preview.sample.length,
                  }
                )}
              </Typography>
            </Box>
          ) : null}
        </Box>
      ) : null}
    </Flex>
  );
};
