import * as React from 'react';
import { useNotification } from '@strapi/strapi/admin';
import type { ApiError } from '../../api/errors';
import type { DownloadedFile } from '../../api/imports';
import { saveFile } from '../../utils/download';
import { useTranslate } from '../../utils/useTranslate';

/** Fetches a file through the admin's fetch client and saves it; a refusal becomes a notification. */
export const useDownload = () => {
  const t = useTranslate();
  const { toggleNotification } = useNotification();
  const [isDownloading, setIsDownloading] = React.useState(false);

  const download = React.useCallback(
    async (fetchFile: () => Promise<DownloadedFile>) => {
      setIsDownloading(true);
      try {
        const { blob, fileName } = await fetchFile();
        saveFile(blob, fileName);
      } catch (caught) {
        toggleNotification({
          type: 'danger',
          message: t('import.download.error', 'The file was not downloaded: {message}', {
            message: (caught as ApiError).message,
          }),
        });
      } finally {
        setIsDownloading(false);
      }
    },
    [t, toggleNotification]
  );

  return { download, isDownloading };
};
