import crypto from 'node:crypto';
import { escapeHtml } from '@server/utils/render-template';
import {
  hideToken,
  linkKeyFrom,
  newSlot,
  open,
  revealToken,
  seal,
} from '@server/utils/link-secrets';

const token = () => crypto.randomBytes(32).toString('base64url');

describe('link secrets', () => {
  const key = linkKeyFrom('a deployment secret of enough length');

  it('seals a token so that only the same key opens it', () => {
    const secret = token();
    const sealed = seal(key, secret);
    expect(sealed).not.toContain(secret);
    expect(open(key, sealed)).toBe(secret);
    expect(open(linkKeyFrom('another deployment secret....'), sealed)).toBeNull();
  });

  it('refuses a seal that was altered', () => {
    const sealed = seal(key, token());
    const [version, iv, body, tag] = sealed.split('.');
    const flipped = Buffer.from(body, 'base64url');
    flipped[0] ^= 1;
    expect(open(key, [version, iv, flipped.toString('base64url'), tag].join('.'))).toBeNull();
    expect(open(key, 'not a seal')).toBeNull();
  });

  it('seals the same token differently each time', () => {
    const secret = token();
    expect(seal(key, secret)).not.toBe(seal(key, secret));
  });

  it('hides a token in every encoding of a body and puts it back', () => {
    const secret = token();
    const slot = newSlot();
    const link = `https://learn.example.com/activate#token=${secret}`;
    const html = `<a href="${escapeHtml(link)}">${escapeHtml(link)}</a>`;
    const text = `Open ${link} or ${encodeURIComponent(link)}`;
    for (const body of [html, text]) {
      const hidden = hideToken(body, secret, slot);
      expect(hidden).not.toContain(secret);
      expect(revealToken(hidden, slot, secret)).toBe(body);
    }
  });

  it('makes a different slot for every message', () => {
    expect(newSlot()).not.toBe(newSlot());
    expect(newSlot()).toMatch(/^uc-hidden-link-[A-Za-z0-9_-]{22}$/);
  });
});
