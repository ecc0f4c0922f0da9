import * as React from 'react';
import { useSearchParams } from 'react-router-dom';
import type { ApiError } from '../../api/errors';
import type { ImportPreview, ImportResult } from '../../../../shared/contracts/imports';
import { useImportsApi } from '../../api/imports';
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

/** The address names the import on screen, so Back from the user list and a reload find it again. */
const IMPORT_PARAM = 'import';

/** The page's steps (upload → preview → result), the requests that move between them, and "Start over". */
export const useImport = () => {
  const t = useTranslate();
  const api = useImportsApi();
  const [searchParams, setSearchParams] = useSearchParams();
  const [step, setStep] = React.useState<Step>(() =>
    searchParams.get(IMPORT_PARAM) ? { name: 'loading' } : { name: 'upload' }
  );
  const [choice, setChoice] = React.useState<ExistingChoice>('skip');
  const [busy, setBusy] = React.useState<'upload' | 'commit' | null>(null);
  const [failure, setFailure] = React.useState<Failure | null>(null);
  // Bumped by "Start over": remounts the form (a file input cannot be emptied from code) and
  // makes the answer of a request still on its way arrive to nobody.
  const [attempt, setAttempt] = React.useState(0);
  const attemptRef = React.useRef(attempt);
  attemptRef.current = attempt;

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

  // Only the address the page was opened with is read, once: later changes to it are the page's own.
  React.useEffect(() => {
    const id = searchParams.get(IMPORT_PARAM);
    if (!id) return undefined;
    let active = true;
    api.getImport(id).then(
      ({ status, result, ...preview }) => {
        if (!active) return;
        setStep(
          status === 'committed' && result
            ? // Reopened, not committed a second time.
              { name: 'result', preview, result: { ...result, alreadyCommitted: false } }
            : { name: 'preview', preview }
        );
        setChoice(choiceOf(preview));
      },
      (error: ApiError) => {
        if (!active) return;
        setStep({ name: 'upload' });
        setFailure({
          title: t('import.load-error', 'The import could not be loaded'),
          message: error.message,
        });
        linkImport(null);
      }
    );
    return () => {
      active = false;
    };
  }, []);

  const run = async <T>(
    kind: 'upload' | 'commit',
    title: string,
    send: () => Promise<T>,
    done: (answer: T) => void
  ) => {
    const started = attemptRef.current;
    setBusy(kind);
    setFailure(null);
    try {
      const answer = await send();
      if (attemptRef.current === started) done(answer);
    } catch (caught) {
      if (attemptRef.current === started)
        setFailure({ title, message: (caught as ApiError).message });
    } finally {
      if (attemptRef.current === started) setBusy(null);
    }
  };

  // Uploaded with existing users skipped (the server's default); the choice is made on the preview.
  const upload = (file: File) =>
    run(
      'upload',
      t('import.upload.error', 'The file was not accepted'),
      () => api.preview(file, false),
      (preview) => {
        setStep({ name: 'preview', preview });
        linkImport(String(preview.id));
      }
    );

  // A 409 (another commit of this import is running) lands in `failure`; trying again later answers with its result.
  const commit = (preview: ImportPreview) =>
    run(
      'commit',
      t('import.commit.error', 'The users were not imported'),
      () => api.commit(preview.id, choice === 'update'),
      (result) => setStep({ name: 'result', preview, result })
    );

  const startOver = () => {
    setAttempt((current) => current + 1);
    setStep({ name: 'upload' });
    setChoice('skip');
    setBusy(null);
    setFailure(null);
    linkImport(null);
  };

  return {
    step,
    choice,
    setChoice,
    busy,
    failure,
    dismissFailure: () => setFailure(null),
    attempt,
    upload,
    commit,
    startOver,
  };
};
