import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { fileNameFromDisposition } from '../utils/download';
import type {
  CommitBody,
  ImportPreview,
  ImportResult,
  StoredImport,
} from '../../../shared/contracts/imports';
import { request, toApiError, type ApiError } from './errors';

/** An import's id, as an answer gives it or as the page's address carries it. */
export type ImportId = ImportPreview['id'] | string;

/** A file fetched with the admin's token, ready to be saved (utils/download.ts). */
export interface DownloadedFile {
  blob: Blob;
  fileName: string;
}

const IMPORTS_URL = '/user-communication/imports';

const importUrl = (id: ImportId) => `${IMPORTS_URL}/${encodeURIComponent(String(id))}`;

/** A refused download arrives as a blob too; its body is still Strapi's JSON error when there is one. */
const downloadError = async (blob: Blob, status: number): Promise<ApiError> => {
  let message = `The server answered ${status}.`;
  try {
    const body = JSON.parse(await blob.text()) as { error?: { message?: unknown } };
    if (typeof body.error?.message === 'string' && body.error.message !== '')
      message = body.error.message;
  } catch {
    // Not JSON (a proxy's page): the status is all there is to tell.
  }
  return { message, fieldErrors: {}, aborted: false };
};

/** The only place the admin talks to the plugin's import routes. Errors are thrown as ApiError. */
export const useImportsApi = () => {
  const { get, post } = useFetchClient();

  return React.useMemo(() => {
    const download = async (url: string, fallbackName: string): Promise<DownloadedFile> => {
      let response;
      try {
        // 401 must still throw, so the fetch client renews an expired token and asks again.
        response = await get(url, {
          responseType: 'blob',
          validateStatus: (status) => status !== 401,
        });
      } catch (error) {
        throw toApiError(error);
      }
      const status = response.status ?? 200;
      if (status >= 400) throw await downloadError(response.data, status);
      return {
        blob: response.data,
        fileName:
          fileNameFromDisposition(response.headers?.get('Content-Disposition')) ?? fallbackName,
      };
    };

    return {
      downloadTemplate: () =>
        download(`${IMPORTS_URL}/template.xlsx`, 'users-import-template.xlsx'),

      /** Uploads the sheet and has it checked; `updateExisting` only shapes the create/update/skip numbers. */
      preview: (file: File, updateExisting: boolean) => {
        const form = new FormData();
        form.append('file', file, file.name);
        form.append('updateExisting', String(updateExisting));
        return request(() => post<ImportPreview, FormData>(IMPORTS_URL, form));
      },

      getImport: (id: ImportId, signal?: AbortSignal) =>
        request(() => get<StoredImport>(importUrl(id), { signal })),

      commit: (id: ImportId, updateExisting: boolean) =>
        request(() =>
          post<ImportResult, CommitBody>(`${importUrl(id)}/commit`, {
            updateExisting,
          })
        ),

      /** One line per row: row, email, outcome, detail. */
      downloadReport: (id: ImportId) =>
        download(`${importUrl(id)}/report.csv`, `users-import-${String(id)}-report.csv`),
    };
  }, [get, post]);
};
