import * as React from 'react';
import { Box, Field, Flex, Grid, Toggle, Typography } from '@strapi/design-system';
import { Lock } from '@strapi/icons';
import type { CommunicationKey } from '../../../../shared/contracts/settings';
import { useTranslate } from '../../utils/useTranslate';
import { SettingsSection } from './SettingsSection';

interface CommunicationCardProps {
  communication: CommunicationKey;
  title: string;
  description: string;
  enabled: boolean;
  locked: boolean;
  /** The admin may read but not update the settings. */
  readOnly: boolean;
  onToggle: (enabled: boolean) => void;
  children: React.ReactNode;
  /** Shown under the fields (the no login reminder's next run). */
  footer?: React.ReactNode;
}

/** One communication: its switch, what it does for users, and its numeric settings. */
export const CommunicationCard = ({
  communication,
  title,
  description,
  enabled,
  locked,
  readOnly,
  onToggle,
  children,
  footer,
}: CommunicationCardProps) => {
  const t = useTranslate();
  const lockedReason = t(
    'settings.locked',
    'Always on: users must always be able to recover their account, so this cannot be turned off.'
  );

  return (
    <SettingsSection titleId={`uc-${communication}-title`} data-communication={communication}>
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Flex justifyContent="space-between" alignItems="flex-start" gap={6}>
          <Flex direction="column" alignItems="stretch" gap={1}>
            <Typography variant="delta" tag="h2" id={`uc-${communication}-title`}>
              {title}
            </Typography>
            <Typography variant="omega" textColor="neutral600">
              {description}
            </Typography>
          </Flex>
          <Box minWidth="16rem">
            <Field.Root
              name={`${communication}.enabled`}
              id={`uc-${communication}-enabled`}
              hint={locked ? lockedReason : undefined}
            >
              <Toggle
                aria-label={title}
                checked={locked || enabled}
                disabled={locked || readOnly}
                onLabel={t('settings.toggle.on', 'On')}
                offLabel={t('settings.toggle.off', 'Off')}
                onChange={(event: React.ChangeEvent<HTMLInputElement>) =>
                  onToggle(event.currentTarget.checked)
                }
              />
            </Field.Root>
          </Box>
        </Flex>
        {locked ? (
          <Flex gap={2} alignItems="center">
            <Lock aria-hidden fill="neutral600" width="1.2rem" height="1.2rem" />
            <Typography variant="pi" textColor="neutral700" id={`uc-${communication}-enabled-hint`}>
              {lockedReason}
            </Typography>
          </Flex>
        ) : null}
        <Grid.Root gap={5}>{children}</Grid.Root>
        {footer}
      </Flex>
    </SettingsSection>
  );
};

export const CardField = ({ children }: { children: React.ReactNode }) => (
  <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
    {children}
  </Grid.Item>
);
