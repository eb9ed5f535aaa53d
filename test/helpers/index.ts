export * from './fixtures.ts'
export * from './run.ts'
export * from './pdf.ts'
export * from './epub.ts'
