import type { Core } from '@strapi/strapi';
import { usernameLedger, type LedgerBatch } from '@server/services/user-writer/usernames';

/** A users table holding no one: every name is free as far as the database knows. */
const emptyDatabase = () =>
  ({ db: { query: () => ({ findMany: async () => [] }) } }) as unknown as Core.Strapi;

const batch = (users: LedgerBatch['users'], renames: string[] = []) =>
  Promise.resolve({ users, renames });

describe('username ledger (pages written side by side)', () => {
  it('never gives two batches one name, whichever asks first', async () => {
    const ledger = usernameLedger(emptyDatabase());
    const first = ledger.allocate(batch([{ email: 'twin@a.example.com', username: null }]));
    const second = ledger.allocate(batch([{ email: 'twin@b.example.com', username: null }]));
    expect((await first.allocation).usernames).toEqual([{ username: 'twin' }]);
    expect((await second.allocation).usernames).toEqual([{ username: 'twin-2' }]);
  });

  it('refuses a rename to a name another batch holds, and a username that is its address', async () => {
    const ledger = usernameLedger(emptyDatabase());
    const holder = ledger.allocate(batch([{ email: 'fresh-name@example.com', username: null }]));
    await holder.allocation;
    const renaming = ledger.allocate(
      batch([{ email: 'new@example.com', username: 'fresh-name@example.com' }], ['fresh-name'])
    );
    const { usernames, refusedRenames } = await renaming.allocation;
    expect(refusedRenames).toEqual(new Set(['fresh-name']));
    expect(usernames[0]).toEqual({ error: expect.stringMatching(/belongs to another user/) });
  });

  it('holds a rename until released, then frees it', async () => {
    const ledger = usernameLedger(emptyDatabase());
    const renaming = ledger.allocate(batch([], ['alice']));
    await renaming.allocation;
    const blocked = ledger.allocate(batch([{ email: 'alice@example.com', username: null }]));
    expect((await blocked.allocation).usernames).toEqual([{ username: 'alice-2' }]);
    await renaming.release();
    await renaming.release();
    const after = ledger.allocate(batch([{ email: 'alice@example.org', username: null }]));
    expect((await after.allocation).usernames).toEqual([{ username: 'alice' }]);
  });

  it('keeps a name two batches hold (one as a username, one as an address) until both release', async () => {
    const ledger = usernameLedger(emptyDatabase());
    const asUsername = ledger.allocate(batch([{ email: 'y@example.com', username: 'bob@x.com' }]));
    expect((await asUsername.allocation).usernames).toEqual([{ username: 'bob@x.com' }]);
    const asAddress = ledger.allocate(batch([{ email: 'bob@x.com', username: null }]));
    await asAddress.allocation;
    const asks = () => ledger.allocate(batch([{ email: 'z@example.com', username: 'bob@x.com' }]));
    await asUsername.release();
    expect((await asks().allocation).usernames[0]).toHaveProperty('error');
    await asAddress.release();
    expect((await asks().allocation).usernames).toEqual([{ username: 'bob@x.com' }]);
  });

  it('is idle once every allocation has been released, once each', async () => {
    const ledger = usernameLedger(emptyDatabase());
    const first = ledger.allocate(batch([{ email: 'one@example.com', username: null }]));
    const second = ledger.allocate(batch([{ email: 'two@example.com', username: null }]));
    let idle = false;
    void ledger.idle().then(() => {
      idle = true;
    });
    await first.release();
    await first.release();
    await first.allocation;
    expect(idle).toBe(false);
    await second.release();
    await ledger.idle();
    expect(idle).toBe(true);
  });

  it('turns a failed lookup into a failed allocation, and keeps serving the next batches', async () => {
    const ledger = usernameLedger(emptyDatabase());
    const failed = ledger.allocate(Promise.reject(new Error('lookup failed')));
    await expect(failed.allocation).rejects.toThrow('lookup failed');
    await failed.release();
    const next = ledger.allocate(batch([{ email: 'next@example.com', username: null }]));
    expect((await next.allocation).usernames).toEqual([{ username: 'next' }]);
  });
});
