import { Button } from '@strapi/design-system';
import { Download } from '@strapi/icons';
import { useImportsApi, type ImportId } from '../../api/imports';
import { useTranslate } from '../../utils/useTranslate';
import { useDownload } from './useDownload';

/** The import's CSV report (one line per row), fetched with the admin's token. */
export const ReportButton = ({ id }: { id: ImportId }) => {
  const t = useTranslate();
  const api = useImportsApi();
  const { download, isDownloading } = useDownload();

  return (
    <Button
      variant="secondary"
      startIcon={<Download />}
      loading={isDownloading}
      onClick={() => download(() => api.downloadReport(id))}
      data-testid="uc-import-report"
    >
      {t('import.report', 'Download the report')}
    </Button>
  );
};
