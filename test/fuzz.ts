/**
 * `npm run fuzz [-- CASES [FIRST_SEED]]`: a few thousand seeded mutations of the default pack
 * (`helpers/fuzz.ts`); prints each failure with its seed and the counts, exits 1 on any.
 */
import {fuzzCase} from './helpers/fuzz.ts'

const cases = Number(process.argv[2] ?? 3000)
const first = Number(process.argv[3] ?? 1)
const counts = new Map<string, number>()
for (let seed = first; seed < first + cases; seed++) {
  const outcome = await fuzzCase(seed)
  counts.set(String(outcome.status), (counts.get(String(outcome.status)) ?? 0) + 1)
  if (outcome.status === 'crash' || outcome.status === 'partial' || outcome.status === 'slow') console.log(`seed ${seed}: ${outcome.status} ${outcome.detail}`)
}
console.log(`${cases} cases from seed ${first}: ${[...counts].map(([status, count]) => `${count} × ${status}`).join(', ')}`)
process.exitCode = [...counts.keys()].some((status) => !['0', '1', '2'].includes(status)) ? 1 : 0
