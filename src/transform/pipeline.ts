/**
 * The per-reading pipeline: Markdown in, a hast tree plus typed data out. Every edition
 * renders from these trees, so a reading is parsed and transformed once.
 */
import rehypeSanitize from 'rehype-sanitize'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import {unified} from 'unified'
import type {CitationContext} from '../citations/context.ts'
import {rehypeBibliography} from './rehype-bibliography.ts'
import {rehypeHeadings} from './rehype-headings.ts'
import {rehypeImages, type RehypeImagesOptions} from './rehype-images.ts'
import {rehypeNotes} from './rehype-notes.ts'
import {rehypeRawWhenNeeded} from './rehype-raw-when-needed.ts'
import {remarkLimits} from './limits.ts'
import {remarkCitations} from './remark-citations.ts'
import {rehypeSafeUrls} from './rehype-safe-urls.ts'
import {remarkMatter} from './remark-matter.ts'
import {sanitizeSchema} from './sanitize-schema.ts'

export interface PipelineOptions extends RehypeImagesOptions {
  /** The build's citation state: styles, locales, engines (`createCitationContext`). */
  citations: CitationContext
}

export function createPipeline(options: PipelineOptions) {
  return unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkFrontmatter, ['yaml'])
    .use(remarkLimits)
    .use(remarkMatter)
    .use(remarkCitations, {citations: options.citations})
    .use(remarkRehype, {allowDangerousHtml: true, clobberPrefix: ''})
    .use(rehypeRawWhenNeeded)
    .use(rehypeSanitize, sanitizeSchema)
    .use(rehypeSafeUrls)
    .use(rehypeBibliography)
    .use(rehypeNotes)
    .use(rehypeHeadings)
    .use(rehypeImages, {root: options.root, checkImage: options.checkImage})
    .freeze()
}
