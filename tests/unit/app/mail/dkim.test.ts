import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dkimOptions } from '../../../../src/mail/dkim';

const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const PEM = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const envOf = (values: Record<string, string>) => (key: string) => values[key];
const BASE = { DKIM_DOMAIN: 'example.com', DKIM_SELECTOR: 'mail2026' };

describe('DKIM options of the reference app', () => {
  it('signs nothing without DKIM_DOMAIN', () => {
    expect(dkimOptions(envOf({ DKIM_SELECTOR: 'x', DKIM_PRIVATE_KEY: PEM }))).toBeUndefined();
  });

  it('signs both List-Unsubscribe headers (RFC 8058 §4), which nodemailer leaves half out by default', () => {
    const options = dkimOptions(envOf({ ...BASE, DKIM_PRIVATE_KEY: PEM }));
    expect(options).toMatchObject({ domainName: 'example.com', keySelector: 'mail2026' });
    const signed = options?.headerFieldNames.split(':') ?? [];
    expect(signed).toEqual(
      expect.arrayContaining([
        'From',
        'Subject',
        'Message-ID',
        'List-Unsubscribe',
        'List-Unsubscribe-Post',
      ])
    );
  });

  it('reads the key from a file, or from one line with \\n escapes', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uc-dkim-'));
    const file = path.join(dir, 'dkim.pem');
    fs.writeFileSync(file, PEM);
    expect(dkimOptions(envOf({ ...BASE, DKIM_PRIVATE_KEY_FILE: file }))?.privateKey).toBe(PEM);
    const oneLine = PEM.trim().split('\n').join('\\n');
    expect(dkimOptions(envOf({ ...BASE, DKIM_PRIVATE_KEY: oneLine }))?.privateKey).toBe(PEM.trim());
    fs.rmSync(dir, { recursive: true });
  });

  it('stops the start, naming the variable, when the selector or a usable RSA key is missing', () => {
    expect(() => dkimOptions(envOf({ DKIM_DOMAIN: 'example.com', DKIM_PRIVATE_KEY: PEM }))).toThrow(
      /DKIM_SELECTOR/
    );
    expect(() => dkimOptions(envOf(BASE))).toThrow(/DKIM_PRIVATE_KEY/);
    expect(() => dkimOptions(envOf({ ...BASE, DKIM_PRIVATE_KEY: 'not a key' }))).toThrow(
      /^DKIM_PRIVATE_KEY is not a private key/
    );
    const ed25519 = crypto
      .generateKeyPairSync('ed25519')
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    expect(() => dkimOptions(envOf({ ...BASE, DKIM_PRIVATE_KEY: ed25519 }))).toThrow(/RSA/);
    expect(() =>
      dkimOptions(envOf({ ...BASE, DKIM_PRIVATE_KEY_FILE: '/nonexistent/dkim.pem' }))
    ).toThrow(/DKIM_PRIVATE_KEY_FILE cannot be read \(ENOENT\)/);
    expect(() =>
      dkimOptions(envOf({ ...BASE, DKIM_PRIVATE_KEY: PEM, DKIM_PRIVATE_KEY_FILE: '/x' }))
    ).toThrow(/not both/);
  });
});
