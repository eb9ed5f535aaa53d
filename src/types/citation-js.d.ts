/**
 * The part of citation-js's API Folio uses. Version 0.8 (the last for Node 20) ships no
 * types; 0.9 does but needs Node 22.
 */
declare module '@citation-js/core' {
  export const plugins: {
    config: {get(plugin: string): unknown}
    input: {chain(data: unknown, options: Record<string, unknown>): unknown}
  }
  export const logger: {level: string}
}

declare module '@citation-js/plugin-bibtex'
