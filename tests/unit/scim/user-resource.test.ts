import { scimTypeOf } from '../../helpers/scim-errors';
import { project, readResource } from '@server/scim/resource';
import {
  readUserFields,
  toUserResource,
  userDraft,
  type ScimUserRow,
} from '@server/scim/user-resource';

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

const read = (body: Record<string, unknown>) =>
  readUserFields(readResource(body, { strict: false }));

describe('SCIM User ↔ users-permissions user', () => {
  it('reads attribute names in any case, drops unknown and read-only ones, keeps the rest in the profile', () => {
    const fields = read({
      schemas: [USER_SCHEMA],
      UserName: ' Bjensen@Example.com ',
      EXTERNALID: 'ext',
      id: 'ignored',
      meta: { resourceType: 'User' },
      groups: [],
      roles: [],
      password: 'ignored',
      name: { GivenName: 'Barbara', familyname: 'Jensen', bogus: 1 },
      Active: 'False',
      preferredLanguage: 'da-DK',
      [ENTERPRISE.toLowerCase()]: { Department: 'Sales' },
    });
    expect(fields).toEqual({
      userName: 'Bjensen@Example.com',
      userNameKey: 'bjensen@example.com',
      externalId: 'ext',
      active: false,
      email: 'bjensen@example.com',
      locale: 'da-DK',
      profile: {
        name: { givenName: 'Barbara', familyName: 'Jensen' },
        preferredLanguage: 'da-DK',
        [ENTERPRISE]: { department: 'Sales' },
      },
    });
  });

  it('keeps one address: the primary, else the work one, else the first', () => {
    const emails = (list: unknown[]) => read({ userName: 'u', emails: list }).email;
    expect(
      emails([
        { value: 'home@x.dk', type: 'home' },
        { value: 'Primary@X.dk', type: 'other', primary: 'True' },
        { value: 'work@x.dk', type: 'work' },
      ])
    ).toBe('primary@x.dk');
    expect(
      emails([
        { value: 'home@x.dk', type: 'home' },
        { value: 'work@x.dk', type: 'Work' },
      ])
    ).toBe('work@x.dk');
    expect(emails([{ value: 'a@x.dk' }, { value: 'b@x.dk' }])).toBe('a@x.dk');
    expect(emails([])).toBeNull();
    expect(read({ userName: 'someone@x.dk' }).email).toBe('someone@x.dk');
  });

  it('refuses wrong types and missing userName with invalidValue', () => {
    for (const body of [
      {},
      { userName: '' },
      { userName: 42 },
      { userName: 'u', active: 'sometimes' },
      { userName: 'u', name: 'Barbara' },
      { userName: 'u', name: { givenName: 7 } },
      { userName: 'u', emails: 'a@x.dk' },
      { userName: 'u', emails: [{ value: 'not an address' }] },
      { userName: 'u', phoneNumbers: [{ value: '1', primary: 'yes' }] },
      { userName: 'u\u0000' },
      { userName: 'x'.repeat(256) },
    ]) {
      expect([body, scimTypeOf(() => read(body))]).toEqual([body, 'invalidValue']);
    }
  });

  const row: ScimUserRow = {
    id: 7,
    documentId: 'abc123',
    email: 'bjensen@example.com',
    blocked: true,
    externalId: 'ext',
    scimUserName: 'BJensen',
    scimProfile: { displayName: 'Babs', [ENTERPRISE]: { department: 'Sales' } },
    locale: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: new Date('2026-01-02T00:00:00.000Z'),
  };

  it('answers the resource with the one address as the primary work address and active from blocked', () => {
    expect(toUserResource(row, 'https://x/Users/abc123')).toEqual({
      schemas: [USER_SCHEMA, ENTERPRISE],
      id: 'abc123',
      externalId: 'ext',
      userName: 'BJensen',
      displayName: 'Babs',
      active: false,
      emails: [{ value: 'bjensen@example.com', type: 'work', primary: true }],
      [ENTERPRISE]: { department: 'Sales' },
      meta: {
        resourceType: 'User',
        created: '2026-01-01T00:00:00.000Z',
        lastModified: '2026-01-02T00:00:00.000Z',
        location: 'https://x/Users/abc123',
      },
    });
    expect(readUserFields(userDraft(row))).toMatchObject({
      userName: 'BJensen',
      externalId: 'ext',
      active: false,
      email: 'bjensen@example.com',
      profile: row.scimProfile,
    });
  });

  it('answers the addresses as sent (case, types, all of them) while the kept one is still the address', () => {
    const emails = [
      { value: 'Home@X.dk', type: 'home' },
      { value: 'BJensen@Example.com', type: 'work', primary: true },
    ];
    const fields = read({ userName: 'u', emails });
    expect(fields.email).toBe('bjensen@example.com');
    const sent = { ...row, email: fields.email, scimProfile: fields.profile };
    expect(toUserResource(sent, 'x').emails).toEqual(emails);
    expect(userDraft(sent).emails).toEqual(emails);
    // An admin changed the address: the resource tells the truth.
    const changed = { ...sent, email: 'new@example.com' };
    expect(toUserResource(changed, 'x').emails).toEqual([
      { value: 'new@example.com', type: 'work', primary: true },
    ]);
  });

  it('projects attributes and excludedAttributes, never dropping id and schemas', () => {
    const resource = toUserResource(row, 'https://x/Users/abc123');
    expect(project(resource, { attributes: ['USERNAME', 'emails.value', 'bogus'] })).toEqual({
      schemas: resource.schemas,
      id: 'abc123',
      userName: 'BJensen',
      emails: [{ value: 'bjensen@example.com' }],
    });
    expect(
      project(resource, { attributes: [`${ENTERPRISE}:department`, 'meta.location'] })
    ).toEqual({
      schemas: resource.schemas,
      id: 'abc123',
      [ENTERPRISE]: { department: 'Sales' },
      meta: { location: 'https://x/Users/abc123' },
    });
    const without = project(resource, {
      excludedAttributes: ['id', 'emails.type', 'meta', ENTERPRISE],
    });
    expect(without).toMatchObject({
      id: 'abc123',
      emails: [{ value: 'bjensen@example.com', primary: true }],
    });
    expect(without).not.toHaveProperty('meta');
    expect(without).not.toHaveProperty(ENTERPRISE);
    expect(resource).toHaveProperty('meta');
  });
});
