import { scimTypeOf } from '../../helpers/scim-errors';
import { applyPatch, readPatchRequest, type PatchOperation } from '@server/scim/patch';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

const user = () => ({
  userName: 'Test_User_1',
  externalId: 'ext-1',
  active: true,
  name: { givenName: 'Ada', familyName: 'Lovelace' },
  emails: [{ value: 'ada@example.com', type: 'work', primary: true }],
});

const patch = (draft: Record<string, unknown>, ...operations: unknown[]) =>
  applyPatch(draft, readPatchRequest({ schemas: [PATCH_OP], Operations: operations }));

describe('SCIM PatchOp message', () => {
  it('reads op names and member names in any case', () => {
    expect(
      readPatchRequest({
        schemas: [PATCH_OP],
        operations: [
          { Op: 'Replace', Path: 'active', Value: 'False' },
          { op: 'ADD', value: {} },
        ],
      })
    ).toEqual<PatchOperation[]>([
      { op: 'replace', path: 'active', value: 'False' },
      { op: 'add', value: {} },
    ]);
  });

  it('refuses other shapes, and more than 1,000 operations', () => {
    expect(scimTypeOf(() => readPatchRequest([]))).toBe('invalidSyntax');
    expect(
      scimTypeOf(() => readPatchRequest({ schemas: ['urn:x'], Operations: [{ op: 'add' }] }))
    ).toBe('invalidSyntax');
    expect(scimTypeOf(() => readPatchRequest({ Operations: [] }))).toBe('invalidSyntax');
    expect(scimTypeOf(() => readPatchRequest({ Operations: [{ op: 'copy', path: 'x' }] }))).toBe(
      'invalidSyntax'
    );
    expect(scimTypeOf(() => readPatchRequest({ Operations: [{ op: 'add', path: 3 }] }))).toBe(
      'invalidPath'
    );
    const many = Array.from({ length: 1001 }, () => ({ op: 'remove', path: 'title' }));
    expect(scimTypeOf(() => readPatchRequest({ Operations: many }))).toBe('invalidValue');
    expect(readPatchRequest({ Operations: many.slice(1) })).toHaveLength(1000);
  });
});

describe('SCIM PATCH application', () => {
  it('replaces single-valued, dotted and filtered paths as Entra ID sends them', () => {
    const result = patch(
      user(),
      { op: 'replace', path: 'emails[type eq "work"].value', value: 'new@example.com' },
      { op: 'replace', path: 'name.familyName', value: 'Byron' },
      { op: 'replace', path: 'userName', value: 'renamed@example.com' },
      { op: 'replace', path: 'active', value: 'False' }
    );
    expect(result).toEqual({
      userName: 'renamed@example.com',
      externalId: 'ext-1',
      active: 'False',
      name: { givenName: 'Ada', familyName: 'Byron' },
      emails: [{ value: 'new@example.com', type: 'work', primary: true }],
    });
  });

  it('takes an add or replace without a path whose value holds attributes, paths included', () => {
    const result = patch(
      user(),
      {
        op: 'replace',
        value: { active: false, displayName: 'Ada L.', 'name.givenName': 'Augusta' },
      },
      { op: 'add', value: { 'emails[type eq "home"].value': 'home@example.com', NickName: 'A' } }
    );
    expect(result).toMatchObject({
      active: false,
      displayName: 'Ada L.',
      nickName: 'A',
      name: { givenName: 'Augusta', familyName: 'Lovelace' },
      emails: [
        { value: 'ada@example.com', type: 'work', primary: true },
        { value: 'home@example.com', type: 'home' },
      ],
    });
  });

  it('merges complex values, appends multi-valued ones without duplicates, keeps one primary', () => {
    const result = patch(
      user(),
      { op: 'add', path: 'name', value: { middleName: 'King' } },
      {
        op: 'add',
        path: 'emails',
        value: [
          { value: 'ADA@example.com', type: 'work' },
          { value: 'other@example.com', type: 'other', primary: true },
        ],
      }
    );
    expect(result.name).toEqual({ givenName: 'Ada', familyName: 'Lovelace', middleName: 'King' });
    expect(result.emails).toEqual([
      { value: 'ada@example.com', type: 'work', primary: false },
      { value: 'other@example.com', type: 'other', primary: true },
    ]);
    const replaced = patch(user(), { op: 'replace', path: 'emails', value: [{ value: 'x@y.dk' }] });
    expect(replaced.emails).toEqual([{ value: 'x@y.dk' }]);
  });

  it('creates the value a filtered path names when none matches; noTarget when the filter cannot describe one', () => {
    const result = patch(user(), {
      op: 'add',
      path: 'phoneNumbers[type eq "mobile"].value',
      value: '+45 11 22 33 44',
    });
    expect(result.phoneNumbers).toEqual([{ type: 'mobile', value: '+45 11 22 33 44' }]);
    expect(
      scimTypeOf(() =>
        patch(user(), { op: 'replace', path: 'phoneNumbers[value co "45"].type', value: 'work' })
      )
    ).toBe('noTarget');
  });

  it('removes attributes, sub-attributes, matching values and given values', () => {
    const draft = {
      ...user(),
      title: 'Countess',
      phoneNumbers: [
        { value: '1', type: 'work' },
        { value: '2', type: 'mobile' },
      ],
      [ENTERPRISE]: { department: 'Maths', manager: { value: 'm-1' } },
    };
    const result = patch(
      draft,
      { op: 'remove', path: 'title' },
      { op: 'remove', path: 'name.givenName' },
      { op: 'remove', path: 'phoneNumbers[type eq "work"]' },
      { op: 'remove', path: `${ENTERPRISE}:manager` },
      { op: 'remove', path: 'emails', value: [{ value: 'ADA@example.com' }] },
      { op: 'remove', path: 'nickName' }
    );
    expect(result).toEqual({
      userName: 'Test_User_1',
      externalId: 'ext-1',
      active: true,
      name: { familyName: 'Lovelace' },
      emails: [],
      phoneNumbers: [{ value: '2', type: 'mobile' }],
      [ENTERPRISE]: { department: 'Maths' },
    });
  });

  it('turns a bare manager id into the manager value, and never takes a password', () => {
    const result = patch(
      user(),
      { op: 'add', path: `${ENTERPRISE}:manager`, value: 'm-7' },
      { op: 'replace', path: 'password', value: 'Secret-1234' },
      { op: 'replace', value: { password: 'Secret-1234' } }
    );
    expect(result[ENTERPRISE]).toEqual({ manager: { value: 'm-7' } });
    expect(result).not.toHaveProperty('password');
  });

  it('refuses unknown paths (invalidPath), read-only ones (mutability), a remove without path (noTarget)', () => {
    const cases: Array<[unknown, string]> = [
      [{ op: 'replace', path: 'bogus', value: 1 }, 'invalidPath'],
      [{ op: 'replace', path: 'name.bogus', value: 1 }, 'invalidPath'],
      [{ op: 'replace', path: 'name[givenName eq "x"]', value: 1 }, 'invalidPath'],
      [{ op: 'replace', path: 'emails[bogus eq "x"].value', value: 1 }, 'invalidPath'],
      [{ op: 'replace', path: 'emails[type eq "work"].bogus', value: 1 }, 'invalidPath'],
      [{ op: 'replace', value: { bogus: 1 } }, 'invalidPath'],
      [{ op: 'add', path: 'name', value: { bogus: 1 } }, 'invalidPath'],
      [{ op: 'replace', path: 'id', value: 'x' }, 'mutability'],
      [{ op: 'replace', value: { id: 'x' } }, 'mutability'],
      [{ op: 'replace', path: 'meta.lastModified', value: 'x' }, 'mutability'],
      [{ op: 'add', path: 'groups', value: [] }, 'mutability'],
      [{ op: 'remove' }, 'noTarget'],
      [{ op: 'replace', value: 'x' }, 'invalidValue'],
      [{ op: 'replace', path: 'name', value: 'x' }, 'invalidValue'],
    ];
    for (const [operation, scimType] of cases) {
      expect([operation, scimTypeOf(() => patch(user(), operation))]).toEqual([
        operation,
        scimType,
      ]);
    }
  });

  it('lets an operation repeat the resource id, not change it', () => {
    const operations = readPatchRequest({
      Operations: [{ op: 'replace', value: { id: 'abc', active: false } }],
    });
    expect(applyPatch(user(), operations, 'abc')).toMatchObject({ active: false });
    expect(scimTypeOf(() => applyPatch(user(), operations, 'other'))).toBe('mutability');
  });

  it('leaves the user as it was when an operation fails', () => {
    const draft = user();
    const before = structuredClone(draft);
    expect(
      scimTypeOf(() =>
        patch(
          draft,
          { op: 'replace', path: 'name.givenName', value: 'Changed' },
          { op: 'replace', path: 'bogus', value: 'x' }
        )
      )
    ).toBe('invalidPath');
    expect(draft).toEqual(before);
  });
});
