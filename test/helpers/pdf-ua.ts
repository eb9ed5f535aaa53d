/**
 * The machine-checkable failure conditions of the Matterhorn Protocol 1.1 (PDF Association)
 * that apply to the PDFs Folio writes, checked on the file the way a validator reads it: the
 * catalog, the XMP packet and the structure tree through pdf-lib, the marked content of each
 * page as `mutool trace` sees it, the fonts as `pdffonts` lists them. Each failure is one
 * line naming its checkpoint; the README lists them and what a human must still check.
 */
import {execFileSync} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFString, PDFHexString, decodePDFRawStream, type PDFObject} from 'pdf-lib'

export interface StructureNode {
  type: string
  /** Marked-content ids directly in the element. */
  mcids: number
  /** Link annotations it holds. */
  annotations: PDFRef[]
  alt: string | undefined
  id: string | undefined
  /** The IDs its `Headers` attribute names (a table cell's header cells). */
  headers: string[]
  /** The element's object, when it is an indirect one (as the IDTree names it). */
  ref: PDFRef | undefined
  lang: string | undefined
  actualText: string | undefined
  /** The page (from 0) the element's `Pg` names, if it names one. */
  page: number | undefined
  attributes: string
  kids: StructureNode[]
}

/** PDF 1.7's standard structure types (ISO 32000-1, 14.8.4). */
const standard = new Set(
  (
    'Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody ' +
    'Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form'
  ).split(' ')
)

const text = (value: PDFObject | undefined) => (value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined)

export async function readStructure(file: string): Promise<{document: PDFDocument; roots: StructureNode[]; roleMap: Map<string, string>}> {
  const document = await PDFDocument.load(readFileSync(file), {updateMetadata: false})
  const root = document.catalog.lookup(PDFName.of('StructTreeRoot'))
  const roleMap = new Map<string, string>()
  if (!(root instanceof PDFDict)) return {document, roots: [], roleMap}
  const map = root.lookup(PDFName.of('RoleMap'))
  if (map instanceof PDFDict) for (const [key, value] of map.entries()) roleMap.set(key.asString().slice(1), String(value).slice(1))
  const pageIndex = new Map(document.getPages().map((page, index) => [String(page.ref), index]))
  const read = (object: PDFObject | undefined, into: StructureNode[], owner: StructureNode | undefined): void => {
    if (object === undefined) return
    if (object instanceof PDFArray) return object.asArray().forEach((item) => read(item, into, owner))
    if (object instanceof PDFNumber) {
      if (owner) owner.mcids++
      return
    }
    const dict = object instanceof PDFRef ? document.context.lookup(object) : object
    if (!(dict instanceof PDFDict)) return
    const type = dict.get(PDFName.of('Type'))
    if (type === PDFName.of('MCR')) {
      if (owner) owner.mcids++
      return
    }
    if (type === PDFName.of('OBJR')) {
      const target = dict.get(PDFName.of('Obj'))
      if (owner && target instanceof PDFRef) owner.annotations.push(target)
      return
    }
    const node: StructureNode = {
      type: String(dict.get(PDFName.of('S'))).slice(1),
      mcids: 0,
      annotations: [],
      alt: text(dict.lookup(PDFName.of('Alt'))),
      id: text(dict.lookup(PDFName.of('ID'))),
      headers: headersOf(document, dict),
      ref: object instanceof PDFRef ? object : undefined,
      lang: text(dict.lookup(PDFName.of('Lang'))),
      actualText: text(dict.lookup(PDFName.of('ActualText'))),
      page: pageIndex.get(String(dict.get(PDFName.of('Pg')))),
      attributes: String(dict.lookup(PDFName.of('A')) ?? ''),
      kids: []
    }
    read(dict.get(PDFName.of('K')), node.kids, node)
    into.push(node)
  }
  const roots: StructureNode[] = []
  read(root.get(PDFName.of('K')), roots, undefined)
  return {document, roots, roleMap}
}

/** The IDs an element's `Headers` attribute names, in any of its attribute dictionaries. */
function headersOf(document: PDFDocument, dict: PDFDict): string[] {
  const lookup = (value: PDFObject | undefined) => (value instanceof PDFRef ? document.context.lookup(value) : value)
  const value = lookup(dict.get(PDFName.of('A')))
  const owners = value instanceof PDFArray ? value.asArray().map(lookup) : [value]
  return owners.flatMap((owner) => {
    const headers = owner instanceof PDFDict ? lookup(owner.get(PDFName.of('Headers'))) : undefined
    return headers instanceof PDFArray ? headers.asArray().flatMap((item) => text(lookup(item)) ?? []) : []
  })
}

/** The leaves of the structure tree's IDTree (a name tree): ID to element object. */
function idTree(document: PDFDocument): Map<string, string> {
  const found = new Map<string, string>()
  const walk = (value: PDFObject | undefined, depth: number): void => {
    const node = value instanceof PDFRef ? document.context.lookup(value) : value
    if (!(node instanceof PDFDict) || depth > 32) return
    const names = node.lookup(PDFName.of('Names'))
    if (names instanceof PDFArray)
      for (let index = 0; index + 1 < names.size(); index += 2) found.set(text(names.lookup(index)) ?? '', String(names.get(index + 1)))
    const kids = node.lookup(PDFName.of('Kids'))
    if (kids instanceof PDFArray) for (const kid of kids.asArray()) walk(kid, depth + 1)
  }
  const root = document.catalog.lookup(PDFName.of('StructTreeRoot'))
  if (root instanceof PDFDict) walk(root.get(PDFName.of('IDTree')), 0)
  return found
}

export function allNodes(nodes: StructureNode[]): StructureNode[] {
  return nodes.flatMap((node) => [node, ...allNodes(node.kids)])
}

/** Every applicable machine-checkable condition that fails, one line each (empty: none). */
export async function matterhorn(file: string): Promise<string[]> {
  const failures: string[] = []
  const fail = (checkpoint: string, what: string) => failures.push(`${checkpoint}: ${what}`)
  const {document, roots, roleMap} = await readStructure(file)
  const catalog = document.catalog
  const nodes = allNodes(roots)
  const typeOf = (node: StructureNode) => roleMap.get(node.type) ?? node.type

  // 06: metadata.
  const metadata = catalog.lookup(PDFName.of('Metadata'))
  const xmp = metadata instanceof PDFRawStream ? Buffer.from(decodePDFRawStream(metadata).decode()).toString('utf8') : ''
  if (!xmp) fail('06-001', 'no XMP metadata stream')
  if (!/<pdfuaid:part>1<\/pdfuaid:part>/.test(xmp)) fail('06-002', 'no PDF/UA identifier (pdfuaid:part 1) in the XMP')
  const xmpTitle = /<dc:title><rdf:Alt><rdf:li xml:lang="x-default">([^<]*)<\/rdf:li>/.exec(xmp)?.[1]
  if (!xmpTitle) fail('06-003', 'no dc:title in the XMP')
  const info = document.getTitle()
  if (xmpTitle && info !== xmpTitle.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'))
    fail('06-003', `XMP title “${xmpTitle}” differs from Info title “${info}”`)

  // 07: the window shows the title.
  const preferences = catalog.lookup(PDFName.of('ViewerPreferences'))
  if (!(preferences instanceof PDFDict) || String(preferences.get(PDFName.of('DisplayDocTitle'))) !== 'true') fail('07-001', 'DisplayDocTitle is not true')

  // 01: a tagged file; structure types standard or mapped to one.
  const markInfo = catalog.lookup(PDFName.of('MarkInfo'))
  if (!(markInfo instanceof PDFDict) || String(markInfo.get(PDFName.of('Marked'))) !== 'true') fail('01 (MarkInfo)', 'MarkInfo Marked is not true')
  if (markInfo instanceof PDFDict && String(markInfo.get(PDFName.of('Suspects'))) === 'true') fail('01-007', 'Suspects is true')
  if (roots.length === 0) fail('01-001', 'no structure tree')
  for (const [from, to] of roleMap) if (standard.has(from)) fail('02-004', `standard type ${from} is remapped to ${to}`)
  for (const type of new Set(nodes.map(typeOf))) if (!standard.has(type)) fail('02-001', `structure type ${type} is neither standard nor mapped to one`)

  // 11: natural language.
  if (!text(catalog.lookup(PDFName.of('Lang')))) fail('11-006', 'no /Lang in the catalog')

  // 13: figures.
  for (const node of nodes)
    if (typeOf(node) === 'Figure' && !node.alt && node.kids.every((kid) => typeOf(kid) !== 'Figure' || !kid.alt)) fail('13-004', 'a Figure without Alt')

  // 14: headings start at H1 and skip no level going down.
  const headings = nodes.map(typeOf).filter((type) => /^H[1-6]$/.test(type))
  if (headings.length > 0 && headings[0] !== 'H1') fail('14-002', `first heading is ${headings[0]}`)
  for (let index = 1; index < headings.length; index++) {
    const step = Number(headings[index]!.slice(1)) - Number(headings[index - 1]!.slice(1))
    if (step > 1) fail('14-003', `${headings[index - 1]} is followed by ${headings[index]}`)
  }

  // 15: header cells have a scope; a cell's Headers name header cells of this file (Chromium writes them).
  for (const node of nodes) if (typeOf(node) === 'TH' && !/\/Scope/.test(node.attributes)) fail('15-003', 'a TH without Scope')
  const headerIds = new Set(nodes.filter((node) => typeOf(node) === 'TH' && node.id).map((node) => node.id))
  for (const node of nodes)
    for (const header of node.headers) if (!headerIds.has(header)) fail('7.5 (Headers)', `a ${typeOf(node)}'s Headers name ${header}, which is no TH's ID`)

  // Element IDs are unique, and the IDTree finds each one's element (ISO 32000-1, 14.7.2).
  const ids = nodes.filter((node) => node.id !== undefined)
  if (new Set(ids.map((node) => node.id)).size !== ids.length) fail('14.7.2', 'element IDs are not unique')
  const tree = idTree(document)
  for (const node of ids) if (tree.get(node.id!) !== String(node.ref)) fail('14.7.2', `the IDTree does not find the element with ID ${node.id}`)

  // 16: lists hold items; items hold a label and a body.
  for (const node of nodes) {
    const type = typeOf(node)
    if (type === 'L' && node.kids.some((kid) => !['LI', 'L', 'Caption'].includes(typeOf(kid)))) fail('16-001', 'an L holds something other than LI')
    if (type === 'LI' && (node.mcids > 0 || node.kids.some((kid) => !['Lbl', 'LBody'].includes(typeOf(kid)))))
      fail('16-002', 'an LI holds something other than Lbl and LBody')
  }

  // 19: notes have unique IDs.
  const noteIds = nodes.filter((node) => typeOf(node) === 'Note').map((node) => node.id)
  if (noteIds.some((id) => !id)) fail('19-003', 'a Note without ID')
  if (new Set(noteIds).size !== noteIds.length) fail('19-004', 'Note IDs are not unique')

  // 28: annotations.
  const linkOwners = new Map<number, string>()
  for (const node of nodes) for (const annotation of node.annotations) linkOwners.set(annotation.objectNumber, typeOf(node))
  for (const [index, page] of document.getPages().entries()) {
    const annots = page.node.lookup(PDFName.of('Annots'))
    if (!(annots instanceof PDFArray) || annots.size() === 0) continue
    if (String(page.node.get(PDFName.of('Tabs'))) !== '/S') fail('28-?? (7.18.3)', `page ${index + 1} has annotations but no /Tabs /S`)
    for (const item of annots.asArray()) {
      if (!(item instanceof PDFRef)) continue
      const annotation = document.context.lookup(item)
      if (!(annotation instanceof PDFDict) || annotation.get(PDFName.of('Subtype')) !== PDFName.of('Link')) continue
      if (linkOwners.get(item.objectNumber) !== 'Link') fail('28-011', `a link annotation on page ${index + 1} is not in a Link element`)
      if (!text(annotation.lookup(PDFName.of('Contents')))) fail('28-012', `a link annotation on page ${index + 1} has no Contents`)
    }
  }

  // 01: marked content, page by page.
  for (const problem of markedContentProblems(file)) fail(problem.checkpoint, problem.what)

  // 31: fonts embedded, with a ToUnicode map.
  const fonts = execFileSync('pdffonts', [file], {encoding: 'utf8'}).split('\n').slice(2).filter(Boolean)
  for (const line of fonts) {
    const columns = line.trim().split(/\s+/)
    const [emb, , uni] = columns.slice(-5, -2)
    if (emb !== 'yes') fail('31-009', `font ${columns[0]} is not embedded`)
    if (uni !== 'yes') fail('31-027', `font ${columns[0]} has no ToUnicode map`)
  }
  return [...new Set(failures)]
}

/** 01-003, 01-004, 01-005 from `mutool trace`: every glyph and every painted path in one kind of marked content. */
function markedContentProblems(file: string): Array<{checkpoint: string; what: string}> {
  const problems: Array<{checkpoint: string; what: string}> = []
  const trace = execFileSync('mutool', ['trace', file], {encoding: 'utf8', maxBuffer: 1 << 30})
  let page = 0
  const stack: string[] = []
  for (const line of trace.split('\n')) {
    const trimmed = line.trim()
    if (trimmed.startsWith('<page ')) page++
    else if (trimmed.startsWith('<layer ')) {
      const layer = /name="([^"]*)"/.exec(trimmed)?.[1] ?? ''
      const inside = stack.length > 0 ? stack.at(-1) === 'Artifact' : undefined
      if (layer === 'Artifact' && inside === false) problems.push({checkpoint: '01-003', what: `artifact inside tagged content on page ${page}`})
      if (layer !== 'Artifact' && inside === true) problems.push({checkpoint: '01-004', what: `tagged content inside an artifact on page ${page}`})
      stack.push(layer === 'Artifact' || inside === true ? 'Artifact' : layer)
    } else if (trimmed === '<end_layer/>') stack.pop()
    else if (
      stack.length === 0 &&
      (trimmed.startsWith('<g ') || trimmed.startsWith('<fill_path') || trimmed.startsWith('<stroke_path') || trimmed.startsWith('<fill_image'))
    )
      problems.push({checkpoint: '01-005', what: `content neither tagged nor an artifact on page ${page}`})
  }
  return problems
}

/** The text set in each page's top and bottom margins, and whether each piece is an artifact. */
export function marginText(file: string, marginPt: number): Array<Array<{text: string; artifact: boolean}>> {
  const trace = execFileSync('mutool', ['trace', file], {encoding: 'utf8', maxBuffer: 1 << 30})
  const pages: Array<Array<{text: string; artifact: boolean}>> = []
  let height = 0
  let matrix = [1, 0, 0, 1, 0, 0]
  const stack: string[] = []
  for (const line of trace.split('\n')) {
    const trimmed = line.trim()
    if (trimmed.startsWith('<page ')) {
      height = Number(/mediabox="[\d.]+ [\d.]+ [\d.]+ ([\d.]+)"/.exec(trimmed)?.[1] ?? 0)
      pages.push([])
    } else if (trimmed.startsWith('<layer ')) stack.push(/name="([^"]*)"/.exec(trimmed)?.[1] ?? '')
    else if (trimmed === '<end_layer/>') stack.pop()
    else if (trimmed.startsWith('<fill_text')) matrix = (/transform="([^"]+)"/.exec(trimmed)?.[1] ?? '1 0 0 1 0 0').split(' ').map(Number)
    else if (trimmed.startsWith('<g ')) {
      // The glyph's place on the page (top-down, as Chromium's pages are drawn), in points.
      const gx = Number(/ x="([\d.-]+)"/.exec(trimmed)?.[1] ?? 0)
      const gy = Number(/ y="([\d.-]+)"/.exec(trimmed)?.[1] ?? 0)
      const y = matrix[1]! * gx + matrix[3]! * gy + matrix[5]!
      // Text inside drawings (SVG) is placed through transforms of its own: not a running head.
      if (matrix[0] !== matrix[3] || matrix[1] !== 0 || matrix[4] !== 0 || matrix[5] !== 0) continue
      if (y > marginPt && y < height - marginPt) continue
      const character = /unicode="([^"]*)"/.exec(trimmed)?.[1] ?? ''
      const artifact = stack.includes('Artifact')
      const current = pages.at(-1)!
      const last = current.at(-1)
      if (last && last.artifact === artifact) last.text += character
      else current.push({text: character, artifact})
    }
  }
  return pages
}

/** `[x1, y1, x2, y2]` in a page's default user space (origin at the bottom left). */
export type Box = [number, number, number, number]

/**
 * What each `Figure`'s marked content paints, page by page, as `mutool trace` draws it:
 * paths, images and glyphs under their transforms, cut by the clips in force, boxed in the
 * page's user space. An account of the page independent of the one Folio writes.
 */
export function figureDrawings(file: string): Box[][] {
  const trace = execFileSync('mutool', ['trace', file], {encoding: 'utf8', maxBuffer: 1 << 30})
  const pages: Box[][] = []
  let height = 0
  const layers: string[] = []
  const clips: Array<Box | undefined> = []
  let transform = [1, 0, 0, 1, 0, 0]
  let points: Array<[number, number]> = []
  let element = ''
  let current: Box | undefined
  let size = 0
  const apply = (x: number, y: number): [number, number] => [
    transform[0]! * x + transform[2]! * y + transform[4]!,
    transform[1]! * x + transform[3]! * y + transform[5]!
  ]
  const boxOf = (list: Array<[number, number]>): Box => [
    Math.min(...list.map((p) => p[0])),
    Math.min(...list.map((p) => p[1])),
    Math.max(...list.map((p) => p[0])),
    Math.max(...list.map((p) => p[1]))
  ]
  const clipped = (box: Box): Box => {
    let result = box
    for (const clip of clips)
      if (clip) result = [Math.max(result[0], clip[0]), Math.max(result[1], clip[1]), Math.min(result[2], clip[2]), Math.min(result[3], clip[3])]
    return result
  }
  const add = (box: Box) => {
    if (layers.at(-1) !== 'Figure') return
    const cut = clipped(box)
    if (cut[0] > cut[2] || cut[1] > cut[3]) return
    current = current ? [Math.min(current[0], cut[0]), Math.min(current[1], cut[1]), Math.max(current[2], cut[2]), Math.max(current[3], cut[3])] : cut
  }
  const attribute = (line: string, key: string) => / transform="([^"]+)"/.exec(line) && new RegExp(` ${key}="([^"]+)"`).exec(line)?.[1]
  for (const line of trace.split('\n')) {
    const trimmed = line.trim()
    const numbersOf = (key: string) => Number(new RegExp(` ${key}="([\\d.e+-]+)"`).exec(trimmed)?.[1] ?? 0)
    if (trimmed.startsWith('<page ')) {
      height = Number(/mediabox="[\d.-]+ [\d.-]+ [\d.-]+ ([\d.-]+)"/.exec(trimmed)?.[1] ?? 0)
      pages.push([])
    } else if (trimmed.startsWith('<layer ')) layers.push(/name="([^"]*)"/.exec(trimmed)?.[1] ?? '')
    else if (trimmed === '<end_layer/>') {
      if (layers.pop() === 'Figure' && current) {
        // mutool's device space runs down from the top edge.
        pages.at(-1)!.push([current[0], height - current[3], current[2], height - current[1]])
        current = undefined
      }
    } else if (/^<(fill_path|stroke_path|clip_path|clip_stroke_path)\b/.test(trimmed)) {
      element = /^<(\w+)/.exec(trimmed)![1]!
      transform = (attribute(trimmed, 'transform') ?? '1 0 0 1 0 0').split(' ').map(Number)
      points = []
    } else if (/^<(moveto|lineto)\b/.test(trimmed)) points.push(apply(numbersOf('x'), numbersOf('y')))
    else if (trimmed.startsWith('<curveto')) for (const index of [1, 2, 3]) points.push(apply(numbersOf(`x${index}`), numbersOf(`y${index}`)))
    else if (/^<\/(fill_path|stroke_path|clip_path|clip_stroke_path)>/.test(trimmed) && points.length > 0) {
      if (element.startsWith('clip')) clips.push(boxOf(points))
      else add(boxOf(points))
    } else if (trimmed.startsWith('<clip_')) clips.push(undefined)
    else if (trimmed === '<pop_clip/>') clips.pop()
    else if (trimmed.startsWith('<fill_shade'))
      add(clipped([Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY]))
    else if (trimmed.startsWith('<fill_image')) {
      transform = (attribute(trimmed, 'transform') ?? '1 0 0 1 0 0').split(' ').map(Number)
      add(boxOf([apply(0, 0), apply(1, 0), apply(0, 1), apply(1, 1)]))
    } else if (trimmed.startsWith('<fill_text')) transform = (attribute(trimmed, 'transform') ?? '1 0 0 1 0 0').split(' ').map(Number)
    else if (trimmed.startsWith('<span ')) size = Number(/ trm="[\d.e+-]+ [\d.e+-]+ [\d.e+-]+ ([\d.e+-]+)"/.exec(trimmed)?.[1] ?? 0)
    else if (trimmed.startsWith('<g ')) {
      // From the baseline to an em above it (the glyph matrix runs up the page: negative), as wide as its advance.
      const x = numbersOf('x')
      const y = numbersOf('y')
      add(boxOf([apply(x, y), apply(x + numbersOf('adv') * Math.abs(size), y + size)]))
    }
  }
  return pages
}
