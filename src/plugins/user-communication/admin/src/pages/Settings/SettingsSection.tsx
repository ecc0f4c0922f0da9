import * as React from 'react';
import { Box } from '@strapi/design-system';

interface SettingsSectionProps extends React.HTMLAttributes<HTMLElement> {
  /** The id of the section's heading, which names it for assistive technology. */
  titleId: string;
  children: React.ReactNode;
}

/** One card of the settings page; extra attributes (`data-*`) are passed on to the section. */
export const SettingsSection = ({ titleId, children, ...attributes }: SettingsSectionProps) => (
  <Box
    tag="section"
    aria-labelledby={titleId}
    background="neutral0"
    hasRadius
    shadow="filterShadow"
    paddingTop={6}
    paddingBottom={6}
    paddingLeft={7}
    paddingRight={7}
    {...attributes}
  >
    {children}
  </Box>
);
