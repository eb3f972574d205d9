// Two projects: fast unit specs beside the code, and HTTP end-to-end specs against a real
// database (SQLite by default, PostgreSQL when DATABASE_URL says so).
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] };
module.exports = {
  // Here, not in a project: Jest ignores testTimeout inside `projects` (e2e specs hash passwords
  // with scrypt and boot the app; 5 s is too short on a busy machine).
  testTimeout: 60000,
  // Two test files at a time (they wait on databases, Chromium and child processes as much as
  // they compute), each worker recycled once its heap passes 1 GB after a file. Run in band, as
  // Jest does for one worker on two cores, one process grew past 4.5 GB and CI took 2,396 s.
  maxWorkers: 2,
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
