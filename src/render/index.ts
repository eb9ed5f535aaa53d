/**
 * The editions behind one contract (`Renderer`, in `./context.ts`). Each renderer, and what
 * it needs (Puppeteer, pdf-lib, the EPUB packager), loads only when its edition is asked for.
 */
import type {Pack} from '../pack/model.ts'
import type {PageMap} from '../pack/page-map.ts'
import type {Format, RenderContext, Renderer} from './context.ts'

export {formats, type Format, type RenderContext, type Renderer} from './context.ts'

export const renderers: Record<Format, () => Promise<Renderer>> = {
  html: async () => {
    const {renderHtml} = await import('./html/index.ts')
    return async (pack, context) => renderHtml(pack, context)
  },
  pdf: async () => (await import('./pdf/index.ts')).renderPdf,
  epub: async () => (await import('./epub/index.ts')).renderEpub
}

/** The page map alone, when no PDF is printed: the book is laid out and paginated, not printed. */
export async function paginateBook(pack: Pack, context: RenderContext): Promise<PageMap> {
  return (await import('./pdf/index.ts')).paginateBook(pack, context)
}
