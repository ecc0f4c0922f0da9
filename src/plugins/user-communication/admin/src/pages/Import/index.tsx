import { Alert, Button, Flex, Loader } from '@strapi/design-system';
import { ArrowsCounterClockwise } from '@strapi/icons';
import { Layouts, Page } from '@strapi/strapi/admin';
import { permissionsFor } from '../../permissions';
import { useTranslate } from '../../utils/useTranslate';
import { ImportIntro } from './ImportIntro';
import { ImportPreview } from './ImportPreview';
import { ImportResult } from './ImportResult';
import { planFor } from './model';
import { UploadForm } from './UploadForm';
import { useImport } from './useImport';

const ImportPage = () => {
  const t = useTranslate();
  const {
    step,
    choice,
    setChoice,
    busy,
    failure,
    dismissFailure,
    attempt,
    upload,
    commit,
    startOver,
  } = useImport();

  const title = t('import.title', 'Import users');

  return (
    <Page.Main aria-busy={busy !== null}>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={t(
          'import.subtitle',
          'Create users from a spreadsheet: upload it, check what would happen, then import.'
        )}
        primaryAction={
          step.name === 'loading' || (step.name === 'upload' && busy !== 'upload') ? undefined : (
            <Button
              variant="secondary"
              size="S"
              startIcon={<ArrowsCounterClockwise />}
              onClick={startOver}
              disabled={busy === 'commit'}
              data-testid="uc-import-start-over"
            >
              {t('import.start-over', 'Start over')}
            </Button>
          )
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          {failure ? (
            <Alert
              variant="danger"
              title={failure.title}
              closeLabel={t('import.error.close', 'Close')}
              onClose={dismissFailure}
              data-testid="uc-import-error"
            >
              {failure.message}
            </Alert>
          ) : null}

          {step.name === 'loading' ? (
            <Flex justifyContent="center" padding={8}>
              <Loader>{t('import.loading', 'Loading the import…')}</Loader>
            </Flex>
          ) : null}

          {step.name === 'upload' ? (
            <>
              <ImportIntro />
              <UploadForm key={attempt} isUploading={busy === 'upload'} onUpload={upload} />
            </>
          ) : null}

          {step.name === 'preview' ? (
            <ImportPreview
              preview={step.preview}
              plan={planFor(step.preview, choice)}
              choice={choice}
              onChoiceChange={setChoice}
              isCommitting={busy === 'commit'}
              onCommit={() => commit(step.preview)}
            />
          ) : null}

          {step.name === 'result' ? (
            <ImportResult id={step.preview.id} result={step.result} />
          ) : null}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

const ProtectedImportPage = () => (
  <Page.Protect permissions={permissionsFor('users.import')}>
    <ImportPage />
  </Page.Protect>
);

export default ProtectedImportPage;
