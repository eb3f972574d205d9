// Two projects: fast unit specs beside the code, and HTTP end-to-end specs against a real
// database (SQLite by default, PostgreSQL when DATABASE_URL says so).
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] };
module.exports = {
  // Here, not in a project: Jest ignores testTimeout inside `projects` (e2e specs hash passwords
  // with scrypt and boot the app; 5 s is too short on a busy machine).
  testTimeout: 60000,
  // One test file at a time (two cores), but in a worker process recycled once its heap passes
  // 1 GB after a file: run in band, as Jest does for one worker, the heap grew past 4 GB over the
  // suite and the last files ran three times slower than the first (CI 2,396 s).
  workerIdleMemoryLimit: '1GB',
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/src/**/*.spec.ts'],
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
    },
    {
      // Real Chromium against the app on a real port (SQLite only: `npm test`, not `test:pg`).
      displayName: 'browser',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
    },
  ],
};
