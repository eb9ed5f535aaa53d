/**
 * Cross-reference numbering: from 1 in each reading by default, through the pack with shared
 * counters (`crossref: pack`).
 */
import {toHtml} from 'hast-util-to-html'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {createCitationContext} from '../src/citations/context.ts'
import {readFrontMatter} from '../src/load/read-front-matter.ts'
import {createPipeline, type PipelineOptions} from '../src/transform/pipeline.ts'

const reading = (title: string) => `---\ntitle: ${title}\n---\n\n![A chart](chart.png){#fig-chart}\n\n$$x$$ {#eq-x}\n\nSee @fig-chart and @eq-x.\n`

async function run(sources: string[], crossref: PipelineOptions['crossref']): Promise<string[]> {
  const pipeline = createPipeline({root: '/pack', checkImage: () => undefined, citations: createCitationContext(), ...(crossref ? {crossref} : {})})
  const out: string[] = []
  for (const [index, value] of sources.entries()) {
    const file = new VFile({path: `/pack/r${index}.md`, value})
    readFrontMatter(file)
    out.push(toHtml(await pipeline.run(pipeline.parse(file), file)).replace(/<span class="katex-html"[\s\S]*?<\/div>/g, ''))
  }
  return out
}

describe('cross-reference numbering', () => {
  it('starts at 1 in each reading by default', async () => {
    const [first, second] = await run([reading('One'), reading('Two')], undefined)
    for (const html of [first!, second!]) {
      expect(html).toContain('<span class="caption-label">Figure 1: </span>A chart')
      expect(html).toContain('See <a href="#fig-chart" class="xref">Figure 1</a> and <a href="#eq-x" class="xref">Equation (1)</a>.')
    }
  })

  it('runs through the pack with crossref: pack', async () => {
    const [, second] = await run([reading('One'), reading('Two')], {counters: {fig: 0, tbl: 0, eq: 0}})
    expect(second).toContain('<span class="caption-label">Figure 2: </span>A chart')
    expect(second).toContain('<a href="#fig-chart" class="xref">Figure 2</a> and <a href="#eq-x" class="xref">Equation (2)</a>')
    expect(second).toContain('\\tag{2}')
  })
})
