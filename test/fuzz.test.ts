/**
 * A short run of the fuzzer (`npm run fuzz` runs thousands): mutated default packs end in
 * 0, 1 or 2, in time, with nothing partial written.
 */
import {describe, expect, it} from 'vitest'
import {fuzzCase} from './helpers/fuzz.ts'

describe('fuzzing the default pack', () => {
  it('ends every mutated build with 0, 1 or 2 and nothing partial', async () => {
    const outcomes = []
    for (let seed = 1; seed <= 30; seed++) outcomes.push(await fuzzCase(seed, 30_000))
    expect(outcomes.filter((outcome) => ![0, 1, 2].includes(outcome.status as number))).toEqual([])
    // The mutations must reach both sides: some builds succeed, some are refused.
    expect(outcomes.some((outcome) => outcome.status === 0)).toBe(true)
    expect(outcomes.some((outcome) => outcome.status === 1)).toBe(true)
  }, 300_000)
})
