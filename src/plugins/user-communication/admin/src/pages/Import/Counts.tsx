import { Box, Flex, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';

export interface Count {
  /** Stable name: the item's test id is `${testId}-${key}`. */
  key: string;
  label: string;
  value: number;
  /** Draws the eye to a number that needs attention (rows with errors, failed rows). */
  tone?: 'danger';
}

interface CountsProps {
  counts: Count[];
  label: string;
  testId: string;
}

/** A row of labelled numbers (a description list, so each number is read with its label). */
export const Counts = ({ counts, label, testId }: CountsProps) => {
  const { formatNumber } = useIntl();

  return (
    <Flex tag="dl" aria-label={label} data-testid={testId} gap={3} wrap="wrap" alignItems="stretch">
      {counts.map((count) => {
        const alarming = count.tone === 'danger' && count.value > 0;
        return (
          <Box
            key={count.key}
            data-testid={`${testId}-${count.key}`}
            data-count={count.value}
            background={alarming ? 'danger100' : 'neutral100'}
            borderColor={alarming ? 'danger200' : 'neutral150'}
            hasRadius
            paddingTop={3}
            paddingBottom={3}
            paddingLeft={4}
            paddingRight={4}
            minWidth="12rem"
          >
            <Flex direction="column" alignItems="flex-start" gap={1}>
              <Typography
                tag="dt"
                variant="sigma"
                textColor={alarming ? 'danger700' : 'neutral600'}
              >
                {count.label}
              </Typography>
              <Typography
                tag="dd"
                variant="beta"
                textColor={alarming ? 'danger700' : 'neutral800'}
                marginLeft={0}
              >
                {formatNumber(count.value)}
              </Typography>
            </Flex>
          </Box>
        );
      })}
    </Flex>
  );
};
