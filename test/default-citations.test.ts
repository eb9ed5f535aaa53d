/**
 * The default pack's citations: the seed article cites what it names (the 2017 executive
 * order, the 2018 Global Compact) in OSCOLA, and every reading says how to cite it. The
 * article's own Harvard line, from the blog, checks what "How to cite this" makes.
 */
import path from 'node:path'
import type {ElementContent} from 'hast'
import {toString} from 'hast-util-to-string'
import {beforeAll, describe, expect, it} from 'vitest'
import {createCitationContext} from '../src/citations/context.ts'
import {renderHowToCite} from '../src/citations/how-to-cite.ts'
import {sanitizeSchema} from '../src/transform/sanitize-schema.ts'
import {bundledStyle} from '../src/citations/style-store.ts'
import {build} from '../src/build.ts'
import type {Pack} from '../src/pack/model.ts'
import {projectRoot, temporaryFolder} from './helpers/index.ts'
import {similarity} from './helpers/similarity.ts'

/** The post's own "How to cite this blog post (Harvard style)" line, as the blog prints it. */
const blogLine =
  'S. Dini, S. Fine and A. Pécoud. (2025) The IOM and the Trump administration: a turning point in the organization’s history?  . Available at:https://blogs.law.ox.ac.uk/border-criminologies-blog/blog-post/2025/05/iom-and-trump-administration-turning-point. Accessed on: 18/05/2025'

const text = (nodes: ElementContent[] | undefined) =>
  toString({type: 'root', children: nodes ?? []})
    .replace(/\s+/g, ' ')
    .trim()

let pack: Pack
beforeAll(async () => {
  const result = await build({input: path.join(projectRoot, 'content'), outDir: temporaryFolder(), formats: [], cache: false})
  expect(result.files.flatMap((file) => file.messages)).toEqual([])
  pack = result.pack!
})

describe('the default pack’s citations', () => {
  it('cites the Global Compact, then the executive order, then refers back with (n 1)', () => {
    const article = pack.readings[1]!
    expect(article.notes.map((note) => text(note.children))).toEqual([
      '‘Global Compact for Safe, Orderly and Responsible Migration’ (2018).',
      'Protecting the Nation From Foreign Terrorist Entry Into the United States 2017.',
      '‘Global Compact for Safe, Orderly and Responsible Migration’ (n 1).'
    ])
    expect(article.file.data.bibliography?.properties['role']).toBe('doc-bibliography')
  })

  it('says how to cite the article, in OSCOLA', () => {
    expect(text(pack.readings[1]!.file.data.howToCite)).toBe(
      'Dini S, Fine S and Pécoud A, ‘The IOM and the Trump Administration: A Turning Point in the Organization’s History?’ (Border Criminologies, May 2025) <https://blogs.law.ox.ac.uk/border-criminologies-blog/blog-post/2025/05/iom-and-trump-administration-turning-point> accessed 18 May 2025'
    )
  })

  it('in Harvard, reads like the line the blog itself gives', () => {
    const article = pack.readings[1]!
    const harvard = text(
      renderHowToCite(
        article.matter,
        {...article.file.data.citationSetup!, style: bundledStyle('harvard-cite-them-right')!},
        createCitationContext(),
        sanitizeSchema
      )
    )
    for (const part of [
      'Dini, S., Fine, S. and Pécoud, A. (2025)',
      'The IOM and the Trump administration: a turning point in the organization’s history?',
      'Available at: https://blogs.law.ox.ac.uk/border-criminologies-blog/blog-post/2025/05/iom-and-trump-administration-turning-point',
      '18 May 2025'
    ]) {
      expect(harvard).toContain(part)
    }
    expect(similarity(harvard, blogLine)).toBeGreaterThan(0.8)
  })

  it('cites a reading first published in the pack as a chapter of it', () => {
    expect(text(pack.readings[0]!.file.data.howToCite)).toBe(
      'The Folio editors, ‘Introduction’ in The Folio editors (ed), Migration governance under pressure (2025)'
    )
  })
})
