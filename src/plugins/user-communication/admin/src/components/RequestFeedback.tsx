import { Box, Flex, Loader, Typography } from '@strapi/design-system';
import type { RequestState } from '../hooks/useRequest';

interface RequestFeedbackProps {
  state: RequestState<unknown>;
  texts: { loadError: (message: string) => string; loading: string };
}

/** Why a load failed, or that the first one is still running (later ones keep the data on screen). */
export const RequestFeedback = ({ state, texts }: RequestFeedbackProps) => (
  <>
    {state.error ? (
      <Box role="alert" background="danger100" borderColor="danger200" hasRadius padding={4}>
        <Typography textColor="danger700">{texts.loadError(state.error)}</Typography>
      </Box>
    ) : null}

    {!state.data && state.isLoading ? (
      <Flex justifyContent="center" padding={8}>
        <Loader>{texts.loading}</Loader>
      </Flex>
    ) : null}
  </>
);
