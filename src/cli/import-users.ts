/**
 * Operators' import: `npm run users:import -- path/to/file.xlsx [--update-existing] [--dry-run]`.
 * Boots this app's Strapi (no HTTP server) and runs the same import service as the admin page:
 * the same checks, the same commit, the same report (written next to the file).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

interface Options {
  file: string;
  updateExisting: boolean;
  dryRun: boolean;
}

const USAGE = `Usage: npm run users:import -- <file.xlsx|file.csv> [--update-existing] [--dry-run]

  --update-existing  update users whose e-mail already has an account (default: skip them)
  --dry-run          check the file and write the report, without creating or updating users

Imported users get no activation e-mail; resend it from the admin panel afterwards.`;

const parseArguments = (argv: string[]): Options => {
  const flags = argv.filter((arg) => arg.startsWith('--'));
  const files = argv.filter((arg) => !arg.startsWith('--'));
  const unknown = flags.filter(
    (flag) => !['--update-existing', '--dry-run', '--help'].includes(flag)
  );
  if (flags.includes('--help')) {
    console.log(USAGE);
    process.exit(0);
  }
  if (unknown.length > 0 || files.length !== 1) {
    console.error(
      unknown.length > 0 ? `Unknown option(s): ${unknown.join(', ')}\n` : 'Give exactly one file.\n'
    );
    console.error(USAGE);
    process.exit(2);
  }
  const file = path.resolve(files[0]);
  if (!fs.existsSync(file)) {
    console.error(`No such file: ${file}`);
    process.exit(2);
  }
  return {
    file,
    updateExisting: flags.includes('--update-existing'),
    dryRun: flags.includes('--dry-run'),
  };
};

/** A progress bar on a terminal; a line per 10% otherwise (CI logs, pipes). */
const progressBar = () => {
  let lastDecile = -1;
  return (done: number, total: number) => {
    const ratio = total === 0 ? 1 : done / total;
    if (process.stderr.isTTY) {
      const width = 30;
      const filled = Math.round(ratio * width);
      process.stderr.write(
        `\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${Math.round(ratio * 100)}% ${done}/${total}`
      );
      if (done >= total) process.stderr.write('\n');
      return;
    }
    const decile = Math.floor(ratio * 10);
    if (decile !== lastDecile) {
      lastDecile = decile;
      process.stderr.write(`${Math.round(ratio * 100)}% (${done}/${total})\n`);
    }
  };
};

/** Who ran the import, as `user@host`; a container user without a passwd entry has only a uid. */
const operator = (): string => {
  let name: string;
  try {
    name = os.userInfo().username;
  } catch {
    name = process.env.USER ?? `uid ${process.getuid?.() ?? '?'}`;
  }
  return `${name}@${os.hostname()}`;
};

const main = async () => {
  const options = parseArguments(process.argv.slice(2));
  // A one-off process: no reminder job, quiet unless something goes wrong.
  process.env.UC_CRON_ENABLED ??= 'false';
  process.env.LOG_LEVEL ??= 'warn';
  const appDir = path.resolve(__dirname, '..', '..', '..');
  const { createStrapi } = require('@strapi/strapi') as typeof import('@strapi/strapi');
  const strapi = await createStrapi({ appDir, distDir: path.join(appDir, 'dist') }).load();
  let exitCode = 0;
  try {
    const imports = strapi.plugin('user-communication').service('imports');
    let preview;
    try {
      preview = await imports.preview({
        filePath: options.file,
        fileName: path.basename(options.file),
        updateExisting: options.updateExisting,
      });
    } catch (error) {
      console.error(`The file was refused: ${(error as Error).message}`);
      exitCode = 1;
      return;
    }
    console.log(
      `${preview.fileName}: ${preview.rows} rows, ${preview.valid} valid, ${preview.rows - preview.valid} with errors`
    );
    console.log(
      `would create ${preview.create}, update ${preview.update}, skip ${preview.skip} (existing accounts: ${preview.existing})`
    );
    for (const row of preview.invalid.slice(0, 20))
      console.log(`  row ${row.row}: ${row.errors.join('; ')}`);
    if (preview.rows - preview.valid > 20)
      console.log(`  … and ${preview.rows - preview.valid - 20} more: see the report`);
    if (preview.unknownHeaders.length > 0)
      console.log(`ignored columns: ${preview.unknownHeaders.join(', ')}`);

    if (!options.dryRun) {
      const result = await imports.commit(preview.id, {
        updateExisting: options.updateExisting,
        // An operator with a shell on the server may edit any user anyway.
        updateAny: true,
        onProgress: progressBar(),
      });
      // The same trail as an admin's commit, naming the operating-system account instead.
      await strapi
        .plugin('user-communication')
        .service('audit')
        .recordCommandLineImport(preview.id, result, operator());
      console.log(
        `created ${result.created}, updated ${result.updated}, skipped ${result.skipped}, failed ${result.failed.length}`
      );
      for (const failure of result.failed.slice(0, 20))
        console.log(`  row ${failure.row}: ${failure.error}`);
      if (result.failed.length > 0) exitCode = 1;
    } else {
      console.log('dry run: nothing was written');
    }
    const reportPath = options.file.replace(/\.(xlsx|csv)$/i, '') + '.report.csv';
    fs.writeFileSync(reportPath, await imports.report(preview.id));
    console.log(`report: ${reportPath}`);
  } finally {
    await strapi.destroy();
    process.exit(exitCode);
  }
};

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
