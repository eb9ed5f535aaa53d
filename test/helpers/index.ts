export * from './fixtures.ts'
export * from './run.ts'
