import * as React from 'react';
import { useSearchParams } from 'react-router-dom';
import type {
  ImportPreview,
  ImportResult,
  StoredImport,
} from '../../../../shared/contracts/imports';
import type { ApiError } from '../../api/errors';
import { useImportsApi } from '../../api/imports';
import { useRequest, type RequestState } from '../../hooks/useRequest';
import { useTranslate } from '../../utils/useTranslate';
import { choiceOf, type ExistingChoice } from './model';

export type Step =
  | { name: 'loading' }
  | { name: 'upload' }
  | { name: 'preview'; preview: ImportPreview }
  | { name: 'result'; preview: ImportPreview; result: ImportResult };

export interface Failure {
  title: string;
  message: string;
}

interface PageState {
  step: Step;
  choice: ExistingChoice;
  failure: Failure | null;
}

type Busy = 'upload' | 'commit';

/** The address names the import on screen, so Back from the user list and a reload find it again. */
const IMPORT_PARAM = 'import';

const UPLOAD: PageState = { step: { name: 'upload' }, choice: 'skip', failure: null };

/** A page opened on an import's address: the import loading, then its preview or its result. */
const openedState = (opened: RequestState<StoredImport>, loadErrorTitle: string): PageState => {
  if (opened.data) {
    const { status, result, ...preview } = opened.data;
    const step: Step =
      status === 'committed' && result
        ? // Reopened, not committed a second time.
          { name: 'result', preview, result: { ...result, alreadyCommitted: false } }
        : { name: 'preview', preview };
    return { step, choice: choiceOf(preview), failure: null };
  }
  if (opened.error) return { ...UPLOAD, failure: { title: loadErrorTitle, message: opened.error } };
  return { ...UPLOAD, step: { name: 'loading' } };
};

/** The page's steps (upload → preview → result), the requests that move between them, and "Start over". */
export const useImport = () => {
  const t = useTranslate();
  const api = useImportsApi();
  const [searchParams, setSearchParams] = useSearchParams();
  // Only the address the page was opened with is read: later changes to it are the page's own.
  const [openedId] = React.useState(() => searchParams.get(IMPORT_PARAM));
  const [busy, setBusy] = React.useState<Busy | null>(null);
  // Bumped by "Start over": remounts the form (a file input cannot be emptied from code) and
  // makes the answer of a request still on its way arrive to nobody.
  const [attempt, setAttempt] = React.useState(0);
  const attemptRef = React.useRef(0);

  const linkImport = React.useCallback(
    (id: string | null) =>
      setSearchParams(
        (params) => {
          if (id === null) params.delete(IMPORT_PARAM);
          else params.set(IMPORT_PARAM, id);
          return params;
        },
        { replace: true }
      ),
    [setSearchParams]
  );

  const opened = useRequest(
    openedId === null
      ? null
      : async (signal) => {
          try {
            return await api.getImport(openedId, signal);
          } catch (error) {
            // A reload should not try again what failed.
            if (!signal.aborted) linkImport(null);
            throw error;
          }
        }
  );
  // Null until the admin acts: until then the page shows what its address named.
  const [own, setOwn] = React.useState<PageState | null>(null);
  const shown =
    own ??
    (openedId === null
      ? UPLOAD
      : openedState(opened, t('import.load-error', 'The import could not be loaded')));
  const change = (next: Partial<PageState>) =>
    setOwn((current) => ({ ...(current ?? shown), ...next }));

  const run = async <T>(request: {
    busy: Busy;
    failureTitle: string;
    send: () => Promise<T>;
    done: (answer: T) => void;
  }) => {
    const started = attemptRef.current;
    setBusy(request.busy);
    change({ failure: null });
    try {
      const answer = await request.send();
      if (attemptRef.current === started) request.done(answer);
    } catch (caught) {
      if (attemptRef.current === started)
        change({ failure: { title: request.failureTitle, message: (caught as ApiError).message } });
    } finally {
      if (attemptRef.current === started) setBusy(null);
    }
  };

  // Uploaded with existing users skipped (the server's default); the choice is made on the preview.
  const upload = (file: File) =>
    run({
      busy: 'upload',
      failureTitle: t('import.upload.error', 'The file was not accepted'),
      send: () => api.preview(file, false),
      done: (preview) => {
        change({ step: { name: 'preview', preview } });
        linkImport(String(preview.id));
      },
    });

  // A 409 (another commit of this import is running) lands in `failure`; trying again later answers with its result.
  const commit = (preview: ImportPreview) =>
    run({
      busy: 'commit',
      failureTitle: t('import.commit.error', 'The users were not imported'),
      send: () => api.commit(preview.id, shown.choice === 'update'),
      done: (result) => change({ step: { name: 'result', preview, result } }),
    });

  const startOver = () => {
    attemptRef.current += 1;
    setAttempt(attemptRef.current);
    setOwn(UPLOAD);
    setBusy(null);
    linkImport(null);
  };

  return {
    step: shown.step,
    choice: shown.choice,
    setChoice: (choice: ExistingChoice) => change({ choice }),
    busy,
    failure: shown.failure,
    dismissFailure: () => change({ failure: null }),
    attempt,
    upload,
    commit,
    startOver,
  };
};
