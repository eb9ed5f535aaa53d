/**
 * Serialize a document of the book as XHTML: an XML declaration, the HTML and EPUB
 * namespaces on the root, `lang` and `xml:lang`, and the shared style sheet.
 *
 * hast → xast → XML does the namespaces (inline SVG gets its own) and escaping; this module
 * adds what EPUB readers expect of the markup itself.
 */
import type {ElementContent} from 'hast'
import {h} from 'hastscript'
import {toXast} from 'hast-util-to-xast'
import type {Element as XmlElement, Nodes as XmlNodes, Root as XmlRoot} from 'xast'
import {toXml} from 'xast-util-to-xml'

/** Namespace of `epub:type` and the other EPUB attributes. */
export const epubNamespace = 'http://www.idpf.org/2007/ops'

export const svgNamespace = 'http://www.w3.org/2000/svg'

/** Elements that are empty by definition and serialize as `<br/>`. */
const voidElements = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr'])

export interface XhtmlDocument {
  /** The document's `<title>`: shown by reading systems and read by screen readers. */
  title: string
  lang: string
  /** The body's children. */
  body: ElementContent[]
  /** Class names on `<body>`, for pages styled as a whole (the cover). */
  bodyClass?: string[]
  /** Style sheets, relative to the document. */
  stylesheets: string[]
}

export function toXhtml(document: XhtmlDocument): string {
  const html = h('html', {lang: document.lang}, [
    h('head', [
      h('meta', {charSet: 'utf-8'}),
      h('title', document.title),
      ...document.stylesheets.map((href) => h('link', {rel: 'stylesheet', type: 'text/css', href}))
    ]),
    h('body', document.bodyClass ? {className: document.bodyClass} : {}, document.body)
  ])
  const root = toXast(html) as XmlElement
  root.attributes = {xmlns: root.attributes['xmlns'] ?? '', 'xmlns:epub': epubNamespace, lang: document.lang, 'xml:lang': document.lang}
  return xmlDocument({type: 'root', children: [{type: 'doctype', name: 'html'}, root]})
}

/** An XML document with its declaration; empty elements close as `<x/>` only when void. */
export function xmlDocument(tree: XmlRoot, options: {voidOnly?: boolean} = {voidOnly: true}): string {
  if (options.voidOnly) keepNonVoidOpen(tree)
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + toXml(tree, {closeEmptyElements: true}) + '\n'
}

/**
 * Reading systems parse XHTML as XML, but some still treat `<a/>` or `<p/>` as an open tag
 * and swallow what follows; an empty comment keeps those as `<a><!----></a>` while `<br/>`
 * stays self-closed. SVG, which is XML only, keeps its short form.
 */
function keepNonVoidOpen(node: XmlNodes, svg = false): void {
  if (node.type !== 'root' && node.type !== 'element') return
  const inSvg = node.type === 'element' ? (node.attributes['xmlns'] ? node.attributes['xmlns'] === svgNamespace : svg) : svg
  if (node.type === 'element' && node.children.length === 0 && !voidElements.has(node.name) && !inSvg) {
    node.children.push({type: 'comment', value: ''})
  }
  for (const child of node.children) keepNonVoidOpen(child, inSvg)
}
