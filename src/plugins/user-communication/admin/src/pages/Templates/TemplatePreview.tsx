import { Box, Flex, Loader, Typography } from '@strapi/design-system';
import { RenderedMessage } from '../../components/RenderedMessage';
import { useTranslate } from '../../utils/useTranslate';
import type { TemplatePreviewState } from './useTemplatePreview';

/** The draft as a user would get it, rendered by the server with sample data. */
export const TemplatePreview = ({ preview, error, isLoading }: TemplatePreviewState) => {
  const t = useTranslate();

  return (
    <Box
      tag="section"
      aria-labelledby="uc-preview-title"
      aria-busy={isLoading}
      background="neutral0"
      hasRadius
      shadow="filterShadow"
      padding={6}
    >
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Flex justifyContent="space-between" alignItems="baseline" gap={2}>
          <Typography variant="delta" tag="h2" id="uc-preview-title">
            {t('templates.preview', 'Preview')}
          </Typography>
          <Typography variant="pi" textColor="neutral600">
            {isLoading
              ? t('templates.preview.updating', 'Updating…')
              : t('templates.preview.sample', 'With sample data')}
          </Typography>
        </Flex>

        {error ? (
          <Box role="alert" background="danger100" borderColor="danger200" hasRadius padding={4}>
            <Typography textColor="danger700">
              {t('templates.preview.error', 'Cannot preview: {message}', { message: error })}
            </Typography>
          </Box>
        ) : null}

        {!preview && !error ? (
          <Loader small>{t('templates.preview.loading', 'Rendering the preview…')}</Loader>
        ) : null}

        {preview && !error ? (
          <RenderedMessage
            subject={preview.subject}
            html={preview.html}
            text={preview.text}
            frameTitle={t('templates.preview.frame', 'HTML preview')}
            subjectTestId="preview-subject"
            shaded
          />
        ) : null}
      </Flex>
    </Box>
  );
};
