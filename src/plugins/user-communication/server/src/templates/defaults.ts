import { button, htmlLayout, unsubscribeLine } from './layout';
import type { TemplateContent, TemplateType } from '../../../shared/contracts/templates';

type Catalogue = Record<TemplateType, TemplateContent>;

const en: Catalogue = {
  activation: {
    subject: 'Activate your {{ platformName }} account',
    html: htmlLayout(
      `<p>Hello {{ username }},</p>
<p>An account on {{ platformName }} has been created for you. Activate it to start learning.</p>
${button('Activate my account')}
<p>The link is valid for {{ expiresInDays }} days (until {{ expiresAt }}). If it has expired, open it anyway and ask for a new one.</p>`,
      'en'
    ),
    text: `Hello {{ username }},

An account on {{ platformName }} has been created for you. Activate it to start learning:
{{ link }}

The link is valid for {{ expiresInDays }} days (until {{ expiresAt }}). If it has expired, open it anyway and ask for a new one.`,
  },
  'password-reset': {
    subject: 'Reset your {{ platformName }} password',
    html: htmlLayout(
      `<p>Hello {{ username }},</p>
<p>Someone asked to reset the password of your {{ platformName }} account. If it was you, choose a new password:</p>
${button('Choose a new password')}
<p>The link is valid for {{ expiresInMinutes }} minutes and can be used once. If you did not ask for this, ignore this e-mail: your password stays the same.</p>`,
      'en'
    ),
    text: `Hello {{ username }},

Someone asked to reset the password of your {{ platformName }} account. If it was you, choose a new password:
{{ link }}

The link is valid for {{ expiresInMinutes }} minutes and can be used once. If you did not ask for this, ignore this e-mail: your password stays the same.`,
  },
  'password-changed': {
    subject: 'Your {{ platformName }} password was changed',
    html: htmlLayout(
      `<p>Hello {{ username }},</p>
<p>The password of your {{ platformName }} account was changed on {{ changedAt }}, and you were signed out everywhere.</p>
<p>If this was not you, reset your password from the login page at once and contact your administrator.</p>`,
      'en'
    ),
    text: `Hello {{ username }},

The password of your {{ platformName }} account was changed on {{ changedAt }}, and you were signed out everywhere.

If this was not you, reset your password from the login page at once and contact your administrator.`,
  },
  'no-login-reminder': {
    subject: 'We miss you on {{ platformName }}',
    html: htmlLayout(
      `<p>Hello {{ username }},</p>
<p>It has been {{ daysSinceLastLogin }} days since you last visited {{ platformName }}. Your courses are waiting for you.</p>
${button('Continue learning')}
${unsubscribeLine("Don't want these reminders?", 'Unsubscribe')}`,
      'en'
    ),
    text: `Hello {{ username }},

It has been {{ daysSinceLastLogin }} days since you last visited {{ platformName }}. Your courses are waiting for you:
{{ link }}

Don't want these reminders? Unsubscribe: {{ unsubscribeLink }}`,
  },
};

const da: Catalogue = {
  activation: {
    subject: 'Aktivér din konto på {{ platformName }}',
    html: htmlLayout(
      `<p>Hej {{ username }},</p>
<p>Der er oprettet en konto til dig på {{ platformName }}. Aktivér den for at komme i gang.</p>
${button('Aktivér min konto')}
<p>Linket er gyldigt i {{ expiresInDays }} dage (indtil {{ expiresAt }}). Er det udløbet, så åbn det alligevel og bed om et nyt.</p>`,
      'da'
    ),
    text: `Hej {{ username }},

Der er oprettet en konto til dig på {{ platformName }}. Aktivér den for at komme i gang:
{{ link }}

Linket er gyldigt i {{ expiresInDays }} dage (indtil {{ expiresAt }}). Er det udløbet, så åbn det alligevel og bed om et nyt.`,
  },
  'password-reset': {
    subject: 'Nulstil din adgangskode til {{ platformName }}',
    html: htmlLayout(
      `<p>Hej {{ username }},</p>
<p>Nogen har bedt om at nulstille adgangskoden til din konto på {{ platformName }}. Hvis det var dig, så vælg en ny adgangskode:</p>
${button('Vælg en ny adgangskode')}
<p>Linket er gyldigt i {{ expiresInMinutes }} minutter og kan bruges én gang. Har du ikke bedt om det, kan du se bort fra denne e-mail.</p>`,
      'da'
    ),
    text: `Hej {{ username }},

Nogen har bedt om at nulstille adgangskoden til din konto på {{ platformName }}. Hvis det var dig, så vælg en ny adgangskode:
{{ link }}

Linket er gyldigt i {{ expiresInMinutes }} minutter og kan bruges én gang. Har du ikke bedt om det, kan du se bort fra denne e-mail.`,
  },
  'password-changed': {
    subject: 'Din adgangskode til {{ platformName }} er ændret',
    html: htmlLayout(
      `<p>Hej {{ username }},</p>
<p>Adgangskoden til din konto på {{ platformName }} blev ændret {{ changedAt }}, og du er logget ud overalt.</p>
<p>Var det ikke dig, så nulstil din adgangskode fra login-siden med det samme og kontakt din administrator.</p>`,
      'da'
    ),
    text: `Hej {{ username }},

Adgangskoden til din konto på {{ platformName }} blev ændret {{ changedAt }}, og du er logget ud overalt.

Var det ikke dig, så nulstil din adgangskode fra login-siden med det samme og kontakt din administrator.`,
  },
  'no-login-reminder': {
    subject: 'Vi savner dig på {{ platformName }}',
    html: htmlLayout(
      `<p>Hej {{ username }},</p>
<p>Der er gået {{ daysSinceLastLogin }} dage, siden du sidst var på {{ platformName }}. Dine kurser venter på dig.</p>
${button('Fortsæt med at lære')}
${unsubscribeLine('Vil du ikke have disse påmindelser?', 'Afmeld')}`,
      'da'
    ),
    text: `Hej {{ username }},

Der er gået {{ daysSinceLastLogin }} dage, siden du sidst var på {{ platformName }}. Dine kurser venter på dig:
{{ link }}

Vil du ikke have disse påmindelser? Afmeld: {{ unsubscribeLink }}`,
  },
};

export const DEFAULT_TEMPLATES: Record<string, Catalogue> = { en, da };

export const SHIPPED_LOCALES = Object.keys(DEFAULT_TEMPLATES);
