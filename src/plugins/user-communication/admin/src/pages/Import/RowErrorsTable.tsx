import { Box, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useTranslate } from '../../utils/useTranslate';
import { MAX_SHOWN_ROWS } from './model';

export interface RowProblems {
  row: number;
  errors: string[];
}

interface RowErrorsTableProps {
  rows: RowProblems[];
  /** All rows with problems, which may be more than the server listed. */
  total: number;
  label: string;
  errorsHeader: string;
  testId: string;
}

/** Spreadsheet rows and what is wrong with each, the first MAX_SHOWN_ROWS of them. */
export const RowErrorsTable = ({
  rows,
  total,
  label,
  errorsHeader,
  testId,
}: RowErrorsTableProps) => {
  const t = useTranslate();
  const shown = rows.slice(0, MAX_SHOWN_ROWS);
  const more = Math.max(total - shown.length, 0);
  const header = (text: string) => (
    <Th>
      <Typography variant="sigma" textColor="neutral600">
        {text}
      </Typography>
    </Th>
  );

  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Table colCount={2} rowCount={shown.length + 1} aria-label={label} data-testid={testId}>
        <Thead>
          <Tr>
            {header(t('import.rows.row', 'Row'))}
            {header(errorsHeader)}
          </Tr>
        </Thead>
        <Tbody>
          {shown.map((problem) => (
            <Tr key={problem.row} data-row={problem.row}>
              <Td>
                <Typography textColor="neutral800" fontWeight="semiBold">
                  {problem.row}
                </Typography>
              </Td>
              <Td>
                <Box tag="ul">
                  {problem.errors.map((error, index) => (
                    <Typography
                      key={index}
                      tag="li"
                      textColor="danger600"
                      style={{ whiteSpace: 'normal' }}
                    >
                      {error}
                    </Typography>
                  ))}
                </Box>
              </Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
      {more > 0 ? (
        <Typography variant="pi" textColor="neutral600" data-testid={`${testId}-more`}>
          {t(
            'import.rows.more',
            'And {count, plural, one {# more row} other {# more rows}} — see the report.',
            { count: more }
          )}
        </Typography>
      ) : null}
    </Flex>
  );
};
