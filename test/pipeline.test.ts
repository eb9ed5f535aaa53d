/**
 * The per-reading pipeline on fixtures: `test/fixtures/pipeline/<case>/input.md` and
 * `output.txt` (the body as HTML, the notes, the headings, the messages).
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {toHtml} from 'hast-util-to-html'
import {VFile} from 'vfile'
import {describe, it} from 'vitest'
import {createCitationContext} from '../src/citations/context.ts'
import {formatMessages} from '../src/cli/report-text.ts'
import {readFrontMatter} from '../src/load/read-front-matter.ts'
import {linkReadings} from '../src/pack/links.ts'
import {PackImages} from '../src/load/pack-images.ts'
import {createPipeline} from '../src/transform/pipeline.ts'
import {cases, expectFixture} from './helpers/fixtures.ts'

describe('pipeline fixtures', () => {
  for (const {name, folder} of cases('pipeline')) {
    it(name, async () => {
      const inputPath = path.join(folder, 'input.md')
      const file = new VFile({path: inputPath, value: readFileSync(inputPath, 'utf8')})
      readFrontMatter(file)
      const pipeline = createPipeline({root: folder, checkImage: new PackImages(folder).check, citations: createCitationContext()})
      const tree = await pipeline.run(pipeline.parse(file), file)
      // Ids as every edition gets them: prefixed and linked at the pack level.
      linkReadings([{id: 'r1', file, tree, notes: file.data.notes ?? [], headings: file.data.headings ?? []}])
      const sections = [
        toHtml(tree).trim(),
        '--- matter ---',
        JSON.stringify(file.data.matter ?? null, null, 2),
        '--- notes ---',
        ...(file.data.notes ?? []).map((note) => `${note.number} ${note.id} [${note.refIds.join(' ')}]: ${toHtml(note.children)}`),
        '--- headings ---',
        ...(file.data.headings ?? []).map((heading) => `h${heading.rank} #${heading.id} ${heading.text}`),
        '--- images ---',
        ...(file.data.images ?? []).map((image) => path.relative(folder, image)),
        '--- messages ---',
        ...formatMessages([file], folder)
      ]
      expectFixture(path.join(folder, 'output.txt'), sections.join('\n') + '\n')
    })
  }
})
