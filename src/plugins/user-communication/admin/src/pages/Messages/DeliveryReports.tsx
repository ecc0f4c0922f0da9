import { Flex, Typography } from '@strapi/design-system';
import type { DeliveryReport } from '../../../../shared/contracts/messages';
import { useLabel } from '../../utils/useLabel';
import { useTranslate } from '../../utils/useTranslate';

/** What came back about a message after it left: bounces, complaints, deliveries, oldest first. */
export const DeliveryReports = ({
  reports,
  date,
}: {
  reports: DeliveryReport[];
  date: (value: string) => string;
}) => {
  const t = useTranslate();
  const label = useLabel();
  if (reports.length === 0) return null;
  return (
    <Flex direction="column" alignItems="stretch" gap={2} data-testid="message-reports">
      <Typography variant="sigma" textColor="neutral600" tag="h3">
        {t('messages.detail.reports', 'Delivery reports')}
      </Typography>
      <Flex tag="ul" direction="column" alignItems="stretch" gap={1}>
        {reports.map((report, index) => (
          <Typography key={index} tag="li" variant="omega">
            {t('messages.detail.report', '{date}: {kind} ({source})', {
              date: date(report.occurredAt),
              kind: label('feedback', report.kind),
              source: label('feedback-source', report.source),
            })}
            {report.detail ? ` — ${report.detail}` : ''}
          </Typography>
        ))}
      </Flex>
    </Flex>
  );
};
