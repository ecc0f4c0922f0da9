/**
 * The shape every plugin table shares: no draft & publish, hidden from the Content
 * Manager and the Content-Type Builder (their APIs are closed by guard-internal-types.ts).
 */
export const internalType = <Attributes extends Record<string, unknown>>(definition: {
  collectionName: string;
  singularName: string;
  pluralName: string;
  displayName: string;
  attributes: Attributes;
  indexes?: Array<{ name: string; columns: string[]; type?: 'unique' }>;
}) => ({
  kind: 'collectionType' as const,
  collectionName: definition.collectionName,
  info: {
    singularName: definition.singularName,
    pluralName: definition.pluralName,
    displayName: definition.displayName,
  },
  options: { draftAndPublish: false },
  pluginOptions: {
    'content-manager': { visible: false },
    'content-type-builder': { visible: false },
  },
  attributes: definition.attributes,
  ...(definition.indexes ? { indexes: definition.indexes } : {}),
});
