import { Flex, Td, TextButton, Tr, Typography } from '@strapi/design-system';
import {
  DROP_STEPS,
  FUNNEL_STEPS,
  type DropStep,
  type FunnelAnswer,
  type FunnelCounts,
} from '../../../../shared/contracts/funnel';
import type { Origin } from '../../../../shared/contracts/users';
import { ListTable } from '../../components/ListTable';
import { useLabel } from '../../utils/useLabel';
import { useTranslate } from '../../utils/useTranslate';

/** A drop picked in the table: the users of `origin` (all when undefined) who did not reach `step`. */
export interface DropChoice {
  step: DropStep;
  origin: Origin | undefined;
}

interface FunnelTableProps {
  funnel: FunnelAnswer;
  onDrop: (choice: DropChoice) => void;
}

const percent = (part: number, whole: number) =>
  whole === 0 ? '–' : `${Math.round((part / whole) * 100)} %`;

/** One row per origin (and the total): each step's count, its share of those created, and the drop before it. */
export const FunnelTable = ({ funnel, onDrop }: FunnelTableProps) => {
  const t = useTranslate();
  const label = useLabel();
  const originLabel = (origin: Origin | null) =>
    origin === null
      ? t('communication.origin.unknown', 'Origin not recorded')
      : label('origin', origin);

  // null: users without a recorded origin, whom no origin filter can list.
  const row = (
    key: string,
    name: string,
    counts: FunnelCounts,
    origin: Origin | undefined | null
  ) => (
    <Tr key={key} data-funnel-origin={key}>
      <Td>
        <Typography fontWeight="bold" textColor="neutral800">
          {name}
        </Typography>
      </Td>
      {FUNNEL_STEPS.map((step, index) => {
        const dropStep = DROP_STEPS.find((candidate) => candidate === step);
        const drop = dropStep ? counts[FUNNEL_STEPS[index - 1]] - counts[step] : 0;
        return (
          <Td key={step} data-funnel-step={step}>
            <Flex direction="column" alignItems="flex-start" gap={1}>
              <Flex gap={1} alignItems="baseline">
                <Typography textColor="neutral800" data-funnel-count>
                  {counts[step]}
                </Typography>
                {index > 0 ? (
                  <Typography variant="pi" textColor="neutral600">
                    ({percent(counts[step], counts.created)})
                  </Typography>
                ) : null}
              </Flex>
              {dropStep && drop > 0 && origin !== null ? (
                <TextButton
                  onClick={() => onDrop({ step: dropStep, origin: origin ?? undefined })}
                  aria-label={t(
                    'communication.drop.show',
                    'Show the {count} users: {drop} ({origin})',
                    {
                      count: drop,
                      drop: label('funnel.drop', dropStep),
                      origin: name,
                    }
                  )}
                >
                  {t('communication.drop', '−{count} dropped', { count: drop })}
                </TextButton>
              ) : null}
            </Flex>
          </Td>
        );
      })}
    </Tr>
  );

  const columns = [
    t('communication.column.origin', 'Origin'),
    ...FUNNEL_STEPS.map((step) => label('funnel.step', step)),
  ];
  const showTotal = funnel.byOrigin.length !== 1;
  return (
    <ListTable columns={columns} rowCount={funnel.byOrigin.length + (showTotal ? 1 : 0)}>
      {showTotal
        ? row('all', t('communication.origin.all', 'All origins'), funnel.total, undefined)
        : null}
      {funnel.byOrigin.map(({ origin, counts }) =>
        row(String(origin), originLabel(origin), counts, origin)
      )}
    </ListTable>
  );
};
