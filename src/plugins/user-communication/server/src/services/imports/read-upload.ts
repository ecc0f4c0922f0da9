import { errors } from '@strapi/utils';
import { ImportFileError, visitUserSheet } from '../../import/read-sheet';
import { userRowMapper } from '../../import/user-rows';
import type { AttributeSchema } from '../../user-fields/rules';

export interface UploadToRead {
  filePath: string;
  maxBytes: number;
  maxRows: number;
  /** Extra headers mapped to user attributes (the plugin option `import.columns`). */
  columns: Record<string, string>;
  /** The user's custom attributes: the only ones a column may fill. */
  attributes: Record<string, AttributeSchema>;
}

const unknownAttributesError = (headers: string[], known: string[]) =>
  new ImportFileError(
    'bad-columns',
    `The column(s) ${headers.map((header) => `"${header}"`).join(', ')} name no user attribute that can be imported. ` +
      (known.length > 0
        ? `Attributes that can: ${known.join(', ')}.`
        : 'Add the field to the User content type first.')
  );

/** What an invalid row's e-mail cell said, kept for its line in the report (as many as a column holds). */
const EMAIL_CELL_CHARS = 255;

/**
 * Reads and checks an uploaded sheet: the file as a whole (a refusal is a 400 naming what to
 * fix, with the reason's `code`), then every row as it is read. Nothing is stored. The sheet's
 * cells are not kept: what stays of a row is what it became (a user to write, or its errors and
 * its e-mail cell).
 */
export const readUpload = async (upload: UploadToRead) => {
  const mapper = userRowMapper({ columns: upload.columns, attributes: upload.attributes });
  const invalidEmails = new Map<number, string>();
  let emailIndex = 0;
  try {
    const sheet = await visitUserSheet(
      upload.filePath,
      { maxBytes: upload.maxBytes, maxRows: upload.maxRows },
      {
        headers(headers) {
          const plan = mapper.headers(headers);
          const unknown = plan.columns.flatMap((column) =>
            'attribute' in column.target && !(column.target.attribute in upload.attributes)
              ? [column.header]
              : []
          );
          if (unknown.length > 0)
            throw unknownAttributesError(unknown, Object.keys(upload.attributes));
          emailIndex =
            plan.columns.find(
              (column) => 'field' in column.target && column.target.field === 'email'
            )?.index ?? 0;
        },
        row(row) {
          if (!mapper.row(row))
            invalidEmails.set(
              row.row,
              (row.cells[emailIndex] ?? '').trim().slice(0, EMAIL_CELL_CHARS)
            );
        },
      }
    );
    return { sheet, mapped: mapper.finish(), invalidEmails };
  } catch (error) {
    if (error instanceof ImportFileError) {
      throw new errors.ValidationError(error.message, { code: error.code });
    }
    throw error;
  }
};

export type ReadUpload = Awaited<ReturnType<typeof readUpload>>;
