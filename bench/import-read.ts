/**
 * Reading an uploaded user list, before any database work: visitUserSheet + userRowMapper, as the
 * import's preview reads it (row by row, the sheet never held whole), over an
 * N-row file (default 100,000) as .xlsx with inline strings, .xlsx with shared strings, and CSV.
 * Each file is read in a fresh child process, so every peak RSS is that read's alone; the
 * process's RSS before reading is printed beside it. Target: peak RSS far under 400 MB.
 *
 *   node --import tsx bench/import-read.ts import-read [N]
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { visitUserSheet } from '../src/plugins/user-communication/server/src/import/read-sheet';
import { userRowMapper } from '../src/plugins/user-communication/server/src/import/user-rows';
import { USER_HEADERS, defaultUserRow, writeUsersXlsx } from '../tests/helpers/spreadsheets';

const N = Number(process.env.BENCH_N ?? process.argv[3] ?? 100_000);
const MB = 1048576;

/** Child process: reads one file and reports time and memory to the parent. */
const measureOne = async (filePath: string) => {
  const idle = process.memoryUsage().rss;
  let peak = idle;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  const started = performance.now();
  const mapper = userRowMapper();
  await visitUserSheet(
    filePath,
    { maxBytes: 100 * MB, maxRows: N },
    { headers: (headers) => mapper.headers(headers), row: (row) => void mapper.row(row) }
  );
  const mapped = mapper.finish();
  const total = performance.now() - started;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  process.send?.(
    `read and mapped in ${(total / 1000).toFixed(2)} s (${Math.round(N / (total / 1000)).toLocaleString('en')} rows/s), ` +
      `peak RSS ${(peak / MB).toFixed(0)} MB (${(idle / MB).toFixed(0)} MB before), ` +
      `${mapped.rows.length.toLocaleString('en')} valid rows`
  );
};

const inChild = (filePath: string) =>
  new Promise<string>((resolve, reject) => {
    const child = fork(__filename, ['measure', filePath], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, BENCH_N: String(N) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let answer = '';
    child.on('message', (message) => {
      answer = String(message);
    });
    child.on('exit', (code) =>
      answer ? resolve(answer) : reject(new Error(`measurement exited with ${code}`))
    );
  });

const main = async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uc-bench-import-'));
  try {
    console.log(`import-read benchmark: N = ${N.toLocaleString('en')} rows`);
    const inline = path.join(dir, 'inline.xlsx');
    const shared = path.join(dir, 'shared.xlsx');
    const csv = path.join(dir, 'users.csv');
    await writeUsersXlsx(inline, N);
    await writeUsersXlsx(shared, N, { useSharedStrings: true });
    const lines = [USER_HEADERS.join(',')];
    for (let index = 1; index <= N; index += 1) lines.push(defaultUserRow(index).join(','));
    fs.writeFileSync(csv, `${lines.join('\r\n')}\r\n`);
    for (const [label, filePath] of [
      ['xlsx, inline strings', inline],
      ['xlsx, shared strings', shared],
      ['csv                 ', csv],
    ]) {
      console.log(
        `  ${label}  ${(fs.statSync(filePath).size / MB).toFixed(1)} MB file: ${await inChild(filePath)}`
      );
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
};

if (process.argv[2] === 'measure') {
  measureOne(process.argv[3]).then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    }
  );
} else {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
