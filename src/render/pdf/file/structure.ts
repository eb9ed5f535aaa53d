/**
 * The structure tree Chromium writes, made into the one PDF/UA asks for. Chromium tags from
 * the accessibility tree: every run of text is a `NonStruct` of its own, every `div` a
 * `NonStruct`, each printed page a `NonStruct` around its parts, note references are
 * `NonStruct`s around their link annotation, and running heads and page numbers are
 * content. Here:
 *
 * - the `Div`s (our marked groups, `pdf-roles.ts`) take the type the print document gave
 *   them, in order; `Artifact`s leave the tree and their content becomes artifacts;
 * - an element holding a link annotation is a `Link`;
 * - `NonStruct`s give way to what they hold, so no text sits in one;
 * - a chapter's pieces on successive pages join into one `Sect`, the notes of a page go
 *   into the chapter that cites them, and a note continued on the next page is one `Note`.
 *
 * The parent tree is rebuilt to match. When the `Div`s do not match the marked groups one
 * to one, nothing is renamed: a wrong name is worse than a vague one.
 */
import {PDFArray, PDFDict, PDFNumber, PDFRef, PDFString, PDFHexString, type PDFDocument, type PDFObject} from 'pdf-lib'
import {name} from './objects.ts'
import {markedContentBounds, type Box} from './figure-bounds.ts'

export interface StructureTag {
  role: string
  key: string
  lang: string
  /**
   * The text the element stands for, when the page shows it otherwise: a code block's lines
   * as written, which the page wraps (`ActualText`, ISO 32000-1, 14.9.4). Empty: none.
   */
  text?: string
}

/** What the tree holds after the rewrite, for the file's finisher and the tests. */
export interface StructureResult {
  /** Marked content to turn into artifacts, by page object number. */
  artifacts: Map<number, Set<number>>
  /** Whether the marked groups matched Chromium's `Div`s. */
  renamed: boolean
}

type Kid = Elem | Content | Annotation
interface Content {
  kind: 'content'
  page: PDFRef
  mcid: number
}
interface Annotation {
  kind: 'annotation'
  page: PDFRef | undefined
  annotation: PDFRef
}
interface Elem {
  kind: 'elem'
  ref: PDFRef
  dict: PDFDict
  type: string
  key: string
  kids: Kid[]
}

/** PDF 2.0 structure types Chromium writes, as the PDF 1.7 types nearest them. */
const roleMap = {Em: 'Span', Strong: 'Span', Sub: 'Span', Aside: 'Div', Title: 'P', FENote: 'Note', DocumentFragment: 'Div'}

export function rewriteStructure(document: PDFDocument, tags: StructureTag[], links: string[]): StructureResult {
  const {context} = document
  const artifacts = new Map<number, Set<number>>()
  const root = context.lookup(document.catalog.get(name('StructTreeRoot')))
  if (!(root instanceof PDFDict)) return {artifacts, renamed: false}

  const read = (object: PDFObject | undefined, page: PDFRef | undefined, into: Kid[]): void => {
    if (object === undefined) return
    if (object instanceof PDFArray) {
      for (const item of object.asArray()) read(item, page, into)
      return
    }
    if (object instanceof PDFNumber) {
      if (page) into.push({kind: 'content', page, mcid: object.asNumber()})
      return
    }
    const ref = object instanceof PDFRef ? object : undefined
    const dict = ref ? context.lookup(ref) : object
    if (!(dict instanceof PDFDict)) return
    const type = dict.get(name('Type'))
    const ownPage = dict.get(name('Pg'))
    const pg = ownPage instanceof PDFRef ? ownPage : page
    if (type === name('MCR')) {
      const mcid = dict.get(name('MCID'))
      if (pg && mcid instanceof PDFNumber) into.push({kind: 'content', page: pg, mcid: mcid.asNumber()})
      return
    }
    if (type === name('OBJR')) {
      const target = dict.get(name('Obj'))
      if (target instanceof PDFRef) into.push({kind: 'annotation', page: pg, annotation: target})
      return
    }
    if (!ref) return
    const elem: Elem = {kind: 'elem', ref, dict, type: String(dict.get(name('S')) ?? '/NonStruct').slice(1), key: '', kids: []}
    read(dict.get(name('K')), pg, elem.kids)
    into.push(elem)
  }
  const top: Kid[] = []
  read(root.get(name('K')), undefined, top)
  const documentElem = top.find((kid): kid is Elem => kid.kind === 'elem')
  if (!documentElem) return {artifacts, renamed: false}

  const elements = (list: Kid[]): Elem[] => list.flatMap((kid) => (kid.kind === 'elem' ? [kid, ...elements(kid.kids)] : []))

  // 1. The marked groups, in document order.
  const divs = elements(documentElem.kids).filter((elem) => elem.type === 'Div')
  const renamed = divs.length === tags.length
  if (renamed) {
    for (const [index, elem] of divs.entries()) {
      const tag = tags[index]!
      elem.type = tag.role
      elem.key = tag.key ? `${tag.role}:${tag.key}` : ''
      if (tag.lang) elem.dict.set(name('Lang'), PDFString.of(tag.lang))
      if (tag.text) elem.dict.set(name('ActualText'), PDFHexString.fromText(tag.text))
    }
  }

  // 2. Artifacts leave; their content is marked as such in the page.
  const dropArtifacts = (elem: Elem): void => {
    elem.kids = elem.kids.filter((kid) => {
      if (kid.kind !== 'elem') return true
      if (kid.type !== 'Artifact') {
        dropArtifacts(kid)
        return true
      }
      for (const content of markedContent(kid)) {
        const set = artifacts.get(content.page.objectNumber) ?? new Set<number>()
        set.add(content.mcid)
        artifacts.set(content.page.objectNumber, set)
      }
      return false
    })
  }
  dropArtifacts(documentElem)

  // 3. Whatever holds a link annotation is a link.
  for (const elem of elements(documentElem.kids)) {
    if (elem.kids.some((kid) => kid.kind === 'annotation' && isLink(document, kid.annotation))) elem.type = 'Link'
  }

  // 4. `NonStruct`s give way to their kids.
  const unwrap = (list: Kid[]): Kid[] =>
    list.flatMap((kid) => {
      if (kid.kind !== 'elem') return [kid]
      kid.kids = unwrap(kid.kids)
      return kid.type === 'NonStruct' ? kid.kids : [kid]
    })
  documentElem.kids = unwrap(documentElem.kids)

  if (renamed) {
    // 5. A page's notes go into the chapter before them; a chapter's pieces join; so do a note's.
    const joined: Kid[] = []
    for (const kid of documentElem.kids) {
      const last = joined.at(-1)
      if (kid.kind === 'elem' && kid.type === 'Note' && last?.kind === 'elem' && last.type === 'Sect') last.kids.push(kid)
      else joined.push(kid)
    }
    // Within a chapter too: the contents' list and a part's entry in it, cut by a page break.
    documentElem.kids = joinPieces(joined)
    const firstNote = new Map<string, Elem>()
    const joinNotes = (elem: Elem): void => {
      elem.kids = elem.kids.filter((kid) => {
        if (kid.kind !== 'elem') return true
        if (kid.type === 'Note' && kid.key) {
          const first = firstNote.get(kid.key)
          if (first) {
            first.kids.push(...kid.kids)
            return false
          }
          firstNote.set(kid.key, kid)
        }
        joinNotes(kid)
        return true
      })
    }
    joinNotes(documentElem)
  }

  // 6. A list holds items (raw HTML may put a paragraph or loose text straight in a list).
  const newElem = (type: string, kids: Kid[]): Elem => {
    const dict = context.obj({Type: 'StructElem', S: type})
    return {kind: 'elem', ref: context.register(dict), dict, type, key: '', kids}
  }
  for (const list of elements(documentElem.kids).filter((elem) => elem.type === 'L')) {
    list.kids = list.kids.map((kid) => (kid.kind === 'elem' && ['LI', 'L', 'Caption'].includes(kid.type) ? kid : newElem('LI', [kid])))
  }
  // A list item's body is an `LBody` beside its `Lbl` (ISO 32000-1, 14.8.4.3.3).
  for (const item of elements(documentElem.kids).filter((elem) => elem.type === 'LI')) {
    const body = item.kids.filter((kid) => !(kid.kind === 'elem' && (kid.type === 'Lbl' || kid.type === 'LBody')))
    if (body.length === 0) continue
    item.kids = [...item.kids.filter((kid) => !body.includes(kid)), newElem('LBody', body)]
  }
  // 7. Figures: one with a figure inside (an HTML `figure` around an image and its caption)
  // is a `Div`, or a reader would read its (missing) Alt instead of the image's and the
  // caption; each figure says where it is drawn (PDF/UA-1, 7.3; ISO 32000-1, 14.8.5.4.3).
  for (const figure of elements(documentElem.kids).filter((elem) => elem.type === 'Figure'))
    if (figure.kids.some((kid) => kid.kind === 'elem' && kid.type === 'Figure')) figure.type = 'Div'
  placeFigures(
    document,
    elements(documentElem.kids).filter((elem) => elem.type === 'Figure')
  )

  // 8. Write the tree back, with parents, and a parent tree to match.
  const byPage = new Map<number, Array<PDFRef | undefined>>()
  const byAnnotation = new Map<number, PDFRef>()
  const write = (elem: Elem, parent: PDFRef): void => {
    elem.dict.set(name('S'), name(elem.type))
    elem.dict.set(name('P'), parent)
    const ownPage = elem.dict.get(name('Pg'))
    const first = elem.kids.find((kid): kid is Content => kid.kind === 'content')
    const page = ownPage instanceof PDFRef ? ownPage : first?.page
    if (page && !(ownPage instanceof PDFRef)) elem.dict.set(name('Pg'), page)
    const kids = elem.kids.map((kid): PDFObject => {
      if (kid.kind === 'elem') {
        write(kid, elem.ref)
        return kid.ref
      }
      if (kid.kind === 'content') {
        const list = byPage.get(kid.page.objectNumber) ?? []
        list[kid.mcid] = elem.ref
        byPage.set(kid.page.objectNumber, list)
        if (page && kid.page === page) return PDFNumber.of(kid.mcid)
        return context.obj({Type: 'MCR', Pg: kid.page, MCID: kid.mcid})
      }
      byAnnotation.set(kid.annotation.objectNumber, elem.ref)
      const reference = context.obj({Type: 'OBJR', Obj: kid.annotation})
      if (kid.page) reference.set(name('Pg'), kid.page)
      return reference
    })
    elem.dict.set(name('K'), context.obj(kids))
  }
  write(documentElem, context.getObjectRef(root) ?? documentElem.ref)
  root.set(name('K'), documentElem.ref)
  // Types Chromium takes from PDF 2.0, which PDF/UA-1 (on PDF 1.7) knows only through a role map.
  root.set(name('RoleMap'), context.obj(roleMap))

  const nums: PDFObject[] = []
  const entries: Array<[number, PDFObject]> = []
  for (const page of document.getPages()) {
    const index = page.node.get(name('StructParents'))
    if (index instanceof PDFNumber) {
      const list = byPage.get(page.ref.objectNumber) ?? []
      entries.push([index.asNumber(), context.obj(Array.from(list, (ref) => ref ?? context.obj(null)))])
    }
    // Tab order follows the structure (PDF/UA: pages with annotations).
    page.node.set(name('Tabs'), name('S'))
    const annots = page.node.lookup(name('Annots'))
    if (!(annots instanceof PDFArray)) continue
    for (const item of annots.asArray()) {
      if (!(item instanceof PDFRef)) continue
      const annotation = context.lookup(item)
      const parentIndex = annotation instanceof PDFDict ? annotation.get(name('StructParent')) : undefined
      const owner = byAnnotation.get(item.objectNumber)
      if (parentIndex instanceof PDFNumber && owner) entries.push([parentIndex.asNumber(), owner])
    }
  }
  entries.sort((a, b) => a[0] - b[0])
  for (const [index, value] of entries) nums.push(PDFNumber.of(index), value)
  root.set(name('ParentTree'), context.obj({Nums: nums}))
  root.set(name('ParentTreeNextKey'), PDFNumber.of((entries.at(-1)?.[0] ?? -1) + 1))

  describeLinks(document, links)
  return {artifacts, renamed}
}

/** Neighbours with the same key are one element cut by a page break: joined, at every level. */
function joinPieces(list: Kid[]): Kid[] {
  const joined: Kid[] = []
  for (const kid of list) {
    const last = joined.at(-1)
    if (kid.kind === 'elem' && kid.key && last?.kind === 'elem' && last.key === kid.key) last.kids.push(...kid.kids)
    else joined.push(kid)
  }
  for (const kid of joined) if (kid.kind === 'elem') kid.kids = joinPieces(kid.kids)
  return joined
}

/** Each figure's `Layout` attribute with its `BBox`: where its marked content is drawn on its page. */
function placeFigures(document: PDFDocument, figures: Elem[]): void {
  const placed = figures.flatMap((figure) => {
    const content = markedContent(figure)
    const ownPage = figure.dict.get(name('Pg'))
    const page = ownPage instanceof PDFRef ? ownPage : content[0]?.page
    return page ? [{figure, page, mcids: content.filter((kid) => kid.page === page).map((kid) => kid.mcid)}] : []
  })
  const byPage = new Map<PDFRef, Set<number>>()
  for (const {page, mcids} of placed) byPage.set(page, new Set([...(byPage.get(page) ?? []), ...mcids]))
  const bounds = new Map([...byPage].map(([page, mcids]) => [page, markedContentBounds(document, page, mcids)]))
  for (const {figure, page, mcids} of placed) {
    let box: Box | undefined
    for (const mcid of mcids) {
      const drawn = bounds.get(page)?.get(mcid)
      if (drawn) box = box ? [Math.min(box[0], drawn[0]), Math.min(box[1], drawn[1]), Math.max(box[2], drawn[2]), Math.max(box[3], drawn[3])] : drawn
    }
    if (!box) continue
    const layout = document.context.obj({O: 'Layout', BBox: box.map((value) => Math.round(value * 100) / 100)})
    const existing = figure.dict.lookup(name('A'))
    if (existing instanceof PDFArray) existing.push(layout)
    else figure.dict.set(name('A'), existing instanceof PDFDict ? document.context.obj([existing, layout]) : layout)
  }
}

function markedContent(elem: Elem): Content[] {
  return elem.kids.flatMap((kid) => (kid.kind === 'content' ? [kid] : kid.kind === 'elem' ? markedContent(kid) : []))
}

function isLink(document: PDFDocument, ref: PDFRef): boolean {
  const annotation = document.context.lookup(ref)
  return annotation instanceof PDFDict && annotation.get(name('Subtype')) === name('Link')
}

/**
 * Every link annotation gets `Contents` (PDF/UA-1, 7.18.5): its text on the page, when the
 * annotations match the print document's links one to one; its address otherwise.
 */
function describeLinks(document: PDFDocument, links: string[]): void {
  const annotations = document
    .getPages()
    .flatMap((page) => {
      const annots = page.node.lookup(name('Annots'))
      return annots instanceof PDFArray ? annots.asArray() : []
    })
    .map((item) => document.context.lookup(item))
    .filter((annotation): annotation is PDFDict => annotation instanceof PDFDict && annotation.get(name('Subtype')) === name('Link'))
  const matched = annotations.length === links.length
  for (const [index, annotation] of annotations.entries()) {
    if (annotation.get(name('Contents'))) continue
    const action = annotation.lookup(name('A'))
    const uri = action instanceof PDFDict ? action.lookup(name('URI')) : undefined
    const address = uri instanceof PDFString || uri instanceof PDFHexString ? uri.decodeText() : ''
    const text = (matched ? links[index] : '') || address || 'Link'
    annotation.set(name('Contents'), PDFHexString.fromText(text))
  }
}
