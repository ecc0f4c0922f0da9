import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import type {
  Template,
  TemplateContent,
  TemplateList,
  TestSendResult,
  UsersPermissionsTemplateReport,
} from '../../../shared/contracts/templates';
import { request } from './errors';

/** Which template: one per type and locale. */
export type TemplateRef = Pick<Template, 'type' | 'locale'>;

const TEMPLATES_URL = '/user-communication/templates';

const templateUrl = ({ type, locale }: TemplateRef) =>
  `${TEMPLATES_URL}/${encodeURIComponent(type)}/${encodeURIComponent(locale)}`;

/** The only place the admin talks to the plugin's template routes. Errors are thrown as ApiError. */
export const useTemplatesApi = () => {
  const { get, put, post, del } = useFetchClient();

  return React.useMemo(
    () => ({
      /** What became of users-permissions' own templates at the first start. */
      usersPermissionsReport: (signal?: AbortSignal) =>
        request(() =>
          get<UsersPermissionsTemplateReport>(`${TEMPLATES_URL}/users-permissions`, { signal })
        ),

      listTemplates: async (signal?: AbortSignal): Promise<Template[]> =>
        (await request(() => get<TemplateList>(TEMPLATES_URL, { signal }))).results,

      saveTemplate: (template: TemplateRef, content: TemplateContent) =>
        request(() => put<Template, TemplateContent>(templateUrl(template), content)),

      /** Drops the admin's edit; answers with the shipped default. */
      resetTemplate: (template: TemplateRef) => request(() => del<Template>(templateUrl(template))),

      /** Renders the draft with sample data; `signal` cancels a preview that a newer draft replaced. */
      previewTemplate: (template: TemplateRef, draft: TemplateContent, signal?: AbortSignal) =>
        request(() =>
          post<TemplateContent, TemplateContent>(`${templateUrl(template)}/preview`, draft, {
            signal,
          })
        ),

      /** Queues the draft, rendered with sample data, to the signed-in admin's own address. */
      sendTestTemplate: (template: TemplateRef, draft: TemplateContent) =>
        request(() =>
          post<TestSendResult, TemplateContent>(`${templateUrl(template)}/test-send`, draft)
        ),
    }),
    [get, put, post, del]
  );
};
