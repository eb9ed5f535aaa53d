/**
 * Loading packs and building the pack model: manifests, readings in order, people merged
 * once across editors and authors, notes and ids kept apart per reading.
 */
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {build} from '../src/build.ts'
import {renderHtml} from '../src/render/html/index.ts'
import {formatMessages} from '../src/cli/report-text.ts'
import {fixturesRoot, temporaryFolder} from './helpers/index.ts'

const packs = path.join(fixturesRoot, 'packs')

async function pack(name: string) {
  return build({input: path.join(packs, name), outDir: temporaryFolder(), formats: [], cache: false})
}

describe('pack model', () => {
  it('keeps the readings in manifest order with their own languages', async () => {
    const {pack: model} = await pack('two-readings')
    expect(model?.readings.map((reading) => [reading.id, reading.matter.title, reading.lang])).toEqual([
      ['r1', 'One', 'en-GB'],
      ['r2', 'Two', 'fr-FR']
    ])
  })

  it('lists each person once: ORCID first, then the name, filling gaps from later records', async () => {
    const {pack: model} = await pack('two-readings')
    // Ada the editor (ORCID), "Ada  Example" the author (same name, spacing aside) and
    // "Ada Someone-Else" (same ORCID) are one person; Bob appears twice and gains his bio.
    expect(model?.people.map((person) => [person.id, person.name, person.affiliation, person.bio])).toEqual([
      ['person-ada-example', 'Ada Example', 'University of Somewhere', 'Ada edits and writes.'],
      ['person-bob-example', 'Bob Example', undefined, 'Bob writes too.'],
      ['person-cy-nobio', 'Cy Nobio', undefined, undefined]
    ])
    expect(model?.readings.map((reading) => reading.authorIds)).toEqual([
      ['person-ada-example', 'person-bob-example', 'person-cy-nobio'],
      ['person-bob-example', 'person-ada-example']
    ])
  })

  it('numbers notes from one in each reading, with ids unique in the pack', async () => {
    const {pack: model} = await pack('two-readings')
    expect(model?.readings.map((reading) => reading.notes.map((note) => [note.number, note.id]))).toEqual([[[1, 'r1-fn-n']], [[1, 'r2-fn-n']]])
  })

  it('links bylines to the appendix only for people it describes, so no link goes nowhere', async () => {
    const {pack: model} = await pack('two-readings')
    const html = renderHtml(model!, {images: () => Buffer.alloc(0)})
    const ids = new Set([...html.matchAll(/ id="([^"]+)"/g)].map((match) => match[1]))
    const targets = [...html.matchAll(/ href="#([^"]+)"/g)].map((match) => match[1])
    expect(targets.filter((target) => !ids.has(target))).toEqual([])
    expect(html).toContain('<span class="person">Cy Nobio</span>')
    expect(html).toContain('<a href="#person-bob-example" class="person">Bob Example</a>')
  })

  it('reports manifest problems with their place and builds nothing', async () => {
    const result = await pack('bad-manifest')
    expect(result.pack).toBeUndefined()
    expect(formatMessages(result.files, packs)).toEqual([
      'bad-manifest/pack.yaml:1:1: error Missing `title` in pack manifest, expected text (folio:invalid-value)',
      'bad-manifest/pack.yaml:2:8: error Unexpected `tabloid` for `paper`, expected a4 or letter (folio:invalid-value)',
      'bad-manifest/pack.yaml:3:11: error Unexpected list for `readings`, expected at least 1 item(s) (folio:invalid-value)'
    ])
  })

  it('points at a missing reading in the manifest', async () => {
    const result = await pack('missing-reading')
    expect(result.pack).toBeUndefined()
    expect(formatMessages(result.files, packs)).toEqual([
      `missing-reading/pack.yaml:4:5: error Cannot find reading \`not-here.md\`, expected a file at ${path.join(packs, 'missing-reading', 'not-here.md')} (folio:reading)`
    ])
  })
})
