import type { Core } from '@strapi/strapi';
import {
  isTransientConflict,
  retryingTransaction,
  withRetries,
} from '@server/utils/transient-conflict';

const failure = (code: string) => Object.assign(new Error(code), { code });

/** strapi.db as far as retryingTransaction uses it: a transaction is a run of the callback. */
const database = ({ nested = false } = {}) => {
  const db = {
    transactions: 0,
    inTransaction: () => nested,
    transaction: async <T>(work: () => Promise<T>) => {
      db.transactions += 1;
      return work();
    },
  };
  return db;
};

const strapiWith = (db: ReturnType<typeof database>) => ({ db }) as unknown as Core.Strapi;

// The conflicts that are run again: tests/unit/services/detached-work.test.ts.
describe('transient conflicts', () => {
  it.each(['ER_DUP_ENTRY', '23505', 'SQLITE_CONSTRAINT_UNIQUE', 'undefined'])(
    'does not count %s',
    (code) => {
      expect(isTransientConflict(failure(code))).toBe(false);
    }
  );

  it('does not count a thrown value that is not an Error', () => {
    expect(isTransientConflict({ code: 'ER_LOCK_DEADLOCK' })).toBe(false);
  });

  it('runs work four times at most', async () => {
    let runs = 0;
    const work = async () => {
      runs += 1;
      throw failure('40001');
    };
    await expect(withRetries(work, { jitterMs: 0 })).rejects.toThrow('40001');
    expect(runs).toBe(4);
  });
});

describe('retryingTransaction', () => {
  it('runs a transaction that lost a race again, whole, and answers what the winning run answers', async () => {
    const db = database();
    const codes = ['ER_CHECKREAD', 'ER_LOCK_DEADLOCK'];
    const answer = await retryingTransaction(strapiWith(db), async () => {
      const code = codes.shift();
      if (code) throw failure(code);
      return 'second';
    });
    expect(answer).toBe('second');
    expect(db.transactions).toBe(3);
  });

  it('does not run it again after a lock wait timeout, nor after any other error', async () => {
    for (const code of ['ER_LOCK_WAIT_TIMEOUT', 'SQLITE_BUSY', 'ER_DUP_ENTRY']) {
      const db = database();
      await expect(
        retryingTransaction(strapiWith(db), async () => {
          throw failure(code);
        })
      ).rejects.toThrow(code);
      expect(db.transactions).toBe(1);
    }
  });

  it("inside a caller's transaction, only joins it: the caller's is what was rolled back", async () => {
    const db = database({ nested: true });
    await expect(
      retryingTransaction(strapiWith(db), async () => {
        throw failure('ER_CHECKREAD');
      })
    ).rejects.toThrow('ER_CHECKREAD');
    expect(db.transactions).toBe(1);
  });
});
