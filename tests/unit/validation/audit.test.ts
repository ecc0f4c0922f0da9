import { validateAuditQuery } from '@server/validation/audit';

describe('audit query validation', () => {
  it('casts the query string and pages by 25 unless told', async () => {
    await expect(
      validateAuditQuery({ action: 'users.set-password', userId: '12', actorId: '3' })
    ).resolves.toEqual({
      action: 'users.set-password',
      userId: 12,
      actorId: 3,
      page: 1,
      pageSize: 25,
    });
  });

  it('takes a date range', async () => {
    await expect(
      validateAuditQuery({ from: '2026-01-01T00:00:00Z', to: '2026-01-31T23:59:59Z' })
    ).resolves.toMatchObject({ from: '2026-01-01T00:00:00Z', to: '2026-01-31T23:59:59Z' });
  });

  it('refuses what it does not know, naming every problem', async () => {
    await expect(validateAuditQuery({ sort: 'ip' })).rejects.toMatchObject({
      name: 'ValidationError',
      message: expect.stringContaining('sort'),
    });
    const refused = validateAuditQuery({ action: 'users.delete', pageSize: '500', from: 'soon' });
    await expect(refused).rejects.toMatchObject({
      details: {
        errors: expect.arrayContaining([
          expect.objectContaining({ path: ['action'] }),
          expect.objectContaining({ path: ['pageSize'] }),
          expect.objectContaining({ path: ['from'] }),
        ]),
      },
    });
  });
});
