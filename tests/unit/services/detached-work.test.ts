import type { Core } from '@strapi/strapi';
import createDetachedWork from '@server/services/detached-work';

const conflict = (code: string) => Object.assign(new Error('lost a race'), { code });

describe('detached work', () => {
  const setup = () => {
    const error = jest.fn();
    const strapi = { log: { error } } as unknown as Core.Strapi;
    return { work: createDetachedWork({ strapi }), error };
  };

  it.each([
    'ER_LOCK_DEADLOCK',
    'ER_CHECKREAD',
    'ER_LOCK_WAIT_TIMEOUT',
    '40P01',
    '40001',
    'SQLITE_BUSY',
  ])(
    'runs the work again after the database rolled it back for losing a race (%s)',
    async (code) => {
      const { work, error } = setup();
      let runs = 0;
      work.run('test', async () => {
        runs += 1;
        if (runs < 3) throw conflict(code);
      });
      await work.idle();
      expect(runs).toBe(3);
      expect(error).not.toHaveBeenCalled();
    }
  );

  it('gives up after four runs, and logs the error by name and code only', async () => {
    const { work, error } = setup();
    let runs = 0;
    work.run('test', async () => {
      runs += 1;
      throw conflict('40P01');
    });
    await work.idle();
    expect(runs).toBe(4);
    expect(error).toHaveBeenCalledWith('[user-communication] test failed: Error (40P01)');
  });

  it('does not run again after any other failure', async () => {
    const { work, error } = setup();
    let runs = 0;
    work.run('test', async () => {
      runs += 1;
      throw Object.assign(new Error('duplicate key value'), { code: '23505' });
    });
    await work.idle();
    expect(runs).toBe(1);
    expect(error).toHaveBeenCalledTimes(1);
  });
});
