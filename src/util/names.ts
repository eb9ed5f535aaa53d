/**
 * Names that must not clash (ids in a document, files in a package): the first taker keeps
 * the name, the next get `-2`, `-3`, …
 */
export function uniqueName(base: string, taken: {has(name: string): boolean}, suffix = ''): string {
  let name = base
  for (let n = 2; taken.has(name + suffix); n++) name = `${base}-${n}`
  return name
}
