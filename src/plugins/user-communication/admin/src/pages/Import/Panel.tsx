import * as React from 'react';
import { Box, Flex, Typography } from '@strapi/design-system';

interface PanelProps {
  /** Test id of the section; its heading gets `<id>-title`. */
  id: string;
  title: string;
  /** Under the title. */
  description?: React.ReactNode;
  /** Beside the title (a button). */
  aside?: React.ReactNode;
  /** For a panel that replaces the control the admin just used: the focus moves to its heading. */
  focusOnMount?: boolean;
  gap?: number;
  children: React.ReactNode;
}

/** One step of the import page: a titled white section. */
export const Panel = ({
  id,
  title,
  description,
  aside,
  focusOnMount = false,
  gap = 6,
  children,
}: PanelProps) => {
  const heading = React.useRef<HTMLHeadingElement>(null);
  React.useEffect(() => {
    if (focusOnMount) heading.current?.focus();
  }, [focusOnMount]);

  const header = (
    <Flex direction="column" alignItems="stretch" gap={1}>
      <Typography
        variant="delta"
        tag="h2"
        id={`${id}-title`}
        ref={heading}
        tabIndex={focusOnMount ? -1 : undefined}
      >
        {title}
      </Typography>
      {description}
    </Flex>
  );

  return (
    <Box
      tag="section"
      aria-labelledby={`${id}-title`}
      data-testid={id}
      background="neutral0"
      hasRadius
      shadow="filterShadow"
      padding={6}
    >
      <Flex direction="column" alignItems="stretch" gap={gap}>
        {aside ? (
          <Flex justifyContent="space-between" alignItems="flex-start" gap={4}>
            {header}
            <Box shrink={0}>{aside}</Box>
          </Flex>
        ) : (
          header
        )}
        {children}
      </Flex>
    </Box>
  );
};
