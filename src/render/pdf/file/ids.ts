/**
 * Structure element identifiers (`ID`, ISO 32000-1, 14.7.2) and what refers to them: a table
 * cell's `Headers` attribute names the IDs of its header cells (14.8.5.7), and a `Note` must
 * have one (PDF/UA-1, 7.9).
 *
 * Chromium names a header cell after its DOM node (`node00000021`), from a counter of the
 * renderer process: the same document printed after another one gets other names, and two
 * parts printed apart (`print-parts.ts`) can give the same name to different cells. So a file
 * that joins pages of several files takes each file's IDs under a scope of its own
 * (`scopeIds`, in `graft.ts`), and the finished file's IDs are numbered again in document
 * order (`settleIds`): the same book gives the same IDs, however it was printed, and every
 * `Headers` entry names a cell of the same file.
 */
import {PDFArray, PDFDict, PDFHexString, PDFName, PDFRef, PDFString, type PDFContext, type PDFDocument, type PDFObject} from 'pdf-lib'
import {arrayOf, name, textOf} from './objects.ts'

/** An element's attribute dictionaries (`A`: one, or an array of them with revision numbers). */
function attributes(context: PDFContext, element: PDFDict): PDFDict[] {
  return arrayOf(context, element.get(name('A'))).flatMap((item) => {
    const resolved = context.lookup(item)
    return resolved instanceof PDFDict ? [resolved] : []
  })
}

/** Each `Headers` array in an element's attributes. */
function headerLists(context: PDFContext, element: PDFDict): PDFArray[] {
  return attributes(context, element).flatMap((dict) => {
    const headers = context.lookup(dict.get(name('Headers')))
    return headers instanceof PDFArray ? [headers] : []
  })
}

/**
 * A copied element's ID and its `Headers` entries, put under `scope` (the attributes are the
 * copy's own: `graft.ts` copies them). `seen` keeps attribute arrays shared by several
 * elements from taking the scope twice.
 */
export function scopeIds(context: PDFContext, element: PDFDict, scope: string, seen: Set<PDFArray>): void {
  const id = textOf(context.lookup(element.get(name('ID'))))
  if (id !== undefined) element.set(name('ID'), PDFHexString.fromText(scope + id))
  for (const list of headerLists(context, element)) {
    if (seen.has(list)) continue
    seen.add(list)
    replaceItems(
      list,
      list.asArray().map((item) => {
        const header = textOf(context.lookup(item))
        return header === undefined ? item : PDFHexString.fromText(scope + header)
      })
    )
  }
}

/**
 * The file's IDs numbered in document order (`note-N` for notes, which all get one, `id-N`
 * for the rest), each `Headers` entry renamed to match (or dropped when it names no element
 * of this file), and the `IDTree` that finds an element by its ID.
 */
export function settleIds(document: PDFDocument): void {
  const {context} = document
  const root = context.lookup(document.catalog.get(name('StructTreeRoot')))
  if (!(root instanceof PDFDict)) return
  const roleMap = context.lookup(root.get(name('RoleMap')))
  const typeOf = (element: PDFDict) => {
    const type = element.get(name('S'))
    const mapped = roleMap instanceof PDFDict && type instanceof PDFName ? roleMap.get(type) : undefined
    return mapped ?? type
  }
  const elements: Array<{element: PDFDict; ref: PDFRef}> = []
  const seen = new Set<PDFDict>()
  const walk = (value: PDFObject | undefined): void => {
    for (const kid of arrayOf(context, value)) {
      if (!(kid instanceof PDFRef)) continue
      const element = context.lookup(kid)
      if (!(element instanceof PDFDict) || seen.has(element)) continue
      const type = element.get(name('Type'))
      if (type === name('MCR') || type === name('OBJR')) continue
      seen.add(element)
      elements.push({element, ref: kid})
      walk(element.get(name('K')))
    }
  }
  walk(root.get(name('K')))

  const renamed = new Map<string, string>()
  const named: Array<[string, PDFRef]> = []
  let notes = 0
  let others = 0
  for (const {element, ref} of elements) {
    const old = textOf(context.lookup(element.get(name('ID'))))
    const note = typeOf(element) === name('Note')
    if (old === undefined && !note) continue
    const id = note ? `note-${++notes}` : `id-${++others}`
    if (old !== undefined && !renamed.has(old)) renamed.set(old, id)
    element.set(name('ID'), PDFString.of(id))
    named.push([id, ref])
  }
  const done = new Set<PDFArray>()
  for (const {element} of elements) {
    for (const dict of attributes(context, element)) {
      const list = context.lookup(dict.get(name('Headers')))
      if (!(list instanceof PDFArray) || done.has(list)) continue
      done.add(list)
      const headers = list.asArray().flatMap((item) => {
        const id = renamed.get(textOf(context.lookup(item)) ?? '')
        return id ? [PDFString.of(id)] : []
      })
      // Headers that name nothing are left out: the cell falls back on its header cells' Scope.
      if (headers.length === 0) dict.delete(name('Headers'))
      else replaceItems(list, headers)
    }
  }

  // Chromium's tree goes from the file too, not only from the root: it names the renderer's
  // counter, which would make the file depend on what the renderer printed before.
  dropNameTree(context, root.get(name('IDTree')))
  if (named.length === 0) root.delete(name('IDTree'))
  else {
    named.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    root.set(name('IDTree'), context.register(context.obj({Names: named.flatMap(([id, ref]) => [PDFString.of(id), ref])})))
  }
}

/** A name tree's objects, its kids' first. */
function dropNameTree(context: PDFContext, node: PDFObject | undefined): void {
  if (!(node instanceof PDFRef)) return
  const dict = context.lookup(node)
  if (dict instanceof PDFDict) for (const kid of arrayOf(context, dict.get(name('Kids')))) dropNameTree(context, kid)
  context.delete(node)
}

function replaceItems(list: PDFArray, items: PDFObject[]): void {
  while (list.size() > 0) list.remove(0)
  for (const item of items) list.push(item)
}
