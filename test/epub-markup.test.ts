/**
 * What the EPUB makes of a reading's markup, on fixtures: `test/fixtures/epub-markup/<case>/`
 * holds `input.md` and `output.xhtml`, the reading's document as it goes into the package.
 * `UPDATE=1` rewrites the expectations; review them in the diff.
 */
import path from 'node:path'
import {describe, it} from 'vitest'
import {createCitationContext} from '../src/citations/context.ts'
import {loadInput} from '../src/load/load-input.ts'
import {buildPack, type ProcessedReading} from '../src/pack/model.ts'
import {documentXhtml, prepareBook} from '../src/render/epub/book.ts'
import {createPipeline} from '../src/transform/pipeline.ts'
import {cases, expectFixture} from './helpers/fixtures.ts'

describe('EPUB markup fixtures', () => {
  for (const {name, folder} of cases('epub-markup')) {
    it(name, async () => {
      const citations = createCitationContext()
      const input = await loadInput(path.join(folder, 'input.md'), citations)
      const pipeline = createPipeline({root: input.root, checkImage: input.images.check, citations})
      const processed: ProcessedReading[] = []
      for (const file of input.readings) {
        processed.push({file, tree: await pipeline.run(pipeline.parse(file), file)})
      }
      const {documents} = prepareBook(buildPack(input, processed), {href: 'cover.png', alt: 'Cover'})
      const reading = documents.find((document) => document.reading !== undefined)!
      expectFixture(path.join(folder, 'output.xhtml'), documentXhtml(reading, ['style.css']))
    })
  }
})
