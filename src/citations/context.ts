/**
 * The citation state of one build: the styles and locales it read and the citeproc-js
 * engines it compiled. A build makes one and hands it to the loader and to `remarkCitations`;
 * nothing citations keep lives in a module, so two builds in one process (watch mode, several
 * packs, tests) cannot see each other's.
 */
import type {CslNode} from './citeproc.ts'
import type {EngineCache} from './engine.ts'

export interface CitationContext {
  /** Styles by name (bundled) or absolute path (`.csl` files); `undefined` when unreadable. */
  styles: Map<string, CslNode | string | undefined>
  /** Locales by the tags asked for: the same tags give the same map, so readings in one language share one engine. */
  locales: Map<string, ReadonlyMap<string, CslNode>>
  /** Engines by style and language (compiling a style costs more than citing a whole reading). */
  engines: EngineCache
  /**
   * Engines for one record's entry on its own ("how to cite this"), by style and language:
   * kept apart from the readings' engines, whose registry holds a whole reading's records,
   * which each swap to one record would empty and the next reading fill again.
   */
  entryEngines: EngineCache
}

export function createCitationContext(): CitationContext {
  return {styles: new Map(), locales: new Map(), engines: new Map(), entryEngines: new Map()}
}
