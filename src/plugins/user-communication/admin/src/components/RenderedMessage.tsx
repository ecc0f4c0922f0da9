import { Box, Tabs, Typography } from '@strapi/design-system';
import { useTranslate } from '../utils/useTranslate';
import { HtmlPreview } from './HtmlPreview';
import { TextPreview } from './TextPreview';

interface RenderedMessageProps {
  subject: string;
  html: string;
  text: string;
  /** Accessible name of the HTML frame. */
  frameTitle: string;
  frameHeight?: number;
  subjectTestId: string;
  /** Shade the subject block (the template editor sets it off from the form). */
  shaded?: boolean;
}

/** A message as its recipient gets it: subject, then the HTML (sandboxed) and text parts in tabs. */
export const RenderedMessage = ({
  subject,
  html,
  text,
  frameTitle,
  frameHeight,
  subjectTestId,
  shaded,
}: RenderedMessageProps) => {
  const t = useTranslate();
  const shade = shaded
    ? ({
        background: 'neutral100',
        hasRadius: true,
        paddingTop: 3,
        paddingBottom: 3,
        paddingLeft: 4,
        paddingRight: 4,
      } as const)
    : {};

  return (
    <>
      <Box {...shade}>
        <Typography variant="sigma" textColor="neutral600" tag="p">
          {t('templates.subject', 'Subject')}
        </Typography>
        <Typography variant="omega" fontWeight="bold" tag="p" data-testid={subjectTestId}>
          {subject}
        </Typography>
      </Box>
      <Tabs.Root defaultValue="html" variant="simple">
        <Tabs.List aria-label={t('templates.preview.formats', 'Formats')}>
          <Tabs.Trigger value="html">{t('templates.preview.html', 'HTML')}</Tabs.Trigger>
          <Tabs.Trigger value="text">{t('templates.preview.text', 'Text')}</Tabs.Trigger>
        </Tabs.List>
        <Box paddingTop={4}>
          <Tabs.Content value="html">
            <HtmlPreview html={html} title={frameTitle} height={frameHeight} />
          </Tabs.Content>
          <Tabs.Content value="text">
            <TextPreview>{text}</TextPreview>
          </Tabs.Content>
        </Box>
      </Tabs.Root>
    </>
  );
};
