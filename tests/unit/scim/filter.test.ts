import { scimTypeOf } from '../../helpers/scim-errors';
import { parseFilter, parsePatchPath } from '@server/scim/filter';

describe('SCIM filter parser', () => {
  it('reads comparisons with every literal, operators and keywords in any case', () => {
    expect(parseFilter('userName eq "bjensen"')).toEqual({
      kind: 'compare',
      path: 'userName',
      op: 'eq',
      value: 'bjensen',
    });
    expect(parseFilter('active EQ True')).toMatchObject({ op: 'eq', value: true });
    expect(parseFilter('meta.version Ne null')).toMatchObject({ op: 'ne', value: null });
    expect(parseFilter('x gt -1.5e3')).toMatchObject({ op: 'gt', value: -1500 });
    expect(parseFilter('title pr')).toEqual({ kind: 'present', path: 'title' });
    expect(parseFilter('userName eq "say \\"hi\\" \\u00e9"')).toMatchObject({
      value: 'say "hi" é',
    });
    expect(
      parseFilter('urn:ietf:params:scim:schemas:core:2.0:User:name.givenName sw "A"')
    ).toMatchObject({ path: 'urn:ietf:params:scim:schemas:core:2.0:User:name.givenName' });
  });

  it('binds not before and before or, and honours parentheses', () => {
    expect(parseFilter('a eq "1" or b eq "2" and c eq "3"')).toEqual({
      kind: 'or',
      left: { kind: 'compare', path: 'a', op: 'eq', value: '1' },
      right: {
        kind: 'and',
        left: { kind: 'compare', path: 'b', op: 'eq', value: '2' },
        right: { kind: 'compare', path: 'c', op: 'eq', value: '3' },
      },
    });
    expect(parseFilter('(a eq "1" or b eq "2") and not (c pr)')).toEqual({
      kind: 'and',
      left: {
        kind: 'or',
        left: { kind: 'compare', path: 'a', op: 'eq', value: '1' },
        right: { kind: 'compare', path: 'b', op: 'eq', value: '2' },
      },
      right: { kind: 'not', filter: { kind: 'present', path: 'c' } },
    });
  });

  it('reads value filters, also with the sub-attribute comparison Entra ID appends', () => {
    expect(parseFilter('emails[type eq "work" and value co "@example.com"]')).toEqual({
      kind: 'valuePath',
      path: 'emails',
      filter: {
        kind: 'and',
        left: { kind: 'compare', path: 'type', op: 'eq', value: 'work' },
        right: { kind: 'compare', path: 'value', op: 'co', value: '@example.com' },
      },
    });
    expect(parseFilter('emails[type eq "work"].value eq "a@b.dk"')).toEqual({
      kind: 'valuePath',
      path: 'emails',
      filter: {
        kind: 'and',
        left: { kind: 'compare', path: 'type', op: 'eq', value: 'work' },
        right: { kind: 'compare', path: 'value', op: 'eq', value: 'a@b.dk' },
      },
    });
  });

  it('refuses malformed filters with invalidFilter', () => {
    for (const filter of [
      '',
      'userName',
      'userName eq',
      'userName equals "x"',
      'userName eq bjensen',
      'userName eq "x" and',
      '(userName eq "x"',
      'userName eq "x")',
      'userName eq "unterminated',
      'emails[type eq "work"',
      'emails[addresses[type eq "x"]]',
      'not userName eq "x"',
      '"x" eq userName',
      'a'.repeat(5000),
      Array.from({ length: 101 }, (_, i) => `a eq "${i}"`).join(' or '),
    ]) {
      expect([filter.slice(0, 40), scimTypeOf(() => parseFilter(filter))]).toEqual([
        filter.slice(0, 40),
        'invalidFilter',
      ]);
    }
  });
});

describe('SCIM PATCH paths', () => {
  it('reads attribute paths, value filters and the sub-attribute after them', () => {
    expect(parsePatchPath('name.givenName')).toEqual({ attrPath: 'name.givenName' });
    expect(parsePatchPath('emails[type eq "work"].value')).toEqual({
      attrPath: 'emails',
      filter: { kind: 'compare', path: 'type', op: 'eq', value: 'work' },
      subAttr: 'value',
    });
    expect(parsePatchPath('members[value eq "2819c223"]')).toMatchObject({
      attrPath: 'members',
      filter: { value: '2819c223' },
    });
    expect(
      parsePatchPath('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager')
    ).toEqual({ attrPath: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager' });
  });

  it('refuses malformed paths with invalidPath', () => {
    for (const path of [
      'emails[type eq "work"',
      'emails[type eq]',
      'emails[type eq "work"]value',
      'emails[type eq "work"].value.more',
      'emails[type eq "work"].value extra',
      '[type eq "work"]',
      'name givenName',
    ]) {
      expect([path, scimTypeOf(() => parsePatchPath(path))]).toEqual([path, 'invalidPath']);
    }
  });
});
