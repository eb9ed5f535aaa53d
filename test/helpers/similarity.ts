/**
 * How alike two texts read: the Ratcliff/Obershelp ratio (Python's `difflib`) after
 * setting aside what the issue says to set aside: quote and dash styles, spacing.
 */

/** Straight quotes, hyphens for every dash, single spaces. */
export function normalizeText(text: string): string {
  return text
    .replace(/[‘’‚‛′']/g, "'")
    .replace(/[“”„‟″"]/g, '"')
    .replace(/[‐‑‒–—―−]/g, '-')
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim()
}

/** 2·M / T, M the characters in matching blocks found by recursive longest match. */
export function similarity(a: string, b: string): number {
  const left = normalizeText(a)
  const right = normalizeText(b)
  if (left.length + right.length === 0) return 1
  return (2 * matching(left, right)) / (left.length + right.length)
}

function matching(a: string, b: string): number {
  if (a.length === 0 || b.length === 0) return 0
  // Longest common substring by dynamic programming over one row.
  let best = 0
  let bestA = 0
  let bestB = 0
  let previous = new Array<number>(b.length + 1).fill(0)
  for (let i = 1; i <= a.length; i++) {
    const current = new Array<number>(b.length + 1).fill(0)
    for (let j = 1; j <= b.length; j++) {
      if (a[i - 1] !== b[j - 1]) continue
      current[j] = previous[j - 1]! + 1
      if (current[j]! > best) {
        best = current[j]!
        bestA = i - best
        bestB = j - best
      }
    }
    previous = current
  }
  if (best === 0) return 0
  return best + matching(a.slice(0, bestA), b.slice(0, bestB)) + matching(a.slice(bestA + best), b.slice(bestB + best))
}
