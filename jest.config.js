/** @type {import('jest').Config} */
const common = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tests/tsconfig.json' }],
    // htmlparser2 (sanitize-html's parser) and its dom/entities packages, jose, and the test
    // OpenID provider (oauth2-mock-server) ship only ES modules, which jest's require() loads
    // natively only from Node 24.9 on: compiled to CommonJS here. ts-jest keeps one compiler
    // setup per jest project, whichever rule comes first, so these are compiled with
    // tests/tsconfig.json too (its target keeps their class fields native).
    '/node_modules/.+\\.m?js$': 'ts-jest',
  },
  transformIgnorePatterns: [
    '/node_modules/(?!.*/node_modules/)(?!(?:htmlparser2|domhandler|domutils|dom-serializer|domelementtype|entities|jose|oauth2-mock-server|is-plain-obj)/)',
  ],
  // A regex: anchor it so a checkout under /tmp is not ignored as a whole.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/\\.tmp/', '<rootDir>/dist/'],
  // The plugin's sources by alias (tests/tsconfig.json "paths"), not by ../../src/plugins/… .
  moduleNameMapper: {
    '^@server/(.*)$': '<rootDir>/src/plugins/user-communication/server/src/$1',
    '^@shared/(.*)$': '<rootDir>/src/plugins/user-communication/shared/$1',
  },
  modulePathIgnorePatterns: [
    '<rootDir>/\\.tmp/',
    '<rootDir>/dist/',
    '<rootDir>/src/plugins/user-communication/dist/',
  ],
};

module.exports = {
  // Jest's default, one worker fewer than the cores, is a single one on a two-core machine: one
  // core then sits idle while the other boots Strapi for the next file. Two workers at least
  // (the integration suite on SQLite: 281 s in band, 150 s with two; the browser tests still run
  // in band, by their script). Each test file has its own database, so files never share one.
  maxWorkers: Math.max(2, require('node:os').availableParallelism() - 1),
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/tests/unit/**/*.test.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/tests/integration/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/tests/setup/integration.ts'],
    },
    {
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/tests/browser/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/tests/setup/browser.ts'],
    },
  ],
};
