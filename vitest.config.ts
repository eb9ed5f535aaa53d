import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Tests spawn `node bin/folio.js`, which runs lib/: compile first.
    globalSetup: ['test/helpers/compile.ts'],
    // Each test file's temporary folders are removed after it.
    setupFiles: ['test/helpers/cleanup.ts'],
    // End-to-end tests start Chromium and print whole packs.
    testTimeout: 240_000,
    hookTimeout: 240_000,
    pool: 'forks'
  }
})
