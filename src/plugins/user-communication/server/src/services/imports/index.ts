import type { Core } from '@strapi/strapi';
import type { ImportResult, StoredImport } from '../../../../shared/contracts/imports';
import { writeImportTemplate } from '../../import/template-sheet';
import { getService } from '../../utils/get-service';
import { pluginConfig } from '../../utils/plugin-config';
import { importCommit, type CommitOptions } from './commit';
import { previewStore } from './preview-store';
import { readUpload } from './read-upload';
import { importReport } from './report';

export interface Upload {
  filePath: string;
  fileName: string;
  adminId?: number | null;
  updateExisting?: boolean;
}

/**
 * The Excel/CSV import, in two steps: `preview` reads and checks the file and stores its rows
 * (no user is written), `commit` writes them in pages. Imported users have origin `excel`
 * and get no activation e-mail (the admin resends it). The admin page and the CLI both call this.
 */
const imports = ({ strapi }: { strapi: Core.Strapi }) => {
  const store = previewStore(strapi);
  const commit = importCommit(strapi);

  return {
    async preview(input: Upload): Promise<StoredImport> {
      const { maxFileBytes, maxRows, columns } = pluginConfig(strapi).import;
      const upload = await readUpload({
        filePath: input.filePath,
        maxBytes: maxFileBytes,
        maxRows,
        columns,
        attributes: getService(strapi, 'user-writer').customAttributes(),
      });
      return store.store({
        fileName: input.fileName,
        adminId: input.adminId ?? null,
        updateExisting: input.updateExisting ?? false,
        upload,
      });
    },

    async find(id: number): Promise<StoredImport> {
      return store.summary(await store.load(id));
    },

    /** Writes the checked rows. Once: a committed import answers with its stored result. */
    async commit(id: number, options: CommitOptions): Promise<ImportResult> {
      return commit(await store.load(id), options);
    },

    /** One line per row with its outcome (or, before the commit, what the commit would do). */
    async report(id: number): Promise<Buffer> {
      return importReport(strapi, await store.load(id));
    },

    /** The sheet to fill in, with a column for each custom user attribute. */
    template(): Promise<Buffer> {
      const custom = getService(strapi, 'user-writer').customAttributes();
      return writeImportTemplate({
        extraColumns: Object.keys(custom).map((name) => `attr:${name}`),
      });
    },
  };
};

export type ImportsService = ReturnType<typeof imports>;
export default imports;
