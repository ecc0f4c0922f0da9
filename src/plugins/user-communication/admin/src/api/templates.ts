import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import type {
  Template,
  TemplateContent,
  TemplateType,
  TestSendResult,
} from '../../../shared/contracts/templates';
import { request } from './errors';

const TEMPLATES_URL = '/user-communication/templates';

const templateUrl = (type: TemplateType, locale: string) =>
  `${TEMPLATES_URL}/${encodeURIComponent(type)}/${encodeURIComponent(locale)}`;

/** The only place the admin talks to the plugin's template routes. Errors are thrown as ApiError. */
export const useTemplatesApi = () => {
  const { get, put, post, del } = useFetchClient();

  return React.useMemo(
    () => ({
      listTemplates: async (): Promise<Template[]> =>
        (await request(() => get<{ results: Template[] }>(TEMPLATES_URL))).results,

      saveTemplate: (type: TemplateType, locale: string, content: TemplateContent) =>
        request(() => put<Template, TemplateContent>(templateUrl(type, locale), content)),

      /** Drops the admin's edit; answers with the shipped default. */
      resetTemplate: (type: TemplateType, locale: string) =>
        request(() => del<Template>(templateUrl(type, locale))),

      /** Renders the draft with sample data; `signal` cancels a preview that a newer draft replaced. */
      previewTemplate: (
        type: TemplateType,
        locale: string,
        draft: TemplateContent,
        signal?: AbortSignal
      ) =>
        request(() =>
          post<TemplateContent, TemplateContent>(`${templateUrl(type, locale)}/preview`, draft, {
            signal,
          })
        ),

      /** Queues the draft, rendered with sample data, to the signed-in admin's own address. */
      sendTestTemplate: (type: TemplateType, locale: string, draft: TemplateContent) =>
        request(() =>
          post<TestSendResult, TemplateContent>(`${templateUrl(type, locale)}/test-send`, draft)
        ),
    }),
    [get, put, post, del]
  );
};
