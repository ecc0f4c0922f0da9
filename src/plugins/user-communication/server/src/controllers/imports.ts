import { unlink } from 'node:fs/promises';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { getService } from '../utils/get-service';
import { parseImportId, parseUpdateExisting, validateCommit } from '../validation/imports';
import { updateRightsOf, type CallerState } from './caller-rights';
import type { Ctx } from './context';

export interface UploadedFile {
  filepath: string;
  originalFilename?: string | null;
}

type UploadCtx = Ctx & {
  request: Ctx['request'] & { files?: Record<string, UploadedFile | UploadedFile[]> };
};

const attachment = (ctx: Ctx, type: string, fileName: string) => {
  ctx.type = type;
  ctx.set('Content-Disposition', `attachment; filename="${fileName}"`);
  ctx.set('Cache-Control', 'no-store');
};

/** The admin's Excel/CSV import: upload (preview), commit, report, template. */
const imports = ({ strapi }: { strapi: Core.Strapi }) => ({
  async template(ctx: Ctx) {
    attachment(
      ctx,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'users-import-template.xlsx'
    );
    ctx.body = await getService(strapi, 'imports').template();
  },

  async upload(ctx: UploadCtx) {
    const file = ctx.request.files?.file;
    try {
      if (!file)
        throw new errors.ValidationError(
          'Attach the spreadsheet (.xlsx or .csv) as the form field "file".'
        );
      if (Array.isArray(file))
        throw new errors.ValidationError('Upload one spreadsheet at a time.');
      const fields = (ctx.request.body ?? {}) as Record<string, unknown>;
      ctx.body = await getService(strapi, 'imports').preview({
        filePath: file.filepath,
        fileName: file.originalFilename ?? 'upload',
        adminId: ctx.state.user?.id ?? null,
        updateExisting: parseUpdateExisting(fields.updateExisting),
      });
    } finally {
      // The upload's temporary copy: the rows now live in the database.
      for (const part of [file ?? []].flat()) await unlink(part.filepath).catch(() => undefined);
    }
  },

  async find(ctx: Ctx) {
    ctx.body = await getService(strapi, 'imports').find(parseImportId(ctx.params.id));
  },

  async commit(ctx: Ctx) {
    const id = parseImportId(ctx.params.id);
    const options = await validateCommit(ctx.request.body);
    try {
      const rights = updateRightsOf(ctx.state as CallerState);
      ctx.body = await getService(strapi, 'imports').commit(id, { ...options, ...rights });
    } catch (error) {
      if (!(error instanceof Error) || error.name !== 'ImportInProgress') throw error;
      ctx.status = 409;
      ctx.body = {
        data: null,
        error: { status: 409, name: error.name, message: error.message, details: {} },
      };
    }
  },

  async report(ctx: Ctx) {
    const id = parseImportId(ctx.params.id);
    const body = await getService(strapi, 'imports').report(id);
    attachment(ctx, 'text/csv; charset=utf-8', `users-import-${id}-report.csv`);
    ctx.body = body;
  },
});

export default imports;
