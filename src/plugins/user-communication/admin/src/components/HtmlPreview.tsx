import * as React from 'react';
import { Box } from '@strapi/design-system';
import { styled } from 'styled-components';

/** E-mail layouts are built for about 600 px; narrower frames show them scaled down rather than cut off. */
const LAYOUT_WIDTH = 640;

interface HtmlPreviewProps {
  html: string;
  /** Accessible name of the frame. */
  title: string;
  /** Height of the frame before scaling. */
  height?: number;
}

const Frame = styled.iframe`
  display: block;
  border: 0;
  background: #ffffff;
  transform-origin: top left;
`;

/**
 * Shows e-mail HTML in an iframe with an empty `sandbox`: no scripts, forms, popups or
 * same-origin access, so nothing in a template or a logged message can act in the admin.
 */
export const HtmlPreview = ({ html, title, height = 560 }: HtmlPreviewProps) => {
  const container = React.useRef<HTMLDivElement>(null);
  const [width, setWidth] = React.useState(LAYOUT_WIDTH);

  React.useLayoutEffect(() => {
    const element = container.current;
    if (!element) return undefined;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry.contentRect.width)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const frameWidth = Math.max(width, LAYOUT_WIDTH);
  const scale = width > 0 ? width / frameWidth : 1;

  return (
    <Box
      ref={container}
      hasRadius
      borderColor="neutral200"
      overflow="hidden"
      height={`${Math.ceil(height * scale)}px`}
    >
      <Frame
        title={title}
        sandbox=""
        srcDoc={html}
        style={{ width: frameWidth, height, transform: `scale(${scale})` }}
      />
    </Box>
  );
};
