import { Box, Flex, Loader, Tabs, Typography } from '@strapi/design-system';
import { HtmlPreview } from '../../components/HtmlPreview';
import { TextPreview } from '../../components/TextPreview';
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
            {isLoading ? t('templates.preview.updating', 'Updating…') : t('templates.preview.sample', 'With sample data')}
          </Typography>
        </Flex>

        {error ? (
          <Box role="alert" background="danger100" borderColor="danger200" hasRadius padding={4}>
            <Typography textColor="danger700">
              {t('templates.preview.error', 'Cannot preview: {message}', { message: error })}
            </Typography>
          </Box>
        ) : null}

        {!preview && !error ? <Loader small>{t('templates.preview.loading', 'Rendering the preview…')}</Loader> : null}

        {preview && !error ? (
          <>
            <Box background="neutral100" hasRadius paddingTop={3} paddingBottom={3} paddingLeft={4} paddingRight={4}>
              <Typography variant="sigma" textColor="neutral600" tag="p">
                {t('templates.subject', 'Subject')}
              </Typography>
              <Typography variant="omega" fontWeight="bold" tag="p" data-testid="preview-subject">
                {preview.subject}
              </Typography>
            </Box>
            <Tabs.Root defaultValue="html" variant="simple">
              <Tabs.List aria-label={t('templates.preview.formats', 'Formats')}>
                <Tabs.Trigger value="html">{t('templates.preview.html', 'HTML')}</Tabs.Trigger>
                <Tabs.Trigger value="text">{t('templates.preview.text', 'Text')}</Tabs.Trigger>
              </Tabs.List>
              <Box paddingTop={4}>
                <Tabs.Content value="html">
                  <HtmlPreview html={preview.html} title={t('templates.preview.frame', 'HTML preview')} />
                </Tabs.Content>
                <Tabs.Content value="text">
                  <TextPreview>{preview.text}</TextPreview>
                </Tabs.Content>
              </Box>
            </Tabs.Root>
          </>
        ) : null}
      </Flex>
    </Box>
  );
};
