// One jest run for the whole repo: unit tests beside the code, end-to-end tests under tests/.
// globalSetup starts one real PostgreSQL; each test file creates its own databases on it.
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }] },
  testMatch: ['<rootDir>/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/.data/'],
  // .data holds the bench's baseline checkouts (npm run bench -- --baseline): never modules of this one.
  modulePathIgnorePatterns: ['<rootDir>/.data/'],
  globalSetup: '<rootDir>/tests/kit/global-setup.mjs',
  globalTeardown: '<rootDir>/tests/kit/global-teardown.mjs',
  maxWorkers: 2,
  testTimeout: 120_000,
};
