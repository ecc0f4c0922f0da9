import { Button, Flex, Radio, Typography } from '@strapi/design-system';
import { Check, WarningCircle } from '@strapi/icons';
import type { ImportPreview as Preview } from '../../../../shared/contracts/imports';
import { useTranslate } from '../../utils/useTranslate';
import { Counts } from './Counts';
import { canCommit, invalidCount, type ExistingChoice, type Plan } from './model';
import { ReportButton } from './ReportButton';
import { RowErrorsTable } from './RowErrorsTable';
import { Panel } from './Panel';

interface ImportPreviewProps {
  preview: Preview;
  plan: Plan;
  choice: ExistingChoice;
  onChoiceChange: (choice: ExistingChoice) => void;
  isCommitting: boolean;
  onCommit: () => void;
}

// Lines a hint up with its radio's label: the radio (2rem) plus the gap before the label (0.8rem).
const UNDER_LABEL = '2.8rem';

const useCommitLabel = (plan: Plan) => {
  const t = useTranslate();
  if (plan.update === 0)
    return t('import.commit', 'Import {count, plural, one {# user} other {# users}}', {
      count: plan.create,
    });
  if (plan.create === 0)
    return t('import.commit.update-only', 'Update {count, plural, one {# user} other {# users}}', {
      count: plan.update,
    });
  return t(
    'import.commit.both',
    'Import {create, plural, one {# user} other {# users}} and update {update}',
    {
      create: plan.create,
      update: plan.update,
    }
  );
};

/** Step 2: what the server read, what a commit would do, and the rows it cannot import. */
export const ImportPreview = ({
  preview,
  plan,
  choice,
  onChoiceChange,
  isCommitting,
  onCommit,
}: ImportPreviewProps) => {
  const t = useTranslate();
  const commitLabel = useCommitLabel(plan);
  const invalid = invalidCount(preview);

  return (
    <Panel
      id="uc-import-preview"
      title={t('import.preview.title', 'Check before importing')}
      focusOnMount
      description={
        <Typography textColor="neutral600" data-testid="uc-import-file-name">
          {t(
            'import.preview.subtitle',
            '{fileName} is read. No user is created or changed until you import.',
            {
              fileName: preview.fileName ?? t('import.preview.unnamed', 'The file'),
            }
          )}
        </Typography>
      }
    >
      <Counts
        label={t('import.preview.counts', 'What the file holds and what the import would do')}
        testId="uc-import-count"
        counts={[
          { key: 'rows', label: t('import.count.rows', 'Rows read'), value: preview.rows },
          { key: 'valid', label: t('import.count.valid', 'Valid'), value: preview.valid },
          {
            key: 'invalid',
            label: t('import.count.invalid', 'With errors'),
            value: invalid,
            tone: 'danger',
          },
          { key: 'create', label: t('import.count.create', 'To create'), value: plan.create },
          { key: 'update', label: t('import.count.update', 'To update'), value: plan.update },
          { key: 'skip', label: t('import.count.skip', 'To skip'), value: plan.skip },
        ]}
      />

      {preview.unknownHeaders.length > 0 ? (
        <Flex
          gap={2}
          alignItems="flex-start"
          background="warning100"
          borderColor="warning200"
          hasRadius
          padding={4}
        >
          <WarningCircle aria-hidden fill="warning600" width="1.6rem" height="1.6rem" />
          <Typography textColor="warning700" data-testid="uc-import-unknown-headers">
            {t('import.preview.unknown-headers', 'These columns were ignored: {headers}.', {
              headers: preview.unknownHeaders.join(', '),
            })}
          </Typography>
        </Flex>
      ) : null}

      <Flex direction="column" alignItems="stretch" gap={2}>
        <Typography variant="delta" tag="h3" id="uc-import-existing-title">
          {t('import.existing.title', 'Users who already have an account')}
        </Typography>
        <Typography textColor="neutral600" data-testid="uc-import-existing">
          {t(
            'import.existing.count',
            '{count, plural, =0 {No valid row belongs to an existing user.} one {# valid row belongs to a user who already has an account.} other {# valid rows belong to users who already have an account.}}',
            { count: preview.existing }
          )}
        </Typography>
        <Radio.Group
          value={choice}
          onValueChange={(value) => onChoiceChange(value === 'update' ? 'update' : 'skip')}
          aria-labelledby="uc-import-existing-title"
          disabled={isCommitting}
          data-testid="uc-import-existing-choice"
        >
          <Flex direction="column" alignItems="stretch" gap={1}>
            <Radio.Item value="skip" aria-describedby="uc-import-skip-hint">
              {t('import.existing.skip', 'Skip existing users')}
            </Radio.Item>
            <Typography
              id="uc-import-skip-hint"
              variant="pi"
              textColor="neutral600"
              paddingLeft={UNDER_LABEL}
            >
              {t('import.existing.skip.hint', 'Their accounts stay as they are.')}
            </Typography>
          </Flex>
          <Flex direction="column" alignItems="stretch" gap={1}>
            <Radio.Item value="update" aria-describedby="uc-import-update-hint">
              {t('import.existing.update', 'Update existing users')}
            </Radio.Item>
            <Typography
              id="uc-import-update-hint"
              variant="pi"
              textColor="neutral600"
              paddingLeft={UNDER_LABEL}
            >
              {t('import.existing.update.hint', 'Their accounts take the values of the sheet.')}
            </Typography>
          </Flex>
        </Radio.Group>
      </Flex>

      <Flex direction="column" alignItems="stretch" gap={2}>
        <Typography variant="delta" tag="h3">
          {t('import.invalid.title', 'Rows with errors')}
        </Typography>
        {invalid > 0 ? (
          <>
            <Typography textColor="neutral600">
              {t(
                'import.invalid.hint',
                'These rows are left out of the import. Correct them in the sheet and import it again.'
              )}
            </Typography>
            <RowErrorsTable
              rows={preview.invalid}
              total={invalid}
              label={t('import.invalid.title', 'Rows with errors')}
              errorsHeader={t('import.rows.errors', 'Errors')}
              testId="uc-import-invalid-rows"
            />
          </>
        ) : (
          <Typography textColor="neutral600" data-testid="uc-import-no-invalid">
            {t('import.invalid.none', 'None: every row can be imported.')}
          </Typography>
        )}
      </Flex>

      <Flex gap={2} wrap="wrap">
        <Button
          startIcon={<Check />}
          loading={isCommitting}
          disabled={!canCommit(plan)}
          onClick={onCommit}
          data-testid="uc-import-commit"
        >
          {commitLabel}
        </Button>
        <ReportButton id={preview.id} />
      </Flex>
    </Panel>
  );
};
