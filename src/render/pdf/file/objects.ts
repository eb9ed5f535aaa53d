/**
 * Reading pdf-lib's objects the way every file step needs them: arrays that may be direct or
 * referenced, numbers, strings, and the name and number trees (`Names`, `Nums`, `Kids`) that
 * destinations and the structure's ParentTree are kept in.
 */
import {PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFContext, type PDFObject} from 'pdf-lib'

export const name = (value: string) => PDFName.of(value)

/** The items of an array (resolved when referenced); a lone object as one item; nothing for `undefined`. */
export function arrayOf(context: PDFContext, value: PDFObject | undefined): PDFObject[] {
  if (value === undefined) return []
  const resolved = value instanceof PDFRef ? context.lookup(value) : value
  if (resolved instanceof PDFArray) return resolved.asArray()
  return [value]
}

export function refOf(value: PDFObject | undefined): PDFRef | undefined {
  return value instanceof PDFRef ? value : undefined
}

export function numberOf(value: PDFObject | undefined): number | undefined {
  return value instanceof PDFNumber ? value.asNumber() : undefined
}

/** An array of numbers (a box, a matrix, widths); an item that is not a number reads 0. */
export function numbers(context: PDFContext, value: PDFObject | undefined): number[] {
  return arrayOf(context, value).map((item) => numberOf(context.lookup(item)) ?? 0)
}

export function textOf(value: PDFObject | undefined): string | undefined {
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined
}

/**
 * The leaves of a name tree (`leaves: 'Names'`, keys are strings) or a number tree
 * (`'Nums'`, keys are numbers), in order, at most 32 levels of `Kids` deep.
 */
export function treeEntries<Key>(
  context: PDFContext,
  node: PDFObject | undefined,
  leaves: 'Names' | 'Nums',
  keyOf: (value: PDFObject | undefined) => Key | undefined
): Map<Key, PDFObject> {
  const found = new Map<Key, PDFObject>()
  const walk = (value: PDFObject | undefined, depth: number) => {
    const dict = context.lookup(value)
    if (!(dict instanceof PDFDict) || depth > 32) return
    const pairs = arrayOf(context, dict.get(name(leaves)))
    for (let index = 0; index + 1 < pairs.length; index += 2) {
      const key = keyOf(pairs[index])
      if (key !== undefined) found.set(key, pairs[index + 1]!)
    }
    for (const kid of arrayOf(context, dict.get(name('Kids')))) walk(kid, depth + 1)
  }
  walk(node, 0)
  return found
}
