import * as React from 'react';
import { Box, Button, Field, Flex, Loader, Typography } from '@strapi/design-system';
import { Upload } from '@strapi/icons';
import { styled } from 'styled-components';
import { useTranslate } from '../../utils/useTranslate';

interface UploadFormProps {
  isUploading: boolean;
  onUpload: (file: File) => void;
}

const FILE_INPUT_ID = 'uc-import-file';

// The design system has no file input; this one borrows the look of its text inputs.
const FileInput = styled.input`
  width: 100%;
  padding: ${({ theme }) => `${theme.spaces[2]} ${theme.spaces[3]}`};
  border: 1px solid ${({ theme }) => theme.colors.neutral200};
  border-radius: ${({ theme }) => theme.borderRadius};
  background: ${({ theme }) => theme.colors.neutral0};
  color: ${({ theme }) => theme.colors.neutral800};
  font-size: ${({ theme }) => theme.fontSizes[2]};

  &:focus-visible {
    outline: 2px solid ${({ theme }) => theme.colors.primary600};
    outline-offset: 2px;
  }

  &:disabled {
    background: ${({ theme }) => theme.colors.neutral150};
    color: ${({ theme }) => theme.colors.neutral600};
  }
`;

/** Step 1: choose the sheet and have the server read and check it. */
export const UploadForm = ({ isUploading, onUpload }: UploadFormProps) => {
  const t = useTranslate();
  const [file, setFile] = React.useState<File | null>(null);
  const uploadingLabel = t('import.uploading', 'Reading and checking the file…');

  const handleSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (file) onUpload(file);
  };

  return (
    <form
      onSubmit={handleSubmit}
      noValidate
      aria-label={t('import.upload.form', 'Upload a spreadsheet')}
      data-testid="uc-import-form"
    >
      <Box background="neutral0" hasRadius shadow="filterShadow" padding={6}>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Field.Root
            id={FILE_INPUT_ID}
            name="file"
            hint={t(
              'import.file.hint',
              'The file is checked first: no user is created or changed until you confirm the import.'
            )}
          >
            <Field.Label>{t('import.file', 'Spreadsheet (.xlsx or .csv)')}</Field.Label>
            <FileInput
              type="file"
              id={FILE_INPUT_ID}
              name="file"
              accept=".xlsx,.csv"
              aria-describedby={`${FILE_INPUT_ID}-hint`}
              disabled={isUploading}
              data-testid="uc-import-file"
              onChange={(event) => setFile(event.currentTarget.files?.[0] ?? null)}
            />
            <Field.Hint />
          </Field.Root>
          <Flex gap={4} alignItems="center">
            <Button
              type="submit"
              startIcon={<Upload />}
              loading={isUploading}
              disabled={!file}
              data-testid="uc-import-upload"
            >
              {t('import.upload', 'Upload and check')}
            </Button>
            {isUploading ? (
              <Flex gap={2} alignItems="center" data-testid="uc-import-uploading">
                <Loader small>{uploadingLabel}</Loader>
                {/* The loader announces it; this is the same words for the eyes. */}
                <Typography aria-hidden textColor="neutral600">
                  {uploadingLabel}
                </Typography>
              </Flex>
            ) : null}
          </Flex>
        </Flex>
      </Box>
    </form>
  );
};
