/** What the admin configures (GET/PUT /user-communication/settings), with the product's ranges and locks. */

export interface Settings {
  activation: { enabled: boolean; linkLifetimeDays: number; locked: boolean };
  passwordReset: { enabled: boolean; linkLifetimeMinutes: number; locked: boolean };
  noLoginReminder: { enabled: boolean; intervalDays: number; hourUtc: number; locked: boolean };
}

export type CommunicationKey = keyof Settings;

export const COMMUNICATIONS: CommunicationKey[] = [
  'activation',
  'passwordReset',
  'noLoginReminder',
];

export const LOCKED: Record<CommunicationKey, boolean> = {
  activation: false,
  // Users must always be able to recover their account.
  passwordReset: true,
  noLoginReminder: false,
};

/** The numeric settings, each with its inclusive range: the server refuses anything outside it. */
export const RANGES = {
  activation: { linkLifetimeDays: [1, 90] },
  passwordReset: { linkLifetimeMinutes: [5, 1440] },
  noLoginReminder: { intervalDays: [1, 365], hourUtc: [0, 23] },
} as const satisfies {
  [K in CommunicationKey]: Partial<Record<keyof Settings[K], readonly [number, number]>>;
};

/**
 * GET /user-communication/settings/scim: what an admin needs to connect an identity provider's
 * SCIM provisioning (shown on the settings page; nothing here is a secret).
 */
export interface ScimConnection {
  /** The SCIM 2.0 base URL to give Microsoft Entra ID ("Tenant URL") or Okta ("SCIM connector base URL"). */
  baseUrl: string;
  /** `scim.activation`: provisioned users sign in with the identity provider, or get the activation e-mail. */
  activation: 'sso' | 'email';
  /** `scim.provider`: the users-permissions provider `sso` users sign in with. */
  provider: string;
}
