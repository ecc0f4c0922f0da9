import { linkKeyFrom } from '@server/utils/link-secrets';
import {
  readUnsubscribe,
  signUnsubscribe,
  unsubscribeKeyFrom,
} from '@server/utils/unsubscribe-link';

const linkKey = linkKeyFrom('a deployment secret of enough length');
const key = unsubscribeKeyFrom(linkKey);
const jane = { documentId: 'k2v8x0n4q7w1e5r9t3y6u0i2', email: 'jane@example.com' };

describe('unsubscribe links', () => {
  it('names its user and the address it was made for, and is the same link every time', () => {
    const token = signUnsubscribe(key, jane);
    expect(token).toBe(signUnsubscribe(key, jane));
    expect(token).toMatch(/^[\w-]+\.[\w-]{16}\.[\w-]{43}$/);
    const claim = readUnsubscribe(key, token);
    expect(claim?.documentId).toBe(jane.documentId);
    expect(claim?.madeFor('Jane@Example.com ')).toBe(true);
    expect(claim?.madeFor('jane@elsewhere.example')).toBe(false);
  });

  it('is refused when made with another key, even the link key it derives from', () => {
    const token = signUnsubscribe(key, jane);
    expect(
      readUnsubscribe(unsubscribeKeyFrom(linkKeyFrom('another deployment secret')), token)
    ).toBeNull();
    expect(readUnsubscribe(linkKey, token)).toBeNull();
  });

  it("cannot be turned into another user's link, nor altered anywhere", () => {
    const token = signUnsubscribe(key, jane);
    const [user, address, mac] = token.split('.');
    const [otherUser, otherAddress] = signUnsubscribe(key, {
      documentId: 'a1b2c3d4e5f6a1b2c3d4e5f6',
      email: 'jane@example.com',
    }).split('.');
    const flip = (part: string) => `${part.slice(0, -1)}${part.endsWith('A') ? 'B' : 'A'}`;
    for (const forged of [
      `${otherUser}.${address}.${mac}`,
      `${user}.${otherAddress}.${mac}`,
      `${flip(user)}.${address}.${mac}`,
      `${user}.${address}.${flip(mac)}`,
      token.slice(0, -1),
      `${token}.`,
      '',
      'x'.repeat(10_000),
    ]) {
      expect(readUnsubscribe(key, forged)).toBeNull();
    }
  });
});
