/**
 * Joining tagged PDFs: pages of one PDF copied into another with everything that makes them
 * accessible and navigable — their structure elements (pruned to the pages taken), the
 * ParentTree entries that tie marked content (MCIDs) and annotations to those elements,
 * the link annotations whose targets come along, and the bookmarks that point into them.
 *
 * pdf-lib's `copyPages` copies the drawing only: the structure tree, the ParentTree keys and
 * the outline stay behind, so a merged file is untagged (what pdfpages, qpdf and PDFsam do
 * too). This module is the one place that knows how a tagged page is wired; PDF readings
 * (a source file's pages placed in the pack), per-reading files (the pack's pages cut out)
 * and sheets printed in parallel all go through it.
 */
import {
  PDFArray,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFNull,
  PDFNumber,
  PDFObjectCopier,
  PDFPage,
  PDFRawStream,
  PDFRef,
  PDFString,
  decodePDFRawStream,
  type PDFContext,
  type PDFDocument,
  type PDFObject
} from 'pdf-lib'
import {scopeIds} from './ids.ts'
import {arrayOf, name, numberOf, numbers, refOf, textOf, treeEntries} from './objects.ts'

/** A bookmark of the source that points into the pages taken. */
export interface GraftedBookmark {
  title: string
  /** 0 for the source's top-level bookmarks. */
  depth: number
  /** Index into `Grafted.pages`. */
  page: number
  /** Where it points on that page, in the source page's user space (points), when it says. */
  y: number | undefined
}

export interface Grafted {
  /** The copies, in the order asked for; not yet in the target's page tree. */
  pages: PDFPage[]
  /** The copied structure elements that have no copied parent, in document order. */
  elements: PDFRef[]
  /** The source's bookmarks into the pages taken, in order, with their nesting. */
  outline: GraftedBookmark[]
  /** Whether the source has a structure tree (is tagged). */
  tagged: boolean
}

/**
 * Copy pages `indices` (0-based, in that order) of `source` into `target`'s objects, with
 * their structure, ParentTree entries, links and bookmarks. The pages are returned, not
 * inserted: the caller places them (`target.insertPage`) and puts `elements` where they
 * belong in its structure tree (`appendStructure`). The elements keep their IDs, under
 * `idScope` when the target holds IDs of other files (`ids.ts`).
 */
export function graftPages(source: PDFDocument, target: PDFDocument, indices: number[], idScope = ''): Grafted {
  const copier = PDFObjectCopier.for(source.context, target.context)
  const sourcePages = source.getPages()
  const taken = indices.map((index) => {
    const page = sourcePages[index]
    if (!page) throw new RangeError(`Unexpected page index ${index}, expected 0 to ${sourcePages.length - 1}`)
    return page
  })
  const takenRefs = new Set(taken.map((page) => page.ref.toString()))
  const names = namesOnce(source)
  const pageMap = new Map<string, PDFRef>()
  const annotationMap = new Map<string, PDFRef>()

  // Annotations are copied apart from their page: a link to a page not taken would pull that
  // page (and what it draws) into the target through the copier, so such links are dropped.
  const copies = taken.map((page) => {
    const annotations = page.node.get(name('Annots'))
    page.node.delete(name('Annots'))
    const ref = copier.copy(page.ref) as PDFRef
    if (annotations) page.node.set(name('Annots'), annotations)
    pageMap.set(page.ref.toString(), ref)
    return {page, ref}
  })
  for (const {page, ref} of copies) {
    const kept = PDFArray.withContext(target.context)
    for (const annotationRef of arrayOf(source.context, page.node.get(name('Annots')))) {
      const annotation = source.context.lookup(annotationRef)
      if (!(annotation instanceof PDFDict)) continue
      const subtype = annotation.get(name('Subtype'))
      // Form fields belong to the source's AcroForm, which does not come along.
      if (subtype === name('Widget') || subtype === name('Popup')) continue
      const copy = annotation.clone(source.context)
      copy.delete(name('Popup'))
      copy.delete(name('Parent'))
      copy.delete(name('P'))
      if (subtype === name('Link')) {
        const destination = linkDestination(source, annotation, names)
        if (destination === 'external') {
          // A URI or other action: kept as it is.
        } else if (destination && takenRefs.has(destination.page.toString())) {
          copy.delete(name('A'))
          copy.set(name('Dest'), destination.array)
        } else continue
      }
      const copied = copier.copy(copy) as PDFDict
      copied.set(name('P'), ref)
      const copiedRef = target.context.register(copied)
      kept.push(copiedRef)
      if (annotationRef instanceof PDFRef) annotationMap.set(annotationRef.toString(), copiedRef)
    }
    const node = target.context.lookup(ref, PDFDict)
    if (kept.size() > 0) node.set(name('Annots'), kept)
    else node.delete(name('Annots'))
  }

  const tagged = source.catalog.get(name('StructTreeRoot')) !== undefined
  const elements = tagged ? copyStructure(source, target, copier, pageMap, annotationMap, copies, idScope) : []
  if (!tagged) for (const {ref} of copies) target.context.lookup(ref, PDFDict).delete(name('StructParents'))

  const pages = copies.map(({ref}) => PDFPage.of(target.context.lookup(ref) as never, ref, target))
  const pageIndex = new Map(copies.map(({page}, index) => [page.ref.toString(), index]))
  return {pages, elements, outline: sourceOutline(source, pageIndex, names), tagged}
}

/**
 * The structure elements with content on the pages taken, and their ancestors, copied with
 * their attributes; content on other pages is left out. Each copied page gets a fresh key
 * in the target's ParentTree, as does each copied annotation that had one.
 */
function copyStructure(
  source: PDFDocument,
  target: PDFDocument,
  copier: PDFObjectCopier,
  pageMap: Map<string, PDFRef>,
  annotationMap: Map<string, PDFRef>,
  copies: Array<{page: PDFPage; ref: PDFRef}>,
  idScope: string
): PDFRef[] {
  const from = source.context
  const root = from.lookup(source.catalog.get(name('StructTreeRoot')))
  if (!(root instanceof PDFDict)) return []
  const elementMap = new Map<string, PDFRef>()
  const scopedLists = new Set<PDFArray>()

  /** A copy of `ref` holding only kept content, or undefined when nothing of it is kept. */
  const copyElement = (ref: PDFRef, inheritedPage: PDFRef | undefined, parent: PDFRef | undefined): PDFRef | undefined => {
    const element = from.lookup(ref)
    if (!(element instanceof PDFDict)) return undefined
    const page = refOf(element.get(name('Pg'))) ?? inheritedPage
    const newRef = target.context.nextRef()
    const kids: PDFObject[] = []
    for (const kid of arrayOf(from, element.get(name('K')))) {
      const copied = copyKid(kid, page, newRef)
      if (copied) kids.push(copied)
    }
    if (kids.length === 0) return undefined
    const copy = target.context.obj({}) as PDFDict
    for (const [key, value] of element.entries()) {
      // Parent, kids and page are rewired below.
      if (['P', 'K', 'Pg'].includes(key.decodeText())) continue
      copy.set(key, copier.copy(value))
    }
    if (idScope) scopeIds(target.context, copy, idScope, scopedLists)
    const mappedPage = page ? pageMap.get(page.toString()) : undefined
    if (mappedPage) copy.set(name('Pg'), mappedPage)
    if (parent) copy.set(name('P'), parent)
    copy.set(name('K'), kids.length === 1 ? kids[0]! : target.context.obj(kids))
    target.context.assign(newRef, copy)
    elementMap.set(ref.toString(), newRef)
    return newRef
  }

  const copyKid = (kid: PDFObject, page: PDFRef | undefined, parent: PDFRef): PDFObject | undefined => {
    if (kid instanceof PDFNumber) {
      const mapped = page ? pageMap.get(page.toString()) : undefined
      return mapped ? kid : undefined
    }
    const ref = kid instanceof PDFRef ? kid : undefined
    const value = ref ? from.lookup(ref) : kid
    if (!(value instanceof PDFDict)) return undefined
    const type = value.get(name('Type'))
    if (type === name('MCR')) {
      const mcrPage = refOf(value.get(name('Pg'))) ?? page
      const mapped = mcrPage ? pageMap.get(mcrPage.toString()) : undefined
      if (!mapped) return undefined
      const mcr = target.context.obj({Type: 'MCR', Pg: mapped, MCID: value.get(name('MCID')) ?? PDFNumber.of(0)}) as PDFDict
      const stream = value.get(name('Stm'))
      if (stream) mcr.set(name('Stm'), copier.copy(stream))
      return mcr
    }
    if (type === name('OBJR')) {
      const object = refOf(value.get(name('Obj')))
      const mapped = object ? annotationMap.get(object.toString()) : undefined
      if (!mapped) return undefined
      const objectPage = refOf(value.get(name('Pg'))) ?? page
      const mappedPage = objectPage ? pageMap.get(objectPage.toString()) : undefined
      return target.context.obj({Type: 'OBJR', Obj: mapped, ...(mappedPage ? {Pg: mappedPage} : {})})
    }
    return ref ? copyElement(ref, page, parent) : undefined
  }

  const elements: PDFRef[] = []
  for (const kid of arrayOf(from, root.get(name('K')))) {
    if (!(kid instanceof PDFRef)) continue
    const copied = copyElement(kid, undefined, undefined)
    if (copied) elements.push(copied)
  }

  // ParentTree: a page's entry lists the element of each MCID; an annotation's, its element.
  const parentTree = numberTree(from, root.get(name('ParentTree')))
  const mapEntry = (entry: PDFObject | undefined): PDFObject => {
    const ref = refOf(entry)
    return (ref && elementMap.get(ref.toString())) ?? PDFNull
  }
  const entries: Array<[number, PDFObject]> = []
  const tree = structTreeRoot(target)
  let nextKey = nextParentTreeKey(target, tree)
  for (const {page, ref} of copies) {
    const node = target.context.lookup(ref, PDFDict)
    const key = numberOf(page.node.get(name('StructParents')))
    if (key === undefined) continue
    const entry = parentTree.get(key)
    const list = entry === undefined ? [] : arrayOf(from, entry)
    entries.push([nextKey, target.context.obj(list.map(mapEntry))])
    node.set(name('StructParents'), PDFNumber.of(nextKey++))
    for (const annotationRef of arrayOf(target.context, node.get(name('Annots')))) {
      const annotation = target.context.lookup(annotationRef)
      if (!(annotation instanceof PDFDict)) continue
      const annotationKey = numberOf(annotation.get(name('StructParent')))
      if (annotationKey === undefined) continue
      entries.push([nextKey, mapEntry(parentTree.get(annotationKey))])
      annotation.set(name('StructParent'), PDFNumber.of(nextKey++))
    }
  }
  addParentTreeEntries(target, tree, entries, nextKey)
  mergeMaps(source, target, root, tree, copier)
  return elements
}

/** The target's structure tree root, made (with MarkInfo) when the file has none. */
export function structTreeRoot(document: PDFDocument): PDFDict {
  const existing = document.context.lookup(document.catalog.get(name('StructTreeRoot')))
  if (existing instanceof PDFDict) return existing
  const parentTree = document.context.register(document.context.obj({Nums: []}))
  const root = document.context.obj({Type: 'StructTreeRoot', ParentTree: parentTree, ParentTreeNextKey: 0}) as PDFDict
  document.catalog.set(name('StructTreeRoot'), document.context.register(root))
  document.catalog.set(name('MarkInfo'), document.context.obj({Marked: true}))
  return root
}

/**
 * Put grafted elements under `parent` (a structure element of the target), after its own
 * kids; without a parent, at the top of the target's tree.
 */
export function appendStructure(document: PDFDocument, parent: PDFRef | undefined, elements: PDFRef[]): void {
  const root = structTreeRoot(document)
  const holder = parent ? document.context.lookup(parent, PDFDict) : root
  const holderRef = parent ?? document.context.getObjectRef(root)!
  const kids = arrayOf(document.context, holder.get(name('K')))
  // A source's Document element does not nest inside another document: its kids come over.
  const added = parent ? elements.flatMap((element) => unwrapDocument(document, element)) : elements
  for (const element of added) document.context.lookup(element, PDFDict).set(name('P'), holderRef)
  holder.set(name('K'), document.context.obj([...kids, ...added]))
}

function unwrapDocument(document: PDFDocument, ref: PDFRef): PDFRef[] {
  const element = document.context.lookup(ref, PDFDict)
  if (element.get(name('S')) !== name('Document')) return [ref]
  const kids = arrayOf(document.context, element.get(name('K')))
  if (kids.every((kid) => kid instanceof PDFRef && document.context.lookup(kid, PDFDict).get(name('Type')) !== name('MCR'))) {
    document.context.delete(ref)
    return kids as PDFRef[]
  }
  element.set(name('S'), name('Div'))
  return [ref]
}

/**
 * Take a page's content out of the structure: its MCIDs leave their elements, elements
 * left empty leave their parents, and its ParentTree entry goes. For a page about to be
 * replaced, whose drawing is kept only as an artifact.
 */
export function removePageStructure(document: PDFDocument, page: PDFPage): void {
  const context = document.context
  const root = context.lookup(document.catalog.get(name('StructTreeRoot')))
  if (!(root instanceof PDFDict)) return
  const pageKey = page.ref.toString()
  const prune = (holder: PDFDict, inherited: PDFRef | undefined): boolean => {
    const own = refOf(holder.get(name('Pg'))) ?? inherited
    const kept: PDFObject[] = []
    for (const kid of arrayOf(context, holder.get(name('K')))) {
      if (kid instanceof PDFNumber) {
        if (own?.toString() !== pageKey) kept.push(kid)
        continue
      }
      const value = kid instanceof PDFRef ? context.lookup(kid) : kid
      if (!(value instanceof PDFDict)) continue
      const type = value.get(name('Type'))
      if (type === name('MCR') || type === name('OBJR')) {
        if ((refOf(value.get(name('Pg'))) ?? own)?.toString() !== pageKey) kept.push(kid)
        continue
      }
      if (prune(value, own)) kept.push(kid)
    }
    if (kept.length === 0) {
      holder.delete(name('K'))
      return false
    }
    holder.set(name('K'), kept.length === 1 && holder !== root ? kept[0]! : context.obj(kept))
    return true
  }
  prune(root, undefined)
  const key = numberOf(page.node.get(name('StructParents')))
  if (key !== undefined) {
    const entries = numberTree(context, root.get(name('ParentTree')))
    entries.delete(key)
    writeParentTree(document, root, entries)
  }
  page.node.delete(name('StructParents'))
}

/**
 * The last structure element with role `role` that has content on `page`: the element a
 * grafted tree goes under (Chromium makes one per page for an element cut across pages).
 */
export function findElement(document: PDFDocument, page: PDFPage, role: string): PDFRef | undefined {
  const context = document.context
  const root = context.lookup(document.catalog.get(name('StructTreeRoot')))
  if (!(root instanceof PDFDict)) return undefined
  const pageKey = page.ref.toString()
  let found: PDFRef | undefined
  const onPage = (holder: PDFDict, inherited: PDFRef | undefined): boolean => {
    const own = refOf(holder.get(name('Pg'))) ?? inherited
    let any = false
    for (const kid of arrayOf(context, holder.get(name('K')))) {
      if (kid instanceof PDFNumber) {
        any ||= own?.toString() === pageKey
        continue
      }
      const value = kid instanceof PDFRef ? context.lookup(kid) : kid
      if (!(value instanceof PDFDict)) continue
      const type = value.get(name('Type'))
      if (type === name('MCR') || type === name('OBJR')) {
        any ||= (refOf(value.get(name('Pg'))) ?? own)?.toString() === pageKey
        continue
      }
      const inside = onPage(value, own)
      if (inside && kid instanceof PDFRef && value.get(name('S')) === name(role)) found = kid
      any ||= inside
    }
    return any
  }
  onPage(root, undefined)
  return found
}

/**
 * Map a page's drawing and its annotations by the matrix [a b c d e f] and give it a new
 * media box: how a page of another size is fitted to the pack's paper.
 */
export function transformPage(page: PDFPage, matrix: readonly [number, number, number, number, number, number], size: {width: number; height: number}): void {
  const context = page.doc.context
  const [a, b, c, d, e, f] = matrix
  const before = context.register(context.stream(`q ${[a, b, c, d, e, f].map(format).join(' ')} cm\n`))
  const after = context.register(context.stream('\nQ\n'))
  const contents = arrayOf(context, page.node.get(name('Contents')))
  page.node.set(name('Contents'), context.obj([before, ...contents, after]))
  for (const box of ['CropBox', 'BleedBox', 'TrimBox', 'ArtBox']) page.node.delete(name(box))
  page.node.delete(name('Rotate'))
  page.node.set(name('MediaBox'), context.obj([0, 0, size.width, size.height]))
  const point = (x: number, y: number): [number, number] => [a * x + c * y + e, b * x + d * y + f]
  for (const ref of arrayOf(context, page.node.get(name('Annots')))) {
    const annotation = context.lookup(ref)
    if (!(annotation instanceof PDFDict)) continue
    const rect = numbers(context, annotation.get(name('Rect')))
    if (rect.length === 4) {
      const [x0, y0] = point(rect[0]!, rect[1]!)
      const [x1, y1] = point(rect[2]!, rect[3]!)
      annotation.set(name('Rect'), context.obj([Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1)].map(round)))
    }
    const quads = numbers(context, annotation.get(name('QuadPoints')))
    if (quads.length > 0) {
      const mapped: number[] = []
      for (let index = 0; index + 1 < quads.length; index += 2) mapped.push(...point(quads[index]!, quads[index + 1]!).map(round))
      annotation.set(name('QuadPoints'), context.obj(mapped))
    }
  }
}

/**
 * A page's drawing as a form XObject of the same document, with its marked content made
 * plain (MCIDs would claim a place in the structure tree): what the pack prints around a
 * placed page (running head, folio) is kept this way, as an artifact.
 */
export function pageAsForm(document: PDFDocument, page: PDFPage): PDFRef {
  const context = document.context
  const parts: string[] = []
  for (const ref of arrayOf(context, page.node.get(name('Contents')))) {
    const stream = context.lookup(ref)
    if (stream instanceof PDFRawStream) parts.push(Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1'))
  }
  const plain = parts.join('\n').replace(/\/[^\s<>/[\]()]+\s*<<\s*\/MCID\s+\d+\s*>>\s*BDC/g, '/Span BMC')
  const box = numbers(context, page.node.get(name('MediaBox')))
  const resources = page.node.get(name('Resources')) ?? context.obj({})
  return context.register(
    context.flateStream(Buffer.from(plain, 'latin1'), {
      Type: 'XObject',
      Subtype: 'Form',
      BBox: box.length === 4 ? box : [0, 0, page.getWidth(), page.getHeight()],
      Resources: resources
    })
  )
}

/**
 * Draw `form` under what `page` draws, as a pagination artifact (ISO 32000-1, 14.8.2.2):
 * readers skip it, and the page's own content keeps its structure.
 */
export function drawUnder(page: PDFPage, form: PDFRef, resourceName: string): void {
  const context = page.doc.context
  const resources = (context.lookup(page.node.get(name('Resources'))) as PDFDict | undefined)?.clone(context) ?? (context.obj({}) as PDFDict)
  const xObjects = (context.lookup(resources.get(name('XObject'))) as PDFDict | undefined)?.clone(context) ?? (context.obj({}) as PDFDict)
  xObjects.set(name(resourceName), form)
  resources.set(name('XObject'), xObjects)
  page.node.set(name('Resources'), resources)
  const under = context.register(context.stream(`q /Artifact <</Type /Pagination>> BDC /${resourceName} Do EMC Q\n`))
  page.node.set(name('Contents'), context.obj([under, ...arrayOf(context, page.node.get(name('Contents')))]))
}

// --- bookmarks -------------------------------------------------------------------------

function sourceOutline(source: PDFDocument, pageIndex: Map<string, number>, names: Names): GraftedBookmark[] {
  const context = source.context
  const outlines = context.lookup(source.catalog.get(name('Outlines')))
  if (!(outlines instanceof PDFDict)) return []
  const found: GraftedBookmark[] = []
  const seen = new Set<string>()
  const walk = (first: PDFObject | undefined, depth: number, within: number): void => {
    let ref = refOf(first)
    while (ref && !seen.has(ref.toString())) {
      seen.add(ref.toString())
      const item = context.lookup(ref)
      if (!(item instanceof PDFDict)) return
      const destination = resolveDestination(source, item.get(name('Dest')) ?? goToTarget(context, item.get(name('A'))), names)
      const index = destination ? pageIndex.get(destination.page.toString()) : undefined
      // Bookmarks into pages not taken go; their children may still point inside.
      const title = textOf(item.get(name('Title')))
      if (index !== undefined && title) found.push({title, depth, page: index, y: destination!.top})
      walk(item.get(name('First')), index !== undefined && title ? depth + 1 : depth, within)
      ref = refOf(item.get(name('Next')))
    }
  }
  walk(outlines.get(name('First')), 0, 0)
  return found
}

export interface Destination {
  page: PDFRef
  array: PDFArray
  top: number | undefined
}

/** Where a link goes: a page of this file, somewhere else ('external'), or nowhere. */
function linkDestination(source: PDFDocument, annotation: PDFDict, names: Names): Destination | 'external' | undefined {
  const context = source.context
  const dest = annotation.get(name('Dest'))
  if (dest) return resolveDestination(source, dest, names)
  const action = context.lookup(annotation.get(name('A')))
  if (!(action instanceof PDFDict)) return undefined
  if (action.get(name('S')) !== name('GoTo')) return 'external'
  return resolveDestination(source, action.get(name('D')), names)
}

function goToTarget(context: PDFContext, action: PDFObject | undefined): PDFObject | undefined {
  const value = context.lookup(action)
  return value instanceof PDFDict && value.get(name('S')) === name('GoTo') ? value.get(name('D')) : undefined
}

/**
 * The named destinations of a file, read from its trees once for all the lookups of one
 * graft: a part's links name their targets, and reading the tree again for each link made
 * joining a 700-page book's parts take a quarter of a second longer.
 */
type Names = () => Map<string, PDFObject>

function namesOnce(source: PDFDocument): Names {
  let names: Map<string, PDFObject> | undefined
  return () => (names ??= namedDestinations(source))
}

/** An explicit destination, following named ones (the catalog's Dests or the Names tree, in `names`). */
function resolveDestination(source: PDFDocument, dest: PDFObject | undefined, names: Names): Destination | undefined {
  const context = source.context
  let value = context.lookup(dest)
  if (value instanceof PDFString || value instanceof PDFHexString || value instanceof PDFName) {
    const key = value instanceof PDFName ? value.decodeText() : value.decodeText()
    value = context.lookup(names().get(key))
  }
  if (value instanceof PDFDict) value = context.lookup(value.get(name('D')))
  if (!(value instanceof PDFArray)) return undefined
  const page = value.get(0)
  if (!(page instanceof PDFRef)) return undefined
  const mode = value.get(1)
  const topAt = mode === name('XYZ') ? 3 : mode === name('FitH') || mode === name('FitBH') ? 2 : mode === name('FitR') ? 5 : -1
  const top = topAt >= 0 ? numberOf(context.lookup(value.get(topAt))) : undefined
  return {page, array: value, top}
}

/** Every named destination of `document` with the page it is on (ids the print document's links pointed at). */
export function destinationsByName(document: PDFDocument): Map<string, Destination> {
  const found = new Map<string, Destination>()
  const names = namedDestinations(document)
  for (const [key, value] of names) {
    const destination = resolveDestination(document, value, () => names)
    if (destination) found.set(key, destination)
  }
  return found
}

function namedDestinations(source: PDFDocument): Map<string, PDFObject> {
  const context = source.context
  const found = new Map<string, PDFObject>()
  const old = context.lookup(source.catalog.get(name('Dests')))
  if (old instanceof PDFDict) for (const [key, value] of old.entries()) found.set(key.decodeText(), value)
  const names = context.lookup(source.catalog.get(name('Names')))
  if (names instanceof PDFDict) for (const [key, value] of treeEntries(context, names.get(name('Dests')), 'Names', textOf)) found.set(key, value)
  return found
}

// --- number trees and maps ---------------------------------------------------------------

function numberTree(context: PDFContext, node: PDFObject | undefined): Map<number, PDFObject> {
  return treeEntries(context, node, 'Nums', numberOf)
}

function nextParentTreeKey(document: PDFDocument, root: PDFDict): number {
  const declared = numberOf(root.get(name('ParentTreeNextKey'))) ?? 0
  const keys = [...numberTree(document.context, root.get(name('ParentTree'))).keys()]
  return Math.max(declared, ...keys.map((key) => key + 1))
}

function addParentTreeEntries(document: PDFDocument, root: PDFDict, entries: Array<[number, PDFObject]>, nextKey: number): void {
  const all = numberTree(document.context, root.get(name('ParentTree')))
  for (const [key, value] of entries) all.set(key, value)
  writeParentTree(document, root, all)
  root.set(name('ParentTreeNextKey'), PDFNumber.of(Math.max(nextKey, numberOf(root.get(name('ParentTreeNextKey'))) ?? 0)))
}

/** One flat, sorted number tree: entries are few enough (a page's, an annotation's). */
function writeParentTree(document: PDFDocument, root: PDFDict, entries: Map<number, PDFObject>): void {
  const context = document.context
  const nums: PDFObject[] = []
  for (const key of [...entries.keys()].sort((x, y) => x - y)) {
    const value = entries.get(key)!
    // Arrays are indirect so the tree stays small to rewrite.
    nums.push(PDFNumber.of(key), value instanceof PDFArray ? context.register(value) : value)
  }
  root.set(name('ParentTree'), context.register(context.obj({Nums: nums})))
}

/** The source's RoleMap and ClassMap entries the target lacks (roles of custom tags). */
function mergeMaps(source: PDFDocument, target: PDFDocument, from: PDFDict, to: PDFDict, copier: PDFObjectCopier): void {
  for (const key of ['RoleMap', 'ClassMap']) {
    const theirs = source.context.lookup(from.get(name(key)))
    if (!(theirs instanceof PDFDict)) continue
    const ours = (target.context.lookup(to.get(name(key))) as PDFDict | undefined) ?? (target.context.obj({}) as PDFDict)
    for (const [entry, value] of theirs.entries()) if (!ours.has(entry)) ours.set(entry, copier.copy(value))
    to.set(name(key), ours)
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000
}

function format(value: number): string {
  return String(round(value))
}
