/**
 * Where marked content is drawn on its page: the bounding box, in the page's default user
 * space, of what each marked-content sequence paints (paths, images, forms, shadings, text),
 * clipped as the page clips it. PDF/UA asks it of every `Figure` (`/A << /O /Layout /BBox … >>`,
 * ISO 32000-1, 14.8.5.4.3); Chromium does not write it, and only the content stream knows
 * where a drawing landed (an SVG's shapes are paths under the transforms of its viewport).
 *
 * The stream is read as a sequence of operands and operators (ISO 32000-1, 7.8.2), tracking
 * what position needs: the graphics state stack, the transformation matrix, the clip (as a
 * box) and the text matrix. A glyph is as wide as its font's widths say (six tenths of an em
 * when the font gives none) and an em high.
 */
import {inflateSync} from 'node:zlib'
import {PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, PDFRef, type PDFDocument, type PDFObject} from 'pdf-lib'
import {numbers} from './objects.ts'

/** `[x1, y1, x2, y2]`, lower left and upper right. */
export type Box = [number, number, number, number]
type Matrix = [number, number, number, number, number, number]

const identity: Matrix = [1, 0, 0, 1, 0, 0]

/** `a` applied first, then `b` (as PDF's `cm` concatenates: new CTM = a × CTM). */
function multiply(a: Matrix, b: Matrix): Matrix {
  return [
    a[0] * b[0] + a[1] * b[2],
    a[0] * b[1] + a[1] * b[3],
    a[2] * b[0] + a[3] * b[2],
    a[2] * b[1] + a[3] * b[3],
    a[4] * b[0] + a[5] * b[2] + b[4],
    a[4] * b[1] + a[5] * b[3] + b[5]
  ]
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]]
}

function boxOf(points: Array<[number, number]>): Box | undefined {
  if (points.length === 0) return undefined
  const xs = points.map((point) => point[0])
  const ys = points.map((point) => point[1])
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]
}

function intersect(a: Box | undefined, b: Box | undefined): Box | undefined {
  if (!a) return b
  if (!b) return a
  return [Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3])]
}

function union(a: Box | undefined, b: Box): Box {
  if (!a) return b
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])]
}

/** The corners of a rectangle in some space, boxed in the page's. */
function transformedBox(m: Matrix, x1: number, y1: number, x2: number, y2: number): Box {
  return boxOf([apply(m, x1, y1), apply(m, x2, y1), apply(m, x1, y2), apply(m, x2, y2)])!
}

/**
 * One token of a content stream: white space, a comment, a literal string (one level of
 * nested parentheses), a dictionary's or an array's brackets, a hex string, a name, or a
 * number or operator.
 */
const token = /\s+|%[^\r\n]*|\((?:\\[\s\S]|\((?:\\[\s\S]|[^\\()])*\)|[^\\()])*\)|<<|>>|<[0-9A-Fa-f\s]*>|\[|\]|\/[^\s()<>[\]{}/%]*|[^\s()<>[\]{}/%]+/y

/**
 * Each operator of a content stream with its operands (arrays and dictionaries as their
 * text), in one pass of one regular expression. A page of a book holds some five thousand,
 * most of them text: when `visit` returns true for a `BT`, the text object is passed over
 * (unless it holds marked content) but for its last font.
 */
function scan(text: string, visit: (operator: string, operands: string[]) => boolean): void {
  let operands: string[] = []
  let depth = 0
  let nested = ''
  token.lastIndex = 0
  while (token.lastIndex < text.length) {
    const start = token.lastIndex
    const match = token.exec(text)
    if (!match) {
      token.lastIndex = start + 1
      continue
    }
    const word = match[0]
    const first = word.charCodeAt(0)
    if (first <= 32 || word[0] === '%') continue
    if (word === '[' || word === '<<') {
      depth++
      nested += word
      continue
    }
    if (depth > 0) {
      nested += ' ' + word
      if (word === ']' || word === '>>') {
        depth--
        if (depth === 0) {
          operands.push(nested)
          nested = ''
        }
      }
      continue
    }
    if (word[0] === '(' || word[0] === '<' || word[0] === '/' || /^[+-]?(?:\d|\.\d)/.test(word) || word === 'true' || word === 'false' || word === 'null') {
      operands.push(word)
      continue
    }
    if (word === 'ID') {
      // An inline image's data, up to its end.
      const end = text.indexOf('EI', token.lastIndex)
      token.lastIndex = end < 0 ? text.length : end + 2
      operands = []
      continue
    }
    const skip = visit(word, operands)
    operands = []
    if (skip) {
      const end = text.indexOf('\nET', token.lastIndex)
      const inside = end < 0 ? '' : text.slice(token.lastIndex, end)
      if (end < 0 || /B[DM]C|EMC/.test(inside)) continue
      const font = [...inside.matchAll(/(\/\S+)\s+([\d.]+)\s+Tf/g)].at(-1)
      if (font) visit('Tf', [font[1]!, font[2]!])
      token.lastIndex = end + 1
    }
  }
}

function pageContent(document: PDFDocument, page: PDFDict): string {
  const contents = page.get(PDFName.of('Contents'))
  const refs = contents instanceof PDFArray ? contents.asArray() : [contents]
  return refs
    .map((ref) => {
      const stream = ref ? document.context.lookup(ref) : undefined
      if (!(stream instanceof PDFRawStream)) return ''
      const raw = stream.getContents()
      const bytes = stream.dict.get(PDFName.of('Filter')) === PDFName.of('FlateDecode') ? inflateSync(raw) : Buffer.from(raw)
      return bytes.toString('latin1')
    })
    .join('\n')
}

/**
 * The box each of `mcids` paints on `page`, clipped to the page's MediaBox. Marked content
 * that paints nothing has none.
 */
export function markedContentBounds(document: PDFDocument, pageRef: PDFRef, mcids: ReadonlySet<number>): Map<number, Box> {
  const bounds = new Map<number, Box>()
  const page = document.context.lookup(pageRef)
  if (!(page instanceof PDFDict)) return bounds
  const mediaBox = numbers(document.context, page.lookup(PDFName.of('MediaBox')))
  const pageBox: Box | undefined = mediaBox.length === 4 ? [mediaBox[0]!, mediaBox[1]!, mediaBox[2]!, mediaBox[3]!] : undefined
  const resources = page.lookup(PDFName.of('Resources'))
  const xobjects = resources instanceof PDFDict ? resources.lookup(PDFName.of('XObject')) : undefined
  const fonts = resources instanceof PDFDict ? resources.lookup(PDFName.of('Font')) : undefined
  const widthsOf = new Map<string, FontWidths>()

  interface State {
    ctm: Matrix
    clip: Box | undefined
  }
  let state: State = {ctm: identity, clip: pageBox}
  const saved: State[] = []
  // The MCID of each open marked-content sequence (undefined for those without one).
  const marked: Array<number | undefined> = []
  let path: Array<[number, number]> = []
  let clipNext = false
  let textMatrix: Matrix = identity
  let lineMatrix: Matrix = identity
  let fontSize = 0
  let font: FontWidths = {two: false, widths: new Map(), fallback: 600}
  let leading = 0

  const active = () => {
    for (let index = marked.length - 1; index >= 0; index--) if (marked[index] !== undefined) return marked[index]
    return undefined
  }
  const paint = (box: Box | undefined) => {
    const mcid = active()
    if (mcid === undefined || !mcids.has(mcid) || !box) return
    const clipped = intersect(box, state.clip)!
    if (clipped[0] > clipped[2] || clipped[1] > clipped[3]) return
    bounds.set(mcid, union(bounds.get(mcid), clipped))
  }
  const glyphs = (operand: string | undefined) => {
    const mcid = active()
    if (mcid === undefined || !mcids.has(mcid)) return
    let advance = 0
    for (const code of codes(operand ?? '', font.two)) advance += font.widths.get(code) ?? font.fallback
    const m = multiply(textMatrix, state.ctm)
    paint(transformedBox(m, 0, -0.2 * fontSize, (advance / 1000) * fontSize, fontSize))
  }

  scan(pageContent(document, page), (operator, operands) => {
    const n = operands.map(Number)
    switch (operator) {
      case 'q':
        saved.push({...state})
        break
      case 'Q':
        state = saved.pop() ?? state
        break
      case 'cm':
        if (n.length === 6) state = {...state, ctm: multiply(n as Matrix, state.ctm)}
        break
      case 'm':
      case 'l':
        path.push(apply(state.ctm, n[0]!, n[1]!))
        break
      case 'c':
        for (let index = 0; index < 6; index += 2) path.push(apply(state.ctm, n[index]!, n[index + 1]!))
        break
      case 'v':
      case 'y':
        for (let index = 0; index < 4; index += 2) path.push(apply(state.ctm, n[index]!, n[index + 1]!))
        break
      case 're': {
        const [x, y, w, h] = n as [number, number, number, number]
        path.push(apply(state.ctm, x, y), apply(state.ctm, x + w, y), apply(state.ctm, x, y + h), apply(state.ctm, x + w, y + h))
        break
      }
      case 'W':
      case 'W*':
        clipNext = true
        break
      case 'S':
      case 's':
      case 'f':
      case 'F':
      case 'f*':
      case 'B':
      case 'B*':
      case 'b':
      case 'b*':
      case 'n':
        if (operator !== 'n') paint(boxOf(path))
        if (clipNext) state = {...state, clip: intersect(state.clip, boxOf(path))}
        clipNext = false
        path = []
        break
      case 'sh':
        paint(state.clip)
        break
      case 'Do': {
        const object = xobjects instanceof PDFDict ? xobjects.lookup(PDFName.of(operands[0]?.slice(1) ?? '')) : undefined
        const dict = object instanceof PDFRawStream ? object.dict : undefined
        if (dict?.get(PDFName.of('Subtype')) === PDFName.of('Image')) paint(transformedBox(state.ctm, 0, 0, 1, 1))
        else if (dict?.get(PDFName.of('Subtype')) === PDFName.of('Form')) {
          const box = numbers(dict.context, dict.lookup(PDFName.of('BBox')))
          const matrix = numbers(dict.context, dict.lookup(PDFName.of('Matrix')))
          const m = multiply(matrix.length === 6 ? (matrix as Matrix) : identity, state.ctm)
          if (box.length === 4) paint(transformedBox(m, box[0]!, box[1]!, box[2]!, box[3]!))
        }
        break
      }
      case 'BT': {
        textMatrix = lineMatrix = identity
        // Text outside the marked content asked for: nothing to place.
        const mcid = active()
        return mcid === undefined || !mcids.has(mcid)
      }
      case 'Tf': {
        fontSize = n[1] ?? fontSize
        const key = operands[0]?.slice(1) ?? ''
        if (!widthsOf.has(key)) widthsOf.set(key, fontWidths(fonts instanceof PDFDict ? fonts.lookup(PDFName.of(key)) : undefined))
        font = widthsOf.get(key)!
        break
      }
      case 'TL':
        leading = n[0] ?? leading
        break
      case 'Tm':
        if (n.length === 6) textMatrix = lineMatrix = n as Matrix
        break
      case 'Td':
      case 'TD':
        if (operator === 'TD') leading = -(n[1] ?? 0)
        textMatrix = lineMatrix = multiply([1, 0, 0, 1, n[0] ?? 0, n[1] ?? 0], lineMatrix)
        break
      case 'T*':
      case "'":
      case '"':
        textMatrix = lineMatrix = multiply([1, 0, 0, 1, 0, -leading], lineMatrix)
        if (operator !== 'T*') glyphs(operands.at(-1))
        break
      case 'Tj':
      case 'TJ':
        glyphs(operands[0])
        break
      case 'BDC': {
        const mcid = /\/MCID\s+(\d+)/.exec(operands[1] ?? '')
        marked.push(mcid ? Number(mcid[1]) : undefined)
        break
      }
      case 'BMC':
        marked.push(undefined)
        break
      case 'EMC':
        marked.pop()
        break
    }
    return false
  })
  return bounds
}

/** A font's glyph widths (thousandths of an em) by character code, and whether its codes take two bytes. */
interface FontWidths {
  two: boolean
  widths: Map<number, number>
  fallback: number
}

function fontWidths(font: PDFObject | undefined): FontWidths {
  const widths = new Map<number, number>()
  if (!(font instanceof PDFDict)) return {two: false, widths, fallback: 600}
  if (font.get(PDFName.of('Subtype')) === PDFName.of('Type0')) {
    // A CID font (how Skia embeds every font): `W` lists widths by CID, Identity-encoded.
    const descendants = font.lookup(PDFName.of('DescendantFonts'))
    const cid = descendants instanceof PDFArray ? descendants.lookup(0) : undefined
    if (!(cid instanceof PDFDict)) return {two: true, widths, fallback: 600}
    const dw = cid.lookup(PDFName.of('DW'))
    const list = cid.lookup(PDFName.of('W'))
    const items = list instanceof PDFArray ? list.asArray().map((item) => cid.context.lookup(item)) : []
    for (let index = 0; index < items.length;) {
      const first = items[index]
      const next = items[index + 1]
      if (!(first instanceof PDFNumber)) break
      if (next instanceof PDFArray) {
        numbers(cid.context, next).forEach((width, offset) => widths.set(first.asNumber() + offset, width))
        index += 2
      } else {
        const width = items[index + 2]
        if (next instanceof PDFNumber && width instanceof PDFNumber)
          for (let code = first.asNumber(); code <= next.asNumber(); code++) widths.set(code, width.asNumber())
        index += 3
      }
    }
    return {two: true, widths, fallback: dw instanceof PDFNumber ? dw.asNumber() : 1000}
  }
  const firstChar = font.lookup(PDFName.of('FirstChar'))
  const start = firstChar instanceof PDFNumber ? firstChar.asNumber() : 0
  numbers(font.context, font.lookup(PDFName.of('Widths'))).forEach((width, offset) => widths.set(start + offset, width))
  return {two: false, widths, fallback: 600}
}

/** The character codes of a string operand (or of a TJ array's strings). */
function codes(operand: string, two: boolean): number[] {
  const bytes: number[] = []
  for (const match of operand.matchAll(/<([0-9a-fA-F\s]*)>|\(((?:\\.|[^\\)])*)\)/g)) {
    if (match[1] !== undefined) {
      const hex = match[1].replace(/\s/g, '')
      for (let index = 0; index < hex.length; index += 2) bytes.push(parseInt(hex.slice(index, index + 2).padEnd(2, '0'), 16))
    } else {
      const literal = (match[2] ?? '').replace(/\\([0-7]{1,3}|.)/g, (_escape, code: string) =>
        /^[0-7]+$/.test(code)
          ? String.fromCharCode(parseInt(code, 8))
          : (({n: '\n', r: '\r', t: '\t', b: '\b', f: '\f'} as Record<string, string>)[code] ?? code)
      )
      for (const char of literal) bytes.push(char.charCodeAt(0) & 0xff)
    }
  }
  if (!two) return bytes
  const pairs: number[] = []
  for (let index = 0; index + 1 < bytes.length; index += 2) pairs.push(bytes[index]! * 256 + bytes[index + 1]!)
  return pairs
}
