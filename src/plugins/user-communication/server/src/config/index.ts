import { yup } from '@strapi/utils';

export interface PluginConfig {
  /** Absolute base URL of this Strapi server, used for links to the plugin's own pages. */
  publicUrl: string;
  /** Absolute URL of the learning platform (its login page), used in reminder e-mails. */
  platformUrl: string;
}

const absoluteUrl = (name: string) =>
  yup
    .string()
    .test('absolute-url', `${name} must be an absolute http(s) URL, e.g. https://learn.example.com`, (value) => {
      if (value === undefined || value === '') return true;
      try {
        const url = new URL(value);
        return url.protocol === 'http:' || url.protocol === 'https:';
      } catch {
        return false;
      }
    });

const schema = yup
  .object({
    publicUrl: absoluteUrl('publicUrl'),
    platformUrl: absoluteUrl('platformUrl'),
  })
  .noUnknown(true, 'Unknown user-communication option(s): ${unknown}');

export default {
  default: (): PluginConfig => ({
    publicUrl: 'http://localhost:1337',
    platformUrl: 'http://localhost:1337',
  }),
  // Runs at boot: a wrong option stops Strapi with a readable message instead of
  // producing broken links at 6 a.m.
  validator(config: unknown) {
    try {
      schema.validateSync(config, { abortEarly: false, strict: true });
    } catch (error) {
      const details = error instanceof yup.ValidationError ? error.errors.join('; ') : String(error);
      throw new Error(`Invalid configuration of the user-communication plugin: ${details}`);
    }
  },
};
