import { insertJsonRows } from '@server/utils/json-rows-insert';
import { bootStrapi, type TestApp } from '../helpers/strapi';

const IMPORT_ROWS = 'plugin::user-communication.import-row';
const MESSAGES = 'plugin::user-communication.message';

describe('insertJsonRows', () => {
  let app: TestApp;
  const at = new Date('2026-11-30T08:00:00.000Z');
  const shared = { createdAt: at, updatedAt: at };

  beforeAll(async () => {
    app = await bootStrapi();
  });

  afterAll(async () => {
    await app?.stop();
  });

  const importRow = (row: number) =>
    app.strapi.db.query(IMPORT_ROWS).findOne({ where: { importId: 991, row } });

  it('stores what the Query Engine would: rows that leave attributes out, json values with dates and half emoji', async () => {
    const nested = new Date('2026-11-30T09:30:00.000Z');
    await insertJsonRows(app.strapi, IMPORT_ROWS, {
      rows: [
        {
          importId: 991,
          row: 1,
          email: 'json-a@example.com',
          valid: true,
          attributes: { since: nested, note: 'cut \uD83D', list: ['x\uDE00', 2] },
        },
        { importId: 991, row: 2, username: 'half \uD83D', blocked: false },
      ],
      shared,
    });
    expect(await importRow(1)).toMatchObject({
      email: 'json-a@example.com',
      username: null,
      valid: true,
      // A date inside a json value is stored as the drivers store one: its toJSON text.
      attributes: { since: nested.toISOString(), note: 'cut \uFFFD', list: ['x\uFFFD', 2] },
    });
    const second = await importRow(2);
    expect(second).toMatchObject({ username: 'half \uFFFD', blocked: false, email: null });
    expect(new Date(second.createdAt).getTime()).toBe(at.getTime());
  });

  it('stores text of every width as it was given: the JSON goes as UTF-8 bytes the statement decodes', async () => {
    // One, two, three and four bytes a character, in a column and inside a json value.
    const text = 'Zoë Ørsted 日本語 😀 "quoted" \\';
    await insertJsonRows(app.strapi, IMPORT_ROWS, {
      rows: [{ importId: 991, row: 3, username: text, attributes: { note: text, [text]: 1 } }],
      shared,
    });
    expect(await importRow(3)).toMatchObject({
      username: text,
      attributes: { note: text, [text]: 1 },
    });
  });

  it('stores a value every row shares, sent once, and a null left out of the JSON, as given', async () => {
    await insertJsonRows(app.strapi, IMPORT_ROWS, {
      rows: [1, 2, 3].map((row) => ({
        importId: 993,
        row,
        valid: false,
        username: 'same \uD83D',
        email: row === 2 ? null : `row-${row}@example.com`,
        attributes: { row },
      })),
      shared,
    });
    const stored = await app.strapi.db.query(IMPORT_ROWS).findMany({
      where: { importId: 993 },
      orderBy: { row: 'asc' },
    });
    expect(stored).toMatchObject(
      [1, 2, 3].map((row) => ({
        row,
        valid: false,
        username: 'same \uFFFD',
        email: row === 2 ? null : `row-${row}@example.com`,
        attributes: { row },
      }))
    );
  });

  const mysql = (process.env.DATABASE_CLIENT ?? 'sqlite') === 'mysql';

  it('counts and returns the ids of the rows it inserted, not of those skipped on their unique key (MySQL: counts them)', async () => {
    const message = (dedupeKey: string) => ({
      documentId: dedupeKey.padEnd(24, '0').slice(0, 24),
      type: 'no-login-reminder',
      recipient: 'json-insert@example.com',
      subject: 'Hello',
      status: 'queued',
      attempts: 0,
      dedupeKey,
    });
    if (mysql) {
      // INSERT … SELECT answers no ids there; asked for them, it refuses before writing.
      await expect(
        insertJsonRows(app.strapi, MESSAGES, {
          rows: [message('json-insert-1')],
          shared: { ...shared, publishedAt: at, nextAttemptAt: at },
          conflict: 'dedupeKey',
          returnIds: true,
        })
      ).rejects.toThrow(/no ids of the rows on MySQL/);
    }
    const first = await insertJsonRows(app.strapi, MESSAGES, {
      rows: [message('json-insert-1')],
      shared: { ...shared, publishedAt: at, nextAttemptAt: at },
      conflict: 'dedupeKey',
      returnIds: !mysql,
    });
    const again = await insertJsonRows(app.strapi, MESSAGES, {
      rows: [message('json-insert-1'), message('json-insert-2')],
      shared: { ...shared, publishedAt: at, nextAttemptAt: at },
      conflict: 'dedupeKey',
      returnIds: !mysql,
    });
    const stored = await app.strapi.db.query(MESSAGES).findMany({
      where: { dedupeKey: { $in: ['json-insert-1', 'json-insert-2'] } },
      select: ['id', 'dedupeKey'],
      orderBy: { id: 'asc' },
    });
    expect(stored).toHaveLength(2);
    if (!mysql) {
      expect(stored.map((row: { id: number }) => row.id)).toEqual([...first.ids, ...again.ids]);
      expect(again.ids).toHaveLength(1);
    }
    expect(first.inserted).toBe(1);
    expect(again.inserted).toBe(1);
    const without = await insertJsonRows(app.strapi, MESSAGES, {
      rows: [message('json-insert-2'), message('json-insert-3')],
      shared: { ...shared, publishedAt: at, nextAttemptAt: at },
      conflict: 'dedupeKey',
    });
    expect(without).toEqual({ inserted: 1, ids: [] });
  });

  it("stores a row's own date at the instant given, as the Query Engine would", async () => {
    const own = [new Date('2001-01-01T00:00:00.000Z'), new Date('2026-03-29T01:30:15.250Z')];
    await insertJsonRows(app.strapi, IMPORT_ROWS, {
      rows: own.map((createdAt, index) => ({ importId: 995, row: index + 1, createdAt })),
      shared: { updatedAt: at },
    });
    await app.strapi.db
      .query(IMPORT_ROWS)
      .create({ data: { importId: 995, row: 3, createdAt: own[1], updatedAt: at } });
    const stored = await app.strapi.db.query(IMPORT_ROWS).findMany({
      where: { importId: 995 },
      select: ['createdAt'],
      orderBy: { row: 'asc' },
    });
    expect(stored.map((row: { createdAt: string }) => new Date(row.createdAt).getTime())).toEqual([
      own[0].getTime(),
      own[1].getTime(),
      own[1].getTime(),
    ]);
  });

  it("reads a shared attribute from the shared values, not from a row's own", async () => {
    const own = new Date('2001-01-01T00:00:00Z');
    await insertJsonRows(app.strapi, IMPORT_ROWS, {
      rows: [
        { importId: 994, row: 1, createdAt: own },
        { importId: 994, row: 2 },
      ],
      shared,
    });
    const stored = await app.strapi.db.query(IMPORT_ROWS).findMany({
      where: { importId: 994 },
      select: ['createdAt'],
    });
    expect(stored.map((row: { createdAt: string }) => new Date(row.createdAt).getTime())).toEqual([
      at.getTime(),
      at.getTime(),
    ]);
  });

  it('refuses a value JSON would store differently, and writes nothing of the statement', async () => {
    const write = (value: unknown) =>
      insertJsonRows(app.strapi, IMPORT_ROWS, {
        rows: [
          { importId: 992, row: 1, email: 'fine@example.com' },
          { importId: 992, row: 2, email: 'odd@example.com', attributes: value },
        ],
        shared,
      });
    await expect(
      insertJsonRows(app.strapi, IMPORT_ROWS, {
        rows: [{ importId: 992, row: 3, importIdTwice: 1 }],
        shared,
      })
    ).rejects.toThrow(/has no attribute importIdTwice/);
    await expect(write(Buffer.from('bytes'))).rejects.toThrow(/bytes do not go as JSON/);
    await expect(
      insertJsonRows(app.strapi, IMPORT_ROWS, {
        rows: [{ importId: 992, row: 4, createdAt: new Date(Number.NaN) }],
        shared: { updatedAt: at },
      })
    ).rejects.toThrow(/createdAt: invalid date/);
    await expect(
      insertJsonRows(app.strapi, IMPORT_ROWS, {
        rows: [{ importId: 992, row: Number.POSITIVE_INFINITY }],
        shared,
      })
    ).rejects.toThrow(/row: Infinity is not a number/);
    expect(await app.strapi.db.query(IMPORT_ROWS).count({ where: { importId: 992 } })).toBe(0);
  });
});
