#!/usr/bin/env node
'use strict';

/**
 * Proves that src/plugins/user-communication is publishable on its own:
 *
 *   1. compiles the plugin's server part and `npm pack`s the plugin folder (its `prepack`
 *      script compiles again), then checks what the tarball ships;
 *   2. writes a fresh, minimal JavaScript Strapi 5 app to <repo>/.tmp/pack-app/ whose
 *      config/plugins.js only says `'user-communication': { enabled: true }` (no `resolve`);
 *   3. `npm install`s the tarball into that app for real;
 *   4. boots the app (NODE_ENV=test) and checks that the plugin was discovered from the
 *      app's node_modules and works (content type, user extension, settings service, route);
 *   5. prints one success line and exits 0, or lists what failed and exits 1.
 *
 * Usage:  npm run test:pack [-- --admin] [-- --keep]
 *   --admin  also runs `strapi build` in the fresh app, proving the admin half (TS sources
 *            shipped in admin/src, resolved through the package's "./strapi-admin" export)
 *            bundles from the installed package. Slower (~1 min on 2 cores), so not the default.
 *   --keep   leaves .tmp/pack-app and the tarball in place for inspection.
 *
 * Why the app lives inside the repo: a fresh app needs @strapi/strapi, better-sqlite3 etc.
 * Installing those from the registry again takes minutes (better-sqlite3 alone compiles
 * from source for ~1 min here). Under <repo>/.tmp/ Node's module resolution walks up to the
 * repo root's node_modules and finds them, while the plugin itself is installed into the
 * app's own node_modules from the tarball — the only thing under test.
 *
 * The script re-executes itself with `--boot <appDir>` to boot Strapi in a child process
 * (see bootChild below for why).
 */

const { spawn, spawnSync } = require('node:child_process');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const PLUGIN_DIR = path.join(REPO_ROOT, 'src', 'plugins', 'user-communication');
const APP_DIR = path.join(REPO_ROOT, '.tmp', 'pack-app');
const PLUGIN_PKG = JSON.parse(fs.readFileSync(path.join(PLUGIN_DIR, 'package.json'), 'utf8'));
const PACKAGE_NAME = PLUGIN_PKG.name; // strapi-plugin-user-communication
const PLUGIN_ID = PLUGIN_PKG.strapi.name; // user-communication
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const BOOT_TIMEOUT_MS = 180_000;
const ADMIN_BUILD_TIMEOUT_MS = 600_000;

// ---------------------------------------------------------------------------------------
// helpers

const failures = [];
const check = (label, fn) => {
  try {
    fn();
  } catch (error) {
    failures.push(`${label}: ${error && error.message ? error.message : String(error)}`);
  }
};

const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
const log = (message) => process.stdout.write(`[pack] ${message}\n`);

/**
 * Environment for nested npm commands. When this script runs under `npm run test:pack`,
 * npm exports its own state (npm_config_local_prefix=<repo>, npm_package_*, npm_lifecycle_*);
 * the nested `npm pack` / `npm install` must work out their own project from their cwd.
 */
const childEnv = (extra = {}) => {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (
      /^npm_(package_|lifecycle_)/i.test(key) ||
      /^npm_(config_local_prefix|config_call|command|execpath|node_execpath)$/i.test(key)
    ) {
      delete env[key];
    }
  }
  return { ...env, ...extra };
};

/** Runs a command synchronously; throws with its output if it fails. */
const run = (command, args, { cwd, env, timeout = 300_000 } = {}) => {
  const result = spawnSync(command, args, {
    cwd,
    env: env ?? childEnv(),
    encoding: 'utf8',
    timeout,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw new Error(`${command} ${args.join(' ')}: ${result.error.message}`);
  if (result.status !== 0) {
    throw new Error(
      `\`${command} ${args.join(' ')}\` (in ${path.relative(REPO_ROOT, cwd ?? REPO_ROOT) || '.'}) exited with ${result.status}\n` +
        `${result.stdout}\n${result.stderr}`.trim()
    );
  }
  return result.stdout;
};

const writeFile = (relativePath, content) => {
  const file = path.join(APP_DIR, relativePath);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
};

// ---------------------------------------------------------------------------------------
// 1. build + pack

const buildAndPack = (packDir) => {
  // Same as `npx tsc -p src/plugins/user-communication/server/tsconfig.json`, but without
  // npx's "download it if it is not installed" fallback.
  const tsc = require.resolve('typescript/bin/tsc', { paths: [REPO_ROOT] });
  run(process.execPath, [tsc, '-p', path.join(PLUGIN_DIR, 'server', 'tsconfig.json')], {
    cwd: REPO_ROOT,
  });

  // `npm pack` runs the plugin's `prepack` (`npm run build` → `tsc -p server/tsconfig.json`).
  // The plugin folder has no node_modules of its own: npm puts the node_modules/.bin of every
  // ancestor directory on PATH, so that `tsc` is the repo root's typescript.
  run(NPM, ['pack', '--pack-destination', packDir, '--loglevel=warn'], { cwd: PLUGIN_DIR });
  const tarballs = fs.readdirSync(packDir).filter((name) => name.endsWith('.tgz'));
  assert.equal(
    tarballs.length,
    1,
    `expected one tarball in ${packDir}, found ${tarballs.join(', ') || 'none'}`
  );
  return path.join(packDir, tarballs[0]);
};

const checkTarball = (tarball) => {
  const entries = run('tar', ['-tzf', tarball])
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => line.replace(/^package\//, ''));

  for (const required of [
    'package.json',
    'dist/server/src/index.js',
    'dist/shared/contracts/settings.js',
    'admin/src/index.ts',
    'shared/contracts/settings.ts',
  ]) {
    check(`tarball contains ${required}`, () => assert.ok(entries.includes(required), 'missing'));
  }
  const forbidden = [
    ['server/src (TypeScript sources of the server)', (entry) => entry.startsWith('server/')],
    [
      'TypeScript sources outside admin/src and shared/ (which the admin bundle compiles)',
      (entry) =>
        /\.(ts|tsx|mts|cts)$/.test(entry) &&
        !/\.d\.(ts|mts|cts)$/.test(entry) &&
        !entry.startsWith('admin/src/') &&
        !entry.startsWith('shared/'),
    ],
    [
      'tests',
      (entry) =>
        /(^|\/)(tests?|__tests__|__mocks__)\//.test(entry) ||
        /\.(test|spec)\.[cm]?[jt]sx?$/.test(entry),
    ],
    ['.tsbuildinfo', (entry) => entry.endsWith('.tsbuildinfo')],
    ['node_modules', (entry) => entry.includes('node_modules/')],
    ['nested tarballs', (entry) => entry.endsWith('.tgz')],
  ];
  for (const [label, matches] of forbidden) {
    const found = entries.filter(matches);
    check(`tarball does not contain ${label}`, () =>
      assert.deepEqual(found, [], `found ${found.slice(0, 5).join(', ')}`)
    );
  }
  return entries;
};

// ---------------------------------------------------------------------------------------
// 2. the fresh app

const ROOT_PKG = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));

/**
 * The host packages a create-strapi-app app lists. They are already installed at the repo
 * root, so they are only added to the app's package.json *after* `npm install` (which would
 * otherwise fetch them again). They must be listed, though: Strapi discovers installed plugins
 * — @strapi/plugin-users-permissions as much as ours — from the app's package.json
 * dependencies (those whose package.json has strapi.kind === 'plugin').
 */
const HOST_DEPENDENCIES = ['@strapi/strapi', '@strapi/plugin-users-permissions', 'better-sqlite3'];
const ADMIN_DEPENDENCIES = ['react', 'react-dom', 'react-router-dom', 'styled-components'];

const APP_PACKAGE_JSON = {
  name: 'pack-app',
  private: true,
  version: '0.0.0',
  description: 'Throw-away Strapi app created by tests/scripts/pack-install.js',
  dependencies: { [PACKAGE_NAME]: PLUGIN_PKG.version },
  strapi: { uuid: false, telemetryDisabled: true },
};

const addAppDependencies = (names) => {
  const file = path.join(APP_DIR, 'package.json');
  const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
  for (const name of names) pkg.dependencies[name] = ROOT_PKG.dependencies[name];
  fs.writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
};

const createApp = () => {
  fs.rmSync(APP_DIR, { recursive: true, force: true });
  fs.mkdirSync(APP_DIR, { recursive: true });
  writeFile('package.json', `${JSON.stringify(APP_PACKAGE_JSON, null, 2)}\n`);
  writeFile(
    'config/database.js',
    `const path = require('path');

module.exports = () => ({
  connection: {
    client: 'sqlite',
    connection: { filename: path.join(__dirname, '..', '.tmp', 'data.db') },
    useNullAsDefault: true,
  },
});
`
  );
  writeFile(
    'config/server.js',
    `module.exports = ({ env }) => ({
  host: env('HOST', '127.0.0.1'),
  port: env.int('PORT', 1337),
  app: { keys: ['pack-app-key-1', 'pack-app-key-2'] },
});
`
  );
  writeFile(
    'config/admin.js',
    `module.exports = ({ env }) => ({
  auth: { secret: 'pack-app-admin-jwt-secret' },
  apiToken: { salt: 'pack-app-api-token-salt' },
  transfer: { token: { salt: 'pack-app-transfer-token-salt' } },
  secrets: { encryptionKey: 'pack-app-encryption-key-0123456789' },
  serveAdminPanel: env.bool('SERVE_ADMIN', false),
});
`
  );
  writeFile(
    'config/plugins.js',
    `module.exports = () => ({
  // Installed from the tarball: no \`resolve\`, Strapi finds it through package.json dependencies.
  '${PLUGIN_ID}': { enabled: true },
  'users-permissions': { config: { jwtSecret: 'pack-app-users-permissions-jwt-secret' } },
});
`
  );
  writeFile(
    'config/middlewares.js',
    `module.exports = [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  'strapi::cors',
  'strapi::poweredBy',
  'strapi::query',
  'strapi::body',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];
`
  );
  writeFile('public/uploads/.gitkeep', '');
  writeFile(
    'src/index.js',
    `module.exports = {
  register() {},
  bootstrap() {},
};
`
  );
};

// ---------------------------------------------------------------------------------------
// 3. install the tarball

const installTarball = (tarball) => {
  // --legacy-peer-deps: without it npm (7+) builds the full peer tree — @strapi/strapi and its
  // hundreds of dependencies — even with --omit=peer (omit only skips *writing* them), and with
  // the registry reachable here that fails outright (`ETARGET @strapi/admin@5.55.1`, see
  // shared notes §0). With it npm installs exactly the tarball and its one runtime dependency
  // (luxon); the peers are the host app's business and are found in the repo's node_modules.
  run(
    NPM,
    [
      'install',
      tarball,
      '--no-save',
      '--no-package-lock',
      '--omit=peer',
      '--legacy-peer-deps',
      '--ignore-scripts',
      '--no-audit',
      '--no-fund',
      '--loglevel=warn',
    ],
    { cwd: APP_DIR }
  );

  const installed = path.join(APP_DIR, 'node_modules', PACKAGE_NAME);
  check('plugin installed as a real folder in the app', () => {
    assert.ok(
      fs.existsSync(path.join(installed, 'package.json')),
      `${installed}/package.json missing`
    );
    assert.ok(
      !fs.lstatSync(installed).isSymbolicLink(),
      'is a symlink (would point back to src/plugins)'
    );
  });
  check('runtime dependency luxon installed next to it', () =>
    assert.ok(
      fs.existsSync(path.join(APP_DIR, 'node_modules', 'luxon', 'package.json')),
      'node_modules/luxon missing'
    )
  );
  check('package.json exports point at shipped files', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'));
    const targets = new Set();
    const collect = (value) => {
      if (typeof value === 'string') targets.add(value);
      else if (value && typeof value === 'object') Object.values(value).forEach(collect);
    };
    collect(pkg.exports);
    const missing = [...targets].filter((target) => !fs.existsSync(path.join(installed, target)));
    // "types" of the server entry is fine to check too: the declarations are shipped.
    assert.deepEqual(missing, [], `missing: ${missing.join(', ')}`);
  });
  return installed;
};

// ---------------------------------------------------------------------------------------
// 4. boot (child process)

/**
 * Why a child process with NODE_PATH: @strapi/core looks installed plugins up with a plain
 * `require('<dependency>/package.json')` from its own location, and the admin builder does
 * `require.resolve('<dependency>/strapi-admin')` from @strapi/strapi's. In a real app those
 * packages live in the app's node_modules, next to the plugin. Here they live in the repo
 * root's node_modules, which is not an ancestor of .tmp/pack-app/node_modules, so NODE_PATH
 * adds the app's node_modules as a fallback lookup folder (the repo root does not contain the
 * plugin, which is checked below, so the installed copy is the only one Node can find).
 * NODE_PATH is only read when a Node process starts, hence the child.
 */
const appEnv = (extra = {}) =>
  childEnv({
    NODE_PATH: [path.join(APP_DIR, 'node_modules'), process.env.NODE_PATH]
      .filter(Boolean)
      .join(path.delimiter),
    NODE_ENV: 'test',
    STRAPI_TELEMETRY_DISABLED: 'true',
    BROWSER: 'false',
    HOST: '127.0.0.1',
    PORT: '0',
    ...extra,
  });

const bootChild = () =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [__filename, '--boot', APP_DIR], {
      cwd: APP_DIR,
      env: appEnv(),
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    let output = '';
    let report = null;
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('message', (message) => (report = message));
    const timer = setTimeout(() => {
      output += `\n[pack] boot timed out after ${BOOT_TIMEOUT_MS / 1000} s, killing pid ${child.pid}`;
      child.kill('SIGKILL');
    }, BOOT_TIMEOUT_MS);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, output, report });
    });
  });

/** Runs inside the child: boots the fresh app and checks the plugin. */
const bootAndInspect = async (appDir) => {
  const results = { failures: [], passed: [] };
  const expect = async (label, fn) => {
    try {
      await fn();
      results.passed.push(label);
    } catch (error) {
      results.failures.push(`${label}: ${error && error.message ? error.message : String(error)}`);
    }
  };
  const installedDir = path.join(appDir, 'node_modules', PACKAGE_NAME);
  const realInstalledDir = fs.realpathSync(installedDir);

  // Resolve Strapi exactly as the fresh app would: from the app directory.
  const { createStrapi } = require(require.resolve('@strapi/strapi', { paths: [appDir] }));
  const request = require(require.resolve('supertest', { paths: [REPO_ROOT] }));

  let strapi;
  try {
    strapi = await createStrapi({ appDir, distDir: appDir }).load();
    strapi.server.mount();

    await expect(`plugin '${PLUGIN_ID}' is loaded`, () =>
      assert.ok(strapi.plugin(PLUGIN_ID), 'strapi.plugin() returned nothing')
    );

    await expect('plugin server code came from the installed package', () => {
      const loaded = Object.keys(require.cache);
      const fromPackage = loaded.filter((file) =>
        file.startsWith(path.join(realInstalledDir, 'dist', 'server') + path.sep)
      );
      const fromSource = loaded.filter((file) => file.startsWith(PLUGIN_DIR + path.sep));
      assert.ok(fromPackage.length > 0, `nothing loaded from ${realInstalledDir}/dist/server`);
      assert.deepEqual(fromSource, [], 'files were loaded from src/plugins/user-communication');
    });

    await expect(`content type plugin::${PLUGIN_ID}.setting exists`, () =>
      assert.ok(strapi.contentType(`plugin::${PLUGIN_ID}.setting`), 'not registered')
    );

    await expect('users-permissions user has the origin attribute', () => {
      const user = strapi.contentType('plugin::users-permissions.user');
      assert.ok(user && user.attributes.origin, 'attribute missing');
      assert.equal(user.attributes.origin.type, 'enumeration');
    });

    await expect('settings service returns the defaults', async () => {
      const settings = await strapi.plugin(PLUGIN_ID).service('settings').get();
      // Expected values come from the installed package itself, so this follows the plugin.
      const model = require(
        path.join(realInstalledDir, 'dist', 'server', 'src', 'services', 'settings-model.js')
      );
      assert.deepEqual(settings, model.toSettings(model.DEFAULT_ROW));
      assert.equal(
        settings.activation.linkLifetimeDays,
        14,
        'activation links must last 14 days by default'
      );
    });

    await expect('GET /user-communication/settings without a token answers 401', async () => {
      const response = await request(strapi.server.httpServer).get(`/${PLUGIN_ID}/settings`);
      assert.equal(response.status, 401, `got ${response.status} ${JSON.stringify(response.body)}`);
    });
  } catch (error) {
    results.failures.push(`boot: ${error && error.stack ? error.stack : String(error)}`);
  } finally {
    if (strapi) {
      try {
        await strapi.destroy();
      } catch (error) {
        results.failures.push(`destroy: ${error && error.message ? error.message : String(error)}`);
      }
    }
  }
  return results;
};

// ---------------------------------------------------------------------------------------
// optional: admin build

const buildAdmin = () => {
  // `strapi build` refuses to run unless the app declares the admin's React peers
  // (shared notes §0); add them now — after `npm install`, so npm never fetches them —
  // with the versions the repo root uses (they resolve from its node_modules).
  addAppDependencies(ADMIN_DEPENDENCIES);

  // Not `npx strapi build`: the strapi CLI looks for a tsconfig.json in the app directory
  // *and its ancestors* (ts.findConfigFile), finds the repo's own tsconfig.json above
  // .tmp/pack-app and treats the fresh JavaScript app as a TypeScript one ("No inputs were
  // found"). An artefact of the app living inside the repo, so the child calls the same
  // build function the CLI calls, with no tsconfig — what the CLI passes in a real JS app.
  run(process.execPath, [__filename, '--build-admin', APP_DIR], {
    cwd: APP_DIR,
    env: appEnv({ NODE_ENV: 'production' }),
    timeout: ADMIN_BUILD_TIMEOUT_MS,
  });

  // The generated entry imports the package by name; the bundle must contain the plugin.
  const appEntry = path.join(APP_DIR, '.strapi', 'client', 'app.js');
  check('admin entry imports the installed package', () => {
    const source = fs.readFileSync(appEntry, 'utf8');
    assert.ok(
      source.includes(`${PACKAGE_NAME}/strapi-admin`),
      `${appEntry} does not import ${PACKAGE_NAME}/strapi-admin`
    );
  });
  check('admin bundle contains the plugin', () => {
    const buildDir = [path.join(APP_DIR, 'dist', 'build'), path.join(APP_DIR, 'build')].find(
      (dir) => fs.existsSync(dir)
    );
    assert.ok(buildDir, 'no build output (dist/build or build)');
    const files = [];
    const walk = (dir) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith('.js')) files.push(full);
      }
    };
    walk(buildDir);
    const bundle = files.map((file) => fs.readFileSync(file, 'utf8')).join('\n');
    // The generated entry alone puts the id 'user-communication' into the bundle, so look for
    // strings that only the plugin's own admin code carries: its English translations (a
    // JSON chunk), else the RBAC actions its pages check.
    const translations = path.join(
      APP_DIR,
      'node_modules',
      PACKAGE_NAME,
      'admin',
      'src',
      'translations',
      'en.json'
    );
    const markers = fs.existsSync(translations)
      ? Object.values(JSON.parse(fs.readFileSync(translations, 'utf8'))).filter((value) =>
          /^[\w .,:()-]{12,}$/.test(value)
        )
      : [];
    if (markers.length === 0) markers.push(`plugin::${PLUGIN_ID}.`);
    const found = markers.filter((marker) => bundle.includes(marker));
    assert.ok(
      found.length > 0,
      `none of ${markers
        .slice(0, 3)
        .map((m) => JSON.stringify(m))
        .join(', ')}… is in ${buildDir}`
    );
  });
};

// ---------------------------------------------------------------------------------------
// main

const main = async () => {
  const args = process.argv.slice(2);
  const withAdmin = args.includes('--admin');
  const keep = args.includes('--keep');
  const started = Date.now();
  const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'uc-pack-'));
  let ok = false;

  try {
    check(
      'repo root does not contain the plugin package (it would shadow the installed copy)',
      () =>
        assert.ok(
          !fs.existsSync(path.join(REPO_ROOT, 'node_modules', PACKAGE_NAME)),
          `node_modules/${PACKAGE_NAME} exists`
        )
    );

    let stepStart = Date.now();
    const tarball = buildAndPack(packDir);
    const entries = checkTarball(tarball);
    log(`packed ${path.basename(tarball)} (${entries.length} files) in ${seconds(stepStart)}`);

    stepStart = Date.now();
    createApp();
    installTarball(tarball);
    addAppDependencies(HOST_DEPENDENCIES);
    log(`installed it into ${path.relative(REPO_ROOT, APP_DIR)} in ${seconds(stepStart)}`);

    if (failures.length === 0) {
      stepStart = Date.now();
      const { code, signal, output, report } = await bootChild();
      if (!report) {
        failures.push(
          `boot: the child exited (code ${code}, signal ${signal}) without a report\n${output.trim()}`
        );
      } else {
        failures.push(...report.failures);
        if (report.failures.length > 0 && output.trim())
          failures.push(`Strapi output:\n${output.trim()}`);
        log(
          `booted the app, ${report.passed.length} runtime checks passed in ${seconds(stepStart)}`
        );
      }
    }

    if (withAdmin && failures.length === 0) {
      stepStart = Date.now();
      buildAdmin();
      log(`admin build of the fresh app done in ${seconds(stepStart)}`);
    }
    ok = failures.length === 0;
  } catch (error) {
    failures.push(error && error.message ? error.message : String(error));
  } finally {
    if (keep) {
      log(`kept ${APP_DIR} and ${packDir}`);
    } else {
      fs.rmSync(APP_DIR, { recursive: true, force: true });
      fs.rmSync(packDir, { recursive: true, force: true });
    }
  }

  if (ok) {
    process.stdout.write(
      `pack-install OK: ${PACKAGE_NAME}@${PLUGIN_PKG.version} packed, installed into a fresh Strapi app and loaded` +
        `${withAdmin ? ' (admin bundled)' : ''} in ${seconds(started)}\n`
    );
    process.exit(0);
  }
  process.stderr.write(
    `pack-install FAILED (${seconds(started)}):\n${failures.map((f) => `  - ${f}`).join('\n')}\n`
  );
  if (!keep)
    process.stderr.write(
      '  (re-run with `npm run test:pack -- --keep` to inspect .tmp/pack-app)\n'
    );
  process.exit(1);
};

/** Runs inside the child: `strapi build` of the fresh JS app (see buildAdmin). */
const buildAdminChild = async (appDir) => {
  const strapiDir = path.dirname(
    require.resolve('@strapi/strapi/package.json', { paths: [appDir] })
  );
  // Internal modules of @strapi/strapi 5.54 (dist/cli.js wires them the same way).
  const { build } = require(path.join(strapiDir, 'dist', 'src', 'node', 'build.js'));
  const { createLogger } = require(
    path.join(strapiDir, 'dist', 'src', 'cli', 'utils', 'logger.js')
  );
  await build({
    cwd: appDir,
    logger: createLogger({ debug: false, silent: false, timestamp: false }),
    tsconfig: undefined,
    bundler: 'vite',
    minify: true,
    sourcemap: false,
    stats: false,
  });
};

if (process.argv[2] === '--build-admin') {
  buildAdminChild(path.resolve(process.argv[3]))
    .then(() => process.exit(0))
    .catch((error) => {
      process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
      process.exit(1);
    });
} else if (process.argv[2] === '--boot') {
  bootAndInspect(path.resolve(process.argv[3]))
    .then((results) => new Promise((resolve) => process.send(results, resolve)))
    .then(() => process.exit(0))
    .catch((error) => {
      process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
      process.exit(1);
    });
} else {
  main();
}
