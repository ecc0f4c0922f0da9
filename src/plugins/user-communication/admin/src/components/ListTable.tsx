import type { ReactNode } from 'react';
import { Table, Tbody, Th, Thead, Tr, Typography } from '@strapi/design-system';

interface ListTableProps {
  columns: string[];
  /** Rows in the body (the header row is counted here). */
  rowCount: number;
  /** The body's rows. */
  children: ReactNode;
}

/** A list page's table: the column headings, then the rows the page renders. */
export const ListTable = ({ columns, rowCount, children }: ListTableProps) => (
  <Table colCount={columns.length} rowCount={rowCount + 1}>
    <Thead>
      <Tr>
        {columns.map((column) => (
          <Th key={column}>
            <Typography variant="sigma" textColor="neutral600">
              {column}
            </Typography>
          </Th>
        ))}
      </Tr>
    </Thead>
    <Tbody>{children}</Tbody>
  </Table>
);
