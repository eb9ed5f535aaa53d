/**
 * What the command line says about the inputs and the output before anything loads: which
 * slice of the inputs to build (`--shard i/n`) and which reporter prints the result. Apart
 * from the build so that `--version` and `--help` start without loading the pipeline.
 */

export const reporters = ['text', 'json'] as const
export type Reporter = (typeof reporters)[number]

/** One of `count` slices of the inputs: `index` counts from 1. */
export interface Shard {
  index: number
  count: number
}

/** `i/n` with 1 ≤ i ≤ n, or undefined when the text is not one. */
export function parseShard(text: string): Shard | undefined {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim())
  if (!match) return undefined
  const [index, count] = [Number(match[1]), Number(match[2])]
  return index >= 1 && index <= count ? {index, count} : undefined
}

/**
 * The inputs of one shard: all of them, without repeats, sorted by path (code units, so
 * every machine sorts alike), cut into `count` contiguous slices whose sizes differ by one
 * at most, the larger first. Every input lands in exactly one slice whatever the order they were given in.
 */
export function shardInputs(inputs: string[], shard: Shard | undefined): string[] {
  const all = [...new Set(inputs)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  if (!shard) return all
  // Rounding up gives the first slices the extra inputs, so shard 1 is never the empty one.
  const start = Math.ceil(((shard.index - 1) * all.length) / shard.count)
  const end = Math.ceil((shard.index * all.length) / shard.count)
  return all.slice(start, end)
}
