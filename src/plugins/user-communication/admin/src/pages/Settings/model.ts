import {
  COMMUNICATIONS,
  RANGES,
  type CommunicationKey,
  type Settings,
} from '../../../../shared/contracts/settings';

/** What the form edits: the server's shape, with numbers that may be empty while typing. */
export type Draft = {
  [K in CommunicationKey]: {
    [P in keyof Settings[K]]: Settings[K][P] extends number ? number | undefined : Settings[K][P];
  };
};

export interface NumberFieldSpec {
  communication: CommunicationKey;
  key: string;
  min: number;
  max: number;
}

// The server validates again and its message is shown: these only give earlier feedback.
export const NUMBER_FIELDS = Object.fromEntries(
  COMMUNICATIONS.map((communication) => [
    communication,
    Object.entries(RANGES[communication]).map(([key, [min, max]]) => ({
      communication,
      key,
      min,
      max,
    })),
  ])
) as Record<CommunicationKey, NumberFieldSpec[]>;

export const fieldPath = (spec: NumberFieldSpec) => `${spec.communication}.${spec.key}`;

export const readNumber = (draft: Draft, spec: NumberFieldSpec): number | undefined =>
  (draft[spec.communication] as Record<string, unknown>)[spec.key] as number | undefined;

export const withNumber = (
  draft: Draft,
  spec: NumberFieldSpec,
  value: number | undefined
): Draft => ({
  ...draft,
  [spec.communication]: { ...draft[spec.communication], [spec.key]: value },
});

export const withEnabled = (
  draft: Draft,
  communication: CommunicationKey,
  enabled: boolean
): Draft => ({
  ...draft,
  [communication]: { ...draft[communication], enabled },
});

/** Paths of the number fields that are empty or out of range. */
export const invalidPaths = (draft: Draft): string[] =>
  COMMUNICATIONS.flatMap((communication) => NUMBER_FIELDS[communication])
    .filter((spec) => {
      const value = readNumber(draft, spec);
      return (
        value === undefined || !Number.isInteger(value) || value < spec.min || value > spec.max
      );
    })
    .map(fieldPath);

/** Only call once invalidPaths(draft) is empty. */
export const toSettings = (draft: Draft): Settings => draft as Settings;

export const isSameDraft = (a: Draft, b: Draft) => JSON.stringify(a) === JSON.stringify(b);
