import crypto from 'node:crypto';
import fs from 'node:fs';

type EnvReader = (key: string) => string | undefined;

/**
 * The header fields DKIM signs: nodemailer's default list (lib/dkim/sign.js, after RFC 4871
 * §5.5) plus List-Unsubscribe-Post, which it leaves out. RFC 8058 §4: a one-click unsubscribe is
 * honoured only when a valid DKIM signature covers both List-Unsubscribe and List-Unsubscribe-Post.
 * Fields a message lacks are left out of its signature's h= list.
 */
export const DKIM_SIGNED_HEADERS = [
  'From',
  'Sender',
  'Reply-To',
  'Subject',
  'Date',
  'Message-ID',
  'To',
  'Cc',
  'MIME-Version',
  'Content-Type',
  'Content-Transfer-Encoding',
  'Content-ID',
  'Content-Description',
  'Resent-Date',
  'Resent-From',
  'Resent-Sender',
  'Resent-To',
  'Resent-Cc',
  'Resent-Message-ID',
  'In-Reply-To',
  'References',
  'List-Id',
  'List-Help',
  'List-Unsubscribe',
  'List-Unsubscribe-Post',
  'List-Subscribe',
  'List-Post',
  'List-Owner',
  'List-Archive',
].join(':');

export interface DkimOptions {
  domainName: string;
  keySelector: string;
  privateKey: string;
  headerFieldNames: string;
}

/** The PEM from DKIM_PRIVATE_KEY (`\n` escapes allowed, as one-line env files need) or DKIM_PRIVATE_KEY_FILE. */
const privateKeyOf = (env: EnvReader): { name: string; pem: string } => {
  const inline = env('DKIM_PRIVATE_KEY');
  const file = env('DKIM_PRIVATE_KEY_FILE');
  if (inline && file) {
    throw new Error('Set DKIM_PRIVATE_KEY or DKIM_PRIVATE_KEY_FILE, not both.');
  }
  if (inline) return { name: 'DKIM_PRIVATE_KEY', pem: inline.replace(/\\n/g, '\n') };
  if (file) {
    try {
      return { name: 'DKIM_PRIVATE_KEY_FILE', pem: fs.readFileSync(file, 'utf8') };
    } catch (error) {
      throw new Error(
        `DKIM_PRIVATE_KEY_FILE cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}): ${file}`,
        { cause: error }
      );
    }
  }
  throw new Error(
    'DKIM_DOMAIN is set but no key is: set DKIM_PRIVATE_KEY (PEM) or DKIM_PRIVATE_KEY_FILE (its path).'
  );
};

/**
 * nodemailer's `dkim` transport option, when DKIM_DOMAIN is set; undefined otherwise. A key
 * nodemailer cannot sign with stops the start: nodemailer would send such mail unsigned
 * without a word (lib/dkim/sign.js catches the signing error).
 */
export const dkimOptions = (env: EnvReader): DkimOptions | undefined => {
  const domainName = env('DKIM_DOMAIN');
  if (!domainName) return undefined;
  const keySelector = env('DKIM_SELECTOR');
  if (!keySelector) {
    throw new Error(
      'DKIM_DOMAIN is set but DKIM_SELECTOR is not: set the selector of the DNS record <selector>._domainkey.<domain>.'
    );
  }
  const { name, pem } = privateKeyOf(env);
  let type: string | undefined;
  try {
    type = crypto.createPrivateKey(pem).asymmetricKeyType;
  } catch (error) {
    throw new Error(`${name} is not a private key in PEM format.`, { cause: error });
  }
  // nodemailer signs rsa-sha256 only.
  if (type !== 'rsa') throw new Error(`${name} must be an RSA key (nodemailer signs rsa-sha256).`);
  return { domainName, keySelector, privateKey: pem, headerFieldNames: DKIM_SIGNED_HEADERS };
};
