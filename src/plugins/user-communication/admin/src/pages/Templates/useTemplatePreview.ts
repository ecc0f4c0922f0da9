import * as React from 'react';
import type { ApiError } from '../../api/errors';
import type { TemplateContent } from '../../../../shared/contracts/templates';
import { useTemplatesApi } from '../../api/templates';
import { selectionKey, type Selection } from './model';

/** Wait this long after the last keystroke before asking the server to render again. */
const DEBOUNCE_MS = 400;

export interface TemplatePreviewState {
  preview: TemplateContent | null;
  /** Why the draft cannot be rendered (e.g. an unknown variable), as the server says it. */
  error: string | null;
  isLoading: boolean;
}

/**
 * Renders the draft on the server with sample data, so the preview is exactly what the
 * renderer produces. Typing restarts the wait; a newer draft cancels the request in flight.
 */
export const useTemplatePreview = (
  selection: Selection | null,
  draft: TemplateContent | null
): TemplatePreviewState => {
  const api = useTemplatesApi();
  const [state, setState] = React.useState<TemplatePreviewState>({
    preview: null,
    error: null,
    isLoading: true,
  });
  const lastSelection = React.useRef<string | null>(null);
  // The draft object is rebuilt on every render; only its content should restart the preview.
  const draftJson = draft ? JSON.stringify(draft) : null;
  const key = selection ? selectionKey(selection) : null;

  React.useEffect(() => {
    if (!selection || !draft || !key) return undefined;
    // A new template shows at once; edits to the same one wait for a pause in typing.
    const delay = lastSelection.current === key ? DEBOUNCE_MS : 0;
    lastSelection.current = key;
    const controller = new AbortController();
    setState((current) => ({ ...current, isLoading: true }));
    const timer = setTimeout(() => {
      api.previewTemplate(selection.type, selection.locale, draft, controller.signal).then(
        (preview) => setState({ preview, error: null, isLoading: false }),
        (error: ApiError) => {
          if (!error.aborted) setState({ preview: null, error: error.message, isLoading: false });
        }
      );
    }, delay);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [api, key, draftJson]);

  return state;
};
