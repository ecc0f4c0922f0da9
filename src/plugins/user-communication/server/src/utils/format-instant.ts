/** An instant as e-mails show it: "2026-01-15 06:00 UTC" (readable in every locale, no time-zone guess). */
export const formatInstant = (iso: string): string => iso.replace('T', ' ').slice(0, 16) + ' UTC';
