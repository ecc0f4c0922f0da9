import { yup } from '@strapi/utils';
import { validate } from './validate';

/** The Content Manager's largest page. */
const MAX_IDS = 100;
const idsSchema = yup
  .object({
    ids: yup
      .string()
      .required('ids is required: user ids separated by commas')
      .matches(/^[1-9][0-9]{0,15}(,[1-9][0-9]{0,15})*$/, 'ids must be user ids separated by commas')
      .test('at-most', `ids may list at most ${MAX_IDS} users`, (value) =>
        value === undefined ? true : value.split(',').length <= MAX_IDS
      ),
  })
  .noUnknown(true, 'Unknown query parameter(s): ${unknown}');

/** The users whose status the Content Manager's page shows, without repeats. */
export const validateStatusIds = async (query: unknown): Promise<number[]> => {
  const { ids } = await validate(idsSchema, query);
  return [...new Set(ids.split(',').map(Number))];
};
