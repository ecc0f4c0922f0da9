import { internalType } from '../internal-type';

/**
 * An admin's edit of one message type in one locale. Types without a row use the
 * defaults shipped in server/src/templates, so upgrades improve untouched templates.
 */
export default internalType({
  collectionName: 'uc_templates',
  singularName: 'template',
  pluralName: 'templates',
  displayName: 'Message template',
  attributes: {
    type: { type: 'string', required: true },
    locale: { type: 'string', required: true },
    subject: { type: 'string', required: true },
    html: { type: 'text', required: true },
    text: { type: 'text', required: true },
  },
  indexes: [{ name: 'uc_templates_type_locale_uq', columns: ['type', 'locale'], type: 'unique' }],
});
