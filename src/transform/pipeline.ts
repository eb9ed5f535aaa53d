/**
 * The per-reading pipeline: Markdown in, a hast tree plus typed data out. Every edition
 * renders from these trees, so a reading is parsed and transformed once.
 */
import rehypeSanitize from 'rehype-sanitize'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkMath from 'remark-math'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import {unified} from 'unified'
import type {CitationContext} from '../citations/context.ts'
import {rehypeBibliography} from './rehype-bibliography.ts'
import {rehypeHeadings} from './rehype-headings.ts'
import {rehypeHighlight} from './rehype-highlight.ts'
import {rehypeImages, type RehypeImagesOptions} from './rehype-images.ts'
import {rehypeMath} from './rehype-math.ts'
import {rehypeNotes} from './rehype-notes.ts'
import {rehypeRawWhenNeeded} from './rehype-raw-when-needed.ts'
import {remarkLimits} from './limits.ts'
import {remarkCitations} from './remark-citations.ts'
import {rehypeSafeUrls} from './rehype-safe-urls.ts'
import {remarkMathSyntax} from './remark-math-syntax.ts'
import {remarkMatter} from './remark-matter.ts'
import {remarkCrossref, type RemarkCrossrefOptions} from './remark-crossref.ts'
import {rehypeFigures, remarkFigures} from './remark-figures.ts'
import {remarkSmart} from './remark-smart.ts'
import {sanitizeSchema} from './sanitize-schema.ts'

export interface PipelineOptions extends RehypeImagesOptions {
  /** The build's citation state: styles, locales, engines (`createCitationContext`). */
  citations: CitationContext
  /** Numbering of cross-references: per reading unless counters are shared (`crossref: pack`). */
  crossref?: RemarkCrossrefOptions
}

export function createPipeline(options: PipelineOptions) {
  return unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkFrontmatter, ['yaml'])
    .use(remarkLimits)
    .use(remarkMath)
    .use(remarkMathSyntax)
    .use(remarkMatter)
    .use(remarkFigures)
    .use(remarkCrossref, options.crossref ?? {})
    .use(remarkCitations, {citations: options.citations})
    .use(remarkSmart)
    .use(remarkRehype, {allowDangerousHtml: true, clobberPrefix: ''})
    .use(rehypeRawWhenNeeded)
    .use(rehypeSanitize, sanitizeSchema)
    .use(rehypeSafeUrls)
    .use(rehypeMath)
    .use(rehypeHighlight)
    .use(rehypeFigures)
    .use(rehypeBibliography)
    .use(rehypeNotes)
    .use(rehypeHeadings)
    .use(rehypeImages, {root: options.root, checkImage: options.checkImage})
    .freeze()
}
