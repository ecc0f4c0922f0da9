import { ScimError } from '@server/scim/errors';
import { parseFilter } from '@server/scim/filter';
import { compileUserFilter, MATCH_ALL, MATCH_NONE } from '@server/scim/user-filter';

const compile = (filter: string) => compileUserFilter(parseFilter(filter));
const on = (column: string, condition: unknown) => ({
  $and: [{ [column]: { $notNull: true } }, { [column]: condition }],
});
const ACTIVE = { $or: [{ blocked: false }, { blocked: { $null: true } }] };

const refusal = (filter: string) => {
  try {
    compile(filter);
  } catch (error) {
    if (error instanceof ScimError) return [error.scimType, error.detail];
    throw error;
  }
  return ['no error', ''];
};

describe('SCIM filter → Query Engine where', () => {
  it('compares userName without regard to case, on the lower-cased key column', () => {
    expect(compile('userName eq "Bjensen@Example.COM"')).toEqual(
      on('scimUserNameKey', { $eq: 'bjensen@example.com' })
    );
    expect(compile('USERNAME sw "B"')).toEqual(on('scimUserNameKey', { $startsWith: 'b' }));
    expect(compile('userName co "Jens"')).toEqual(on('scimUserNameKey', { $contains: 'jens' }));
    expect(compile('userName ew "COM"')).toEqual(on('scimUserNameKey', { $endsWith: 'com' }));
    expect(compile('urn:ietf:params:scim:schemas:core:2.0:User:userName gt "m"')).toEqual(
      on('scimUserNameKey', { $gt: 'm' })
    );
  });

  it('compares externalId and id exactly (caseExact), and e-mails lower-cased, in every spelling', () => {
    expect(compile('externalId eq "AbC"')).toEqual(on('externalId', { $eq: 'AbC' }));
    expect(compile('id eq "k2x9"')).toEqual(on('documentId', { $eq: 'k2x9' }));
    const email = on('email', { $eq: 'a@b.dk' });
    expect(compile('emails eq "A@B.dk"')).toEqual(email);
    expect(compile('emails.value eq "A@B.dk"')).toEqual(email);
    expect(compile('emails[value eq "A@B.dk"]')).toEqual(email);
    // Entra ID: the address is the primary work address, so the type condition is always true.
    expect(compile('emails[type eq "work"].value eq "A@B.dk"')).toEqual({
      $and: [MATCH_ALL, email],
    });
    expect(compile('emails[type eq "home"].value eq "A@B.dk"')).toEqual({
      $and: [MATCH_NONE, email],
    });
    expect(compile('emails[primary eq true]')).toEqual(MATCH_ALL);
    expect(compile('emails[display pr]')).toEqual(MATCH_NONE);
  });

  it('reads active as not blocked, with Entra ID\'s "True"/"False" strings', () => {
    expect(compile('active eq true')).toEqual(ACTIVE);
    expect(compile('active eq "False"')).toEqual({ $not: ACTIVE });
    expect(compile('active ne false')).toEqual(ACTIVE);
    expect(compile('active pr')).toEqual(MATCH_ALL);
  });

  it('combines with and, or, not; ne and not include users without a value', () => {
    expect(compile('userName eq "a" and (externalId pr or not (active eq true))')).toEqual({
      $and: [
        on('scimUserNameKey', { $eq: 'a' }),
        { $or: [{ externalId: { $notNull: true } }, { $not: ACTIVE }] },
      ],
    });
    expect(compile('externalId ne "x"')).toEqual({ $not: on('externalId', { $eq: 'x' }) });
    expect(compile('externalId eq null')).toEqual({ externalId: { $null: true } });
  });

  it('compares meta dates as dates', () => {
    expect(compile('meta.lastModified gt "2026-01-31T12:00:00Z"')).toEqual(
      on('updatedAt', { $gt: new Date('2026-01-31T12:00:00Z') })
    );
    expect(compile('meta.created le "2026-01-31"')).toEqual(
      on('createdAt', { $lte: new Date('2026-01-31') })
    );
  });

  it('refuses what no column can answer, with invalidFilter', () => {
    expect(refusal('nickName eq "x"')).toEqual([
      'invalidFilter',
      expect.stringMatching(/Filtering on "nickName" is not supported/),
    ]);
    expect(refusal('name.givenName eq "x"')[0]).toBe('invalidFilter');
    expect(refusal('phoneNumbers[type eq "work"]')[0]).toBe('invalidFilter');
    expect(refusal('bogus eq "x"')).toEqual(['invalidFilter', 'Unknown attribute "bogus"']);
    expect(refusal('emails[bogus eq "x"]')[0]).toBe('invalidFilter');
    expect(refusal('userName eq 42')[0]).toBe('invalidFilter');
    expect(refusal('userName co null')[0]).toBe('invalidFilter');
    expect(refusal('active co "t"')[0]).toBe('invalidFilter');
    expect(refusal('active eq "maybe"')[0]).toBe('invalidFilter');
    expect(refusal('meta.created co "2026"')[0]).toBe('invalidFilter');
    expect(refusal('meta.created gt "yesterday"')[0]).toBe('invalidFilter');
    expect(refusal('userName[value eq "x"]')[0]).toBe('invalidFilter');
  });
});
