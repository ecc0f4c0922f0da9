import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BULK_WRITES, writingInBulk } from '../helpers/database';
import { bootStrapi, type TestApp } from '../helpers/strapi';
import { settle } from '../helpers/outbox';
import { createAdmin, createAdminRole, findUser, type AdminSession } from '../helpers/actors';
import {
  deflateRepeated,
  sheetXml,
  workbookParts,
  writeUsersXlsx,
  zipBuffer,
  type UserSheetRow,
} from '../helpers/spreadsheets';
import type { ImportsService } from '@server/services/imports';

const USERS = 'plugin::users-permissions.user';
const IMPORT = 'plugin::user-communication.import';

describe('Excel/CSV import', () => {
  let app: TestApp;
  let admin: AdminSession;
  let dir: string;

  beforeAll(async () => {
    app = await bootStrapi();
    admin = await createAdmin(app);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uc-import-'));
  });

  afterAll(async () => {
    await app?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const file = (name: string, content: string | Buffer) => {
    const target = path.join(dir, name);
    fs.writeFileSync(target, content);
    return target;
  };
  const upload = (filePath: string, fields: Record<string, string> = {}, session = admin) => {
    const request = app
      .http()
      .post('/user-communication/imports')
      .set('Authorization', session.auth);
    for (const [key, value] of Object.entries(fields)) request.field(key, value);
    return request.attach('file', filePath);
  };
  const commit = (id: number, body: Record<string, unknown> = {}) =>
    app
      .http()
      .post(`/user-communication/imports/${id}/commit`)
      .set('Authorization', admin.auth)
      .send(body);
  const report = (id: number) =>
    app
      .http()
      .get(`/user-communication/imports/${id}/report.csv`)
      .set('Authorization', admin.auth)
      .buffer(true)
      .parse((res, done) => {
        const parts: Buffer[] = [];
        res.on('data', (chunk: Buffer) => parts.push(chunk));
        res.on('end', () => done(null, Buffer.concat(parts).toString('utf8')));
      });
  const reportLines = (answer: { body: string }): string[] =>
    answer.body
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter(Boolean);
  /** A sheet of 2,100 users (three commit pages), uploaded. */
  const uploadThreePages = async (
    prefix: string,
    email = (index: number) => `${prefix}${index}@example.com`
  ) => {
    const sheet = path.join(dir, `${prefix}.xlsx`);
    await writeUsersXlsx(sheet, 2100, { row: (index) => [email(index), '', 'en', 'no'] });
    return upload(sheet);
  };
  /** Commits through the service, as the admin's request does, calling `onProgress` after each page. */
  const commitWatched = (id: number, onProgress: (done: number) => void) =>
    (app.strapi.plugin('user-communication').service('imports') as ImportsService).commit(id, {
      updateAny: false,
      onProgress,
    });
  /** Commits once the lease of a commit that stopped working has run out (10 minutes). */
  const commitAfterLease = async (id: number) => {
    app.clock.advance({ minutes: 11 });
    try {
      return await commit(id);
    } finally {
      app.clock.reset();
    }
  };
  const countUsers = (prefix: string) =>
    app.strapi.db.query(USERS).count({ where: { email: { $startsWith: prefix } } });

  it('previews 1,000 rows with exactly the 20 bad ones, commits 980 users with origin excel and no e-mail; resend then mails them', async () => {
    // Every 50th row is bad: 10 invalid addresses and 10 duplicates of the row before.
    const row = (index: number): UserSheetRow => {
      if (index % 100 === 49) return [`bad-address-${index}@`, '', 'en', 'no'];
      if (index % 100 === 99) return [`thousand${index - 1}@example.com`, '', 'en', 'no'];
      return [`thousand${index}@example.com`, '', index % 2 === 0 ? 'da' : 'en', 'no'];
    };
    const sheet = path.join(dir, 'thousand.xlsx');
    await writeUsersXlsx(sheet, 1000, { row });
    app.mail.clear();

    const preview = await upload(sheet);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      rows: 1000,
      valid: 980,
      create: 980,
      update: 0,
      skip: 0,
      existing: 0,
    });
    expect(preview.body.invalid).toHaveLength(20);
    // Sheet row = index + 1 (the header is row 1).
    expect(preview.body.invalid[0]).toEqual({
      row: 50,
      errors: ['Invalid e-mail address "bad-address-49@"'],
    });
    expect(preview.body.invalid[1]).toEqual({
      row: 100,
      errors: ['Duplicate of row 99 (same e-mail)'],
    });
    expect(await countUsers('thousand')).toBe(0);

    const committed = await commit(preview.body.id);
    expect(committed.status).toBe(200);
    expect(committed.body).toMatchObject({
      created: 980,
      updated: 0,
      skipped: 0,
      failed: [],
      alreadyCommitted: false,
    });
    expect(await countUsers('thousand')).toBe(980);
    const one = await findUser(app, 'thousand2@example.com');
    expect(one).toMatchObject({
      origin: 'excel',
      username: 'thousand2',
      locale: 'da',
      confirmed: false,
      password: null,
    });

    await new Promise((resolve) => setTimeout(resolve, 500));
    await app.strapi.plugin('user-communication').service('delivery-worker').tick();
    expect(app.mail.messages).toHaveLength(0);

    // Committing again does nothing.
    const again = await commit(preview.body.id);
    expect(again.body).toMatchObject({ created: 980, alreadyCommitted: true });
    expect(await countUsers('thousand')).toBe(980);

    // The admin then resends the activation e-mail to the imported users.
    const imported = (await app.strapi.db.query(USERS).findMany({
      where: { email: { $startsWith: 'thousand' } },
      select: ['documentId'],
    })) as Array<{ documentId: string }>;
    const resend = await app
      .http()
      .post('/user-communication/activation/resend')
      .set('Authorization', admin.auth)
      .send({ userIds: imported.map((user) => user.documentId) });
    expect(resend.status).toBe(200);
    await settle(app);
    expect(app.mail.messages).toHaveLength(980);

    // The same file uploaded again: every valid row is an existing user, skipped by default.
    const reupload = await upload(sheet);
    expect(reupload.body).toMatchObject({ valid: 980, create: 0, existing: 980, skip: 980 });
    const second = await commit(reupload.body.id);
    expect(second.body).toMatchObject({ created: 0, skipped: 980 });
    expect(await countUsers('thousand')).toBe(980);
  }, 120_000);

  it("commits across several pages, keeping PostgreSQL's statistics of the users table as it grows", async () => {
    // The role links keep users-permissions' order column going on from its last value, a
    // fraction here (the column is a float).
    type Link = {
      name: string;
      joinColumn: { name: string };
      inverseJoinColumn: { name: string };
      inverseOrderColumnName: string;
    };
    const link = (
      app.strapi.db.metadata.get(USERS).attributes as Record<string, { joinTable?: Link }>
    ).role.joinTable as Link;
    const order = link.inverseOrderColumnName;
    const seed = await upload(file('pages-seed.csv', 'email\nseed-link@example.com\n'));
    expect((await commit(seed.body.id)).body).toMatchObject({ created: 1 });
    const { role } = (await app.strapi.db
      .query(USERS)
      .findOne({ where: { email: 'seed-link@example.com' }, populate: ['role'] })) as {
      role: { id: number };
    };
    // The links of the role the import gives, as users-permissions orders them.
    const links = () =>
      app.strapi.db
        .connection(link.name)
        .where(`${link.name}.${link.inverseJoinColumn.name}`, role.id);
    const last = Number(((await links().max(`${order} as last`).first()) as { last: number }).last);
    await links()
      .where(order, last)
      .update({ [order]: last + 0.5 });
    const preview = await uploadThreePages('pages');
    expect(preview.body.valid).toBe(2100);
    const committed = await commit(preview.body.id);
    expect(committed.body).toMatchObject({ created: 2100, failed: [] });
    expect(await countUsers('pages')).toBe(2100);
    const positions = (await links()
      .join('up_users', 'up_users.id', `${link.name}.${link.joinColumn.name}`)
      .where('up_users.email', 'like', 'pages%')
      .select(`${link.name}.${order} as position`)) as Array<{ position: number }>;
    const sorted = positions.map(({ position }) => Number(position)).sort((a, b) => a - b);
    expect(sorted).toHaveLength(2100);
    expect(sorted[0]).toBe(last + 1.5);
    expect(sorted[2099]).toBe(last + 2100.5);
    expect(new Set(sorted).size).toBe(2100);
    if (app.database.client === 'postgres') {
      // Analysed while the import grew the table (utils/table-statistics.ts): its foreign-key
      // checks are then planned as index lookups, not scans of a table thought empty.
      const { rows } = (await app.strapi.db.connection.raw(
        "select reltuples from pg_class where oid = to_regclass('up_users')"
      )) as { rows: Array<{ reltuples: number }> };
      expect(Number(rows[0].reltuples)).toBeGreaterThanOrEqual(1000);
    }
  }, 120_000);

  it('resumes a commit that died after its first page: another waits out its lease, then writes only the rows left, and the report lists every row', async () => {
    const preview = await uploadThreePages('resume');
    const killed = commitWatched(preview.body.id, () => {
      throw new Error('killed');
    });
    await expect(killed).rejects.toThrow('killed');
    expect(await countUsers('resume')).toBe(1000);
    const halfway = reportLines(await report(preview.body.id));
    expect(halfway[1000]).toMatch(/^1001,resume1000@example\.com,created,$/);
    expect(halfway[1001]).toMatch(/^1002,resume1001@example\.com,to create,$/);
    // As a process killed there leaves it: still claimed, its lease running.
    await app.strapi.db.query(IMPORT).update({
      where: { id: preview.body.id },
      data: { status: 'committing', leaseUntil: app.clock.now().plus({ minutes: 10 }).toJSDate() },
    });
    const early = await commit(preview.body.id);
    expect(early.status).toBe(409);
    expect(early.body.error.message).toMatch(/being committed right now/);
    const resumed = await commitAfterLease(preview.body.id);
    expect(resumed.body).toMatchObject({ created: 2100, updated: 0, skipped: 0, failed: [] });
    expect(await countUsers('resume')).toBe(2100);
    const lines = reportLines(await report(preview.body.id));
    expect(lines).toHaveLength(2101);
    expect(lines.slice(1).every((line) => /^\d+,resume\d+@example\.com,created,$/.test(line))).toBe(
      true
    );
  }, 120_000);

  it('stops a commit that was taken over after its lease ran out, leaving the new holder alone', async () => {
    const preview = await uploadThreePages('taken');
    // After its first page, another commit claims the import as if this one's lease had run out.
    const slow = commitWatched(preview.body.id, () => {
      void app.strapi.db
        .query(IMPORT)
        .update({ where: { id: preview.body.id }, data: { claimToken: 'another-commit' } });
    });
    await expect(slow).rejects.toThrow(/being committed right now/);
    // The claim lands while a page is written (on SQLite, after it): the page after that one is
    // rolled back, and the other commit's hold is left as it was.
    const held = (await app.strapi.db
      .query(IMPORT)
      .findOne({ where: { id: preview.body.id } })) as Record<string, unknown>;
    expect(held).toMatchObject({ status: 'committing', claimToken: 'another-commit' });
    expect(held.committedThrough).toBeLessThan(2101);
    // Rows 2 to committedThrough were written, nothing after them.
    expect(await countUsers('taken')).toBe(Number(held.committedThrough) - 1);

    // That other commit dies in turn; once its lease runs out the rest is written, once.
    const resumed = await commitAfterLease(preview.body.id);
    expect(resumed.body).toMatchObject({ created: 2100, skipped: 0, failed: [] });
    expect(await countUsers('taken')).toBe(2100);
  }, 120_000);

  it('derives a username of its own for every user of the same name, also on pages written side by side', async () => {
    // Every address is twin@…: on PostgreSQL a page derives its names while the page before it
    // has not committed them yet.
    const preview = await uploadThreePages('twin', (index) => `twin@d${index}.twins.example.com`);
    expect(preview.body.valid).toBe(2100);
    const committed = await commit(preview.body.id);
    expect(committed.body).toMatchObject({ created: 2100, failed: [] });
    const users = (await app.strapi.db.query(USERS).findMany({
      where: { email: { $endsWith: '.twins.example.com' } },
      select: ['username'],
    })) as Array<{ username: string }>;
    expect(users).toHaveLength(2100);
    expect(new Set(users.map((user) => user.username.toLowerCase())).size).toBe(2100);
  }, 120_000);

  it('keeps a username an existing user is renamed to from a new user of the page beside it', async () => {
    const first = await upload(file('rename-1.csv', 'email\nrename-me@example.com\n'));
    expect((await commit(first.body.id)).body).toMatchObject({ created: 1 });
    // Row 2 renames that user to "fresh-name"; a new user on the second page would derive the
    // same name from fresh-name@…, before the first page has committed the rename.
    const sheet = path.join(dir, 'rename-2.xlsx');
    await writeUsersXlsx(sheet, 2100, {
      row: (index) =>
        index === 1
          ? ['rename-me@example.com', 'fresh-name', 'en', 'no']
          : index === 1500
            ? ['fresh-name@renames.example.com', '', 'en', 'no']
            : [`rename${index}@renames.example.com`, '', 'en', 'no'],
    });
    const preview = await upload(sheet);
    const committed = await commit(preview.body.id, { updateExisting: true });
    expect(committed.body).toMatchObject({ created: 2099, updated: 1, failed: [] });
    expect(await findUser(app, 'rename-me@example.com')).toMatchObject({ username: 'fresh-name' });
    expect(await findUser(app, 'fresh-name@renames.example.com')).toMatchObject({
      username: 'fresh-name-2',
    });
  }, 120_000);

  it('writes a page that failed row by row before the page after it, which waits for it', async () => {
    const writer = app.strapi.plugin('user-communication').service('user-writer');
    const insertMany = writer.insertMany;
    // Sheet row 1,500, on the second page, is refused as the database would refuse it: the page
    // is rolled back and written a row at a time, while the third is already being written.
    writer.insertMany = async (users: Array<{ email: string }>, creation: unknown) => {
      if (users.some((user) => user.email === 'ordered1499@example.com'))
        throw new Error('refused');
      return insertMany(users, creation);
    };
    const progress: number[] = [];
    try {
      const preview = await uploadThreePages('ordered');
      const result = await commitWatched(preview.body.id, (done) => progress.push(done));
      expect(result).toMatchObject({ created: 2099, updated: 0, skipped: 0 });
      expect(result.failed).toEqual([
        { row: 1500, error: expect.stringMatching(/could not be saved/) },
      ]);
      const stored = (await app.strapi.db
        .query(IMPORT)
        .findOne({ where: { id: preview.body.id } })) as Record<string, unknown>;
      expect(stored).toMatchObject({
        status: 'committed',
        committedThrough: 2101,
        claimToken: null,
      });
      const lines = reportLines(await report(preview.body.id)).slice(1);
      expect(lines).toHaveLength(2100);
      expect(lines[1498]).toMatch(/^1500,ordered1499@example\.com,failed,/);
      const others = lines.filter((_, index) => index !== 1498);
      expect(others.every((line) => /^\d+,ordered\d+@example\.com,created,$/.test(line))).toBe(
        true
      );
    } finally {
      writer.insertMany = insertMany;
    }
    expect(progress).toEqual([1000, 2000, 2100]);
    expect(await countUsers('ordered')).toBe(2099);
  }, 120_000);

  it.each(BULK_WRITES)(
    'writes an imported user %s as a one-at-a-time create would: every column the same but its own',
    (way) => writingInBulk(app.strapi, way, () => writesAsOneCreateWould(way))
  );

  const writesAsOneCreateWould = async (way: string) => {
    // The import's users go as JSON with the create-many lifecycles run by the plugin
    // (create-many-as-json.ts), or through the Query Engine's createMany on MariaDB before 10.6:
    // defaults, origin and timestamps must not differ from a one-at-a-time create.
    const key = way === 'as JSON' ? 'json' : 'values';
    const preview = await upload(
      file('same-row.csv', `email,locale\nsame-imported-${key}@example.com,da\n`)
    );
    expect((await commit(preview.body.id)).body).toMatchObject({ created: 1 });
    const writer = app.strapi.plugin('user-communication').service('user-writer');
    const roleId = await writer.defaultRoleId();
    await writer.create(
      {
        email: `same-created-${key}@example.com`,
        username: `same-created-${key}`,
        locale: 'da',
        blocked: null,
        attributes: {},
      },
      { origin: 'excel', roleId }
    );
    const table = app.strapi.db.metadata.get(USERS).tableName;
    const [imported, created] = await Promise.all(
      [`same-imported-${key}@example.com`, `same-created-${key}@example.com`].map(
        async (email) =>
          (await app.strapi.db.connection(table).where({ email }).first()) as Record<
            string,
            unknown
          >
      )
    );
    const own = [
      'id',
      'document_id',
      'email',
      'username',
      'created_at',
      'updated_at',
      'published_at',
    ];
    const rest = (row: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(row).filter(([column]) => !own.includes(column)));
    expect(rest(imported)).toEqual(rest(created));
    expect(imported).toMatchObject({ origin: 'excel', locale: 'da' });
    for (const column of ['created_at', 'updated_at', 'published_at']) {
      // A Date from PostgreSQL and MySQL, milliseconds from SQLite.
      const written = new Date(imported[column] as Date | number).getTime();
      expect(Math.abs(written - Date.now())).toBeLessThan(60_000);
    }
    const [importedUser, createdUser] = await Promise.all(
      [`same-imported-${key}@example.com`, `same-created-${key}@example.com`].map((email) =>
        app.strapi.db.query(USERS).findOne({ where: { email }, populate: ['role'] })
      )
    );
    expect(importedUser.role.id).toBe(roleId);
    expect(createdUser.role.id).toBe(roleId);
  };

  it("keeps a project's create-many lifecycle working: what it adds is written, a relation it sets is dropped as createMany drops it", async () => {
    const unsubscribe = app.strapi.db.lifecycles.subscribe({
      models: [USERS],
      beforeCreateMany(event: { params: { data: Array<Record<string, unknown>> } }) {
        for (const row of event.params.data) Object.assign(row, { confirmed: true, role: 1 });
      },
    } as Parameters<typeof app.strapi.db.lifecycles.subscribe>[0]);
    try {
      const preview = await upload(file('lifecycle.csv', 'email\nlifecycle-user@example.com\n'));
      expect((await commit(preview.body.id)).body).toMatchObject({ created: 1, failed: [] });
    } finally {
      unsubscribe();
    }
    expect(await findUser(app, 'lifecycle-user@example.com')).toMatchObject({
      confirmed: true,
      origin: 'excel',
    });
  });

  it('updates existing users when the admin chooses so, and reports every row', async () => {
    const first = await upload(
      file('update-1.csv', 'email,locale\nupd1@example.com,en\nupd2@example.com,en\n')
    );
    expect((await commit(first.body.id)).body).toMatchObject({ created: 2 });

    // An admin blocked upd2; a sheet that says nothing about blocking must not unblock it.
    await app.strapi.db
      .query(USERS)
      .update({ where: { email: 'upd2@example.com' }, data: { blocked: true } });
    const unsaid = await upload(file('update-unsaid.csv', 'email,locale\nupd2@example.com,da\n'));
    expect((await commit(unsaid.body.id, { updateExisting: true })).body).toMatchObject({
      updated: 1,
    });
    expect(await findUser(app, 'upd2@example.com')).toMatchObject({ locale: 'da', blocked: true });

    const second = await upload(
      file(
        'update-2.csv',
        'Email;Locale;Blocked\nupd1@example.com;da;yes\nupd3@example.com;da;\nnot-an-address;en;\n'
      )
    );
    expect(second.body).toMatchObject({ rows: 3, valid: 2, create: 1, existing: 1, skip: 1 });
    const committed = await commit(second.body.id, { updateExisting: true });
    expect(committed.body).toMatchObject({ created: 1, updated: 1, skipped: 0 });
    expect(await findUser(app, 'upd1@example.com')).toMatchObject({
      locale: 'da',
      blocked: true,
      origin: 'excel',
    });

    const csv = await report(second.body.id);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(
      csv.body
        .replace(/^\uFEFF/, '')
        .split('\r\n')
        .filter(Boolean)
    ).toEqual([
      'row,email,outcome,detail',
      '2,upd1@example.com,updated,',
      '3,upd3@example.com,created,',
      '4,not-an-address,invalid,"Invalid e-mail address ""not-an-address"""',
    ]);
  });

  it('keeps formula-looking cells as data and neutralises them in the report', async () => {
    const preview = await upload(
      file(
        'formulas.csv',
        'email,username\n=cmd@example.com,\nsafe@example.com,"=HYPERLINK(""x"")"\n+1-evil@example.com,\n'
      )
    );
    expect(preview.body).toMatchObject({ rows: 3, valid: 3 });
    const csv = await report(preview.body.id);
    expect(csv.body).toContain("'=cmd@example.com");
    expect(csv.body).toContain("'+1-evil@example.com");
    await commit(preview.body.id);
    expect((await findUser(app, 'safe@example.com')).username).toBe('=HYPERLINK("x")');
    expect(csv.body).not.toMatch(/(^|,)=/m);
  });

  it('reads UTF-8 with a BOM and Latin-1 alike', async () => {
    const bom = await upload(
      file('bom.csv', '\uFEFFemail,username\nbom-user@example.com,Søren Ærø\n')
    );
    const latin = await upload(
      file(
        'latin1.csv',
        Buffer.from('email,username\nlatin-user@example.com,Jørgen Ærø\n', 'latin1')
      )
    );
    for (const response of [bom, latin]) expect(response.body).toMatchObject({ rows: 1, valid: 1 });
    await commit(bom.body.id);
    await commit(latin.body.id);
    expect((await findUser(app, 'bom-user@example.com')).username).toBe('Søren Ærø');
    expect((await findUser(app, 'latin-user@example.com')).username).toBe('Jørgen Ærø');
  });

  it('refuses unusable files with a 400 a person can act on, creating nothing', async () => {
    const cases: Array<[string, string | Buffer, RegExp]> = [
      [
        'prose.xlsx',
        'Dear admin, here are the users you asked for.\nRegards',
        /no "email" column/i,
      ],
      [
        'random.xlsx',
        Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x00, 0x10, 0x80, 0x00, 0x00]),
        /not a spreadsheet/i,
      ],
      [
        'encrypted.xlsx',
        Buffer.concat([
          Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
          Buffer.alloc(512),
        ]),
        /encrypted/i,
      ],
      ['empty.csv', '', /empty/i],
      [
        'truncated.xlsx',
        Buffer.from('PK\u0003\u0004garbage'),
        /damaged|corrupt|could not be read/i,
      ],
    ];
    for (const [name, content, message] of cases) {
      const response = await upload(file(name, content));
      expect({ name, status: response.status }).toEqual({ name, status: 400 });
      expect(response.body.error.message).toMatch(message);
      expect(response.body.error.message).not.toMatch(/at .*\.js/);
    }
    // A zip bomb: 300 MB of shared strings packed into a few hundred KB.
    const bomb = zipBuffer([
      ...workbookParts({ sharedStrings: true }),
      {
        name: 'xl/worksheets/sheet1.xml',
        data: sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'),
      },
      {
        name: 'xl/sharedStrings.xml',
        deflated: await deflateRepeated(
          Buffer.alloc(1024 * 1024, 'a'),
          300,
          '<sst><si><t>',
          '</t></si></sst>'
        ),
      },
    ]);
    const bombed = await upload(file('bomb.xlsx', bomb));
    expect(bombed.status).toBe(400);
    expect(bombed.body.error.message).toMatch(/expands to more than 200 MB/);

    const headerOnly = await upload(file('header.csv', 'email,username\n'));
    expect(headerOnly.body).toMatchObject({ rows: 0, valid: 0, create: 0 });

    const unknownAttribute = await upload(
      file('attr.csv', 'email,attr:shoeSize\nshoe@example.com,42\n')
    );
    expect(unknownAttribute.status).toBe(400);
    expect(unknownAttribute.body.error.message).toMatch(/"attr:shoeSize" name no user attribute/);

    const missing = await app
      .http()
      .post('/user-communication/imports')
      .set('Authorization', admin.auth)
      .send({});
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/form field "file"/);
  });

  it('refuses a file over the row limit before writing anything', async () => {
    app.strapi.config.set('plugin::user-communication.import.maxRows', 50);
    try {
      const sheet = path.join(dir, 'too-many.xlsx');
      await writeUsersXlsx(sheet, 60, {
        row: (index) => [`limit${index}@example.com`, '', 'en', 'no'],
      });
      const response = await upload(sheet);
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(/more than 50 rows/);
      expect(await countUsers('limit')).toBe(0);
    } finally {
      app.strapi.config.set('plugin::user-communication.import.maxRows', 100_000);
    }
  });

  it('serves the template sheet and answers 403 to a role without the permission', async () => {
    const template = await app
      .http()
      .get('/user-communication/imports/template.xlsx')
      .set('Authorization', admin.auth)
      .buffer(true)
      .parse((res, done) => {
        const parts: Buffer[] = [];
        res.on('data', (chunk: Buffer) => parts.push(chunk));
        res.on('end', () => done(null, Buffer.concat(parts)));
      });
    expect(template.status).toBe(200);
    expect((template.body as Buffer).subarray(0, 2).toString()).toBe('PK');

    const limited = await createAdmin(app, { roleIds: [await createAdminRole(app)] });
    expect(
      (await upload(file('denied.csv', 'email\ndenied@example.com\n'), {}, limited)).status
    ).toBe(403);
    expect(
      (
        await app
          .http()
          .get('/user-communication/imports/template.xlsx')
          .set('Authorization', limited.auth)
      ).status
    ).toBe(403);
    expect(
      (await app.http().get('/user-communication/imports/999999').set('Authorization', admin.auth))
        .status
    ).toBe(404);
  });
});
