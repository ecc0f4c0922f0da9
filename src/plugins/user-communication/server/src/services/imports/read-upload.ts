import { errors } from '@strapi/utils';
import { ImportFileError, readUserSheet } from '../../import/read-sheet';
import { planColumns } from '../../import/user-columns';
import { mapUserRows } from '../../import/user-rows';
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

/**
 * Reads and checks an uploaded sheet: the file as a whole (a refusal is a 400 naming what to
 * fix, with the reason's `code`), then every row. Nothing is stored.
 */
export const readUpload = async (upload: UploadToRead) => {
  try {
    const sheet = await readUserSheet(upload.filePath, {
      maxBytes: upload.maxBytes,
      maxRows: upload.maxRows,
    });
    const plan = planColumns(sheet.headers, upload.columns);
    const unknown = plan.columns.flatMap((column) =>
      'attribute' in column.target && !(column.target.attribute in upload.attributes)
        ? [column.header]
        : []
    );
    if (unknown.length > 0) throw unknownAttributesError(unknown, Object.keys(upload.attributes));
    const emailColumn = plan.columns.find(
      (column) => 'field' in column.target && column.target.field === 'email'
    );
    const mapped = mapUserRows(sheet, { columns: upload.columns, attributes: upload.attributes });
    return { sheet, mapped, emailIndex: emailColumn?.index ?? 0 };
  } catch (error) {
    if (error instanceof ImportFileError) {
      throw new errors.ValidationError(error.message, { code: error.code });
    }
    throw error;
  }
};

export type ReadUpload = Awaited<ReturnType<typeof readUpload>>;
