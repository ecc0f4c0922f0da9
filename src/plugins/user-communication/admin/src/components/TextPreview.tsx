import { styled } from 'styled-components';

/** The plain-text part of an e-mail, line breaks kept, long lines wrapped. */
export const TextPreview = styled.pre`
  margin: 0;
  padding: ${({ theme }) => theme.spaces[4]};
  max-height: 32rem;
  overflow: auto;
  white-space: pre-wrap;
  overflow-wrap: anywhere;
  font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  font-size: ${({ theme }) => theme.fontSizes[2]};
  line-height: 1.5;
  color: ${({ theme }) => theme.colors.neutral800};
  background: ${({ theme }) => theme.colors.neutral100};
  border: 1px solid ${({ theme }) => theme.colors.neutral200};
  border-radius: ${({ theme }) => theme.borderRadius};
`;
