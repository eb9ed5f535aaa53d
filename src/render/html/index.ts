/**
 * The web edition: one self-contained page (styles and fonts inlined, images as data URIs)
 * that reads on a phone and on a wide screen.
 */
import type {Element, ElementContent, Root} from 'hast'
import {h} from 'hastscript'
import rehypeStringify from 'rehype-stringify'
import {unified} from 'unified'
import {toString} from 'hast-util-to-string'
import type {Pack} from '../../pack/model.ts'
import type {RenderContext} from '../context.ts'
import {inlineFontCss, template} from '../shared/assets.ts'
import {readingBody} from '../shared/body.ts'
import {authorAppendix, contents, notesList, readingHeader, titlePage} from '../shared/front-back.ts'
import {inlineImages} from '../shared/images.ts'
import {documentHead} from '../shared/head.ts'
import {mathAssets} from '../shared/math.ts'

export function renderHtml(pack: Pack, {images}: Pick<RenderContext, 'images'>): string {
  const titleRank = pack.single ? 1 : 2
  const page: ElementContent[] = []
  if (!pack.single) page.push(titlePage(pack), contents(pack, {rank: 2}))
  for (const reading of pack.readings) {
    const notes = notesList(reading, titleRank + 1)
    page.push(
      h('article', {className: ['reading'], id: reading.id, lang: reading.lang === pack.lang ? undefined : reading.lang}, [
        readingHeader(pack, reading, titleRank),
        ...readingBody(reading, titleRank),
        ...(notes ? [notes] : [])
      ])
    )
  }
  const appendix = authorAppendix(pack, 2)
  if (appendix) page.push(appendix)

  const body: Element = h('body', [h('main', {className: ['page']}, page)])
  inlineImages(body, images)
  const math = mathAssets(body)
  const css = inlineFontCss(toString(body), math.faces) + math.css + template('css/base.css') + template('css/screen.css')
  const tree: Root = {
    type: 'root',
    children: [{type: 'doctype'}, h('html', {lang: pack.lang}, [documentHead(pack, css), body])]
  }
  return unified().use(rehypeStringify).stringify(tree)
}
