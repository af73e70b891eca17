/** Three tiers (STYLE.md): unit specs beside the code, per-service integration tests, system tests in test/. */
const moduleNameMapper = {
  '^@app/contracts(|/.*)$': '<rootDir>/libs/contracts/src$1',
  '^@app/platform(|/.*)$': '<rootDir>/libs/platform/src$1',
  '^@app/testing(|/.*)$': '<rootDir>/libs/testing/src$1',
};
// Types are checked once by `npm run typecheck`; with isolatedModules (tsconfig) ts-jest only transpiles.
const transform = { '^.+\\.ts$': 'ts-jest' };
const project = (displayName, testMatch, extra = {}) => ({
  displayName,
  testMatch,
  transform,
  moduleNameMapper,
  testEnvironment: 'node',
  setupFiles: ['reflect-metadata'],
  rootDir: __dirname,
  ...extra,
});

module.exports = {
  // Jest reads the timeout only at the top level; system tests boot whole stacks, so allow them a minute.
  testTimeout: 60_000,
  projects: [
    project('unit', [
      '<rootDir>/apps/**/*.spec.ts',
      '<rootDir>/libs/**/*.spec.ts',
      '<rootDir>/tools/**/*.spec.ts',
      '<rootDir>/test/*.spec.ts',
    ]),
    project('integration', ['<rootDir>/apps/**/*.int-spec.ts']),
    project('system', ['<rootDir>/test/**/*.e2e-spec.ts']),
  ],
};
