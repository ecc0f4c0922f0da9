import * as React from 'react';
import type { TemplateContent } from '../../../../shared/contracts/templates';
import { useTemplatesApi } from '../../api/templates';
import { useRequest } from '../../hooks/useRequest';
import { selectionKey, type Selection } from './model';

/** Wait this long after the last keystroke before asking the server to render again. */
const DEBOUNCE_MS = 400;

export interface TemplatePreviewState {
  preview: TemplateContent | null;
  /** Why the draft cannot be rendered (e.g. an unknown variable), as the server says it. */
  error: string | null;
  isLoading: boolean;
}

/** Resolves after `ms`, or rejects as soon as `signal` aborts. */
const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true }
    );
  });

/**
 * Renders the draft on the server with sample data, so the preview is exactly what the
 * renderer produces. Typing restarts the wait; a newer draft cancels the request in flight.
 */
export const useTemplatePreview = (
  selection: Selection | null,
  draft: TemplateContent | null
): TemplatePreviewState => {
  const api = useTemplatesApi();
  const rendered = React.useRef<string | null>(null);
  const request = useRequest(
    selection && draft
      ? async (signal) => {
          const key = selectionKey(selection);
          // A new template shows at once; edits to the same one wait for a pause in typing.
          if (rendered.current === key) await pause(DEBOUNCE_MS, signal);
          rendered.current = key;
          return api.previewTemplate(selection, draft, signal);
        }
      : null,
    { key: { selection, draft } }
  );

  return { preview: request.data, error: request.error, isLoading: request.isLoading };
};
