/**
 * `dist/index.html`, the page a course website or a CI job publishes: the pack (cover,
 * title, course, description, "How to cite this pack") and a link to every file the build
 * made, with its size and pages.
 */
import path from 'node:path'
import type {ElementContent} from 'hast'
import type {Pack, Reading} from '../../pack/model.ts'
import {wordsFor} from '../../words.ts'
import type {Format} from '../context.ts'
import {coverPeople} from '../epub/cover.ts'
import type {ImageSource} from '../shared/images.ts'
import {courseLines} from '../shared/front-back.ts'
import {renderSite, type SiteFile} from './index.ts'

/** An edition in memory, before it is written. */
export interface Made {
  format: Format
  /** Path under the output folder, with `/`. */
  relative: string
  data: string | Uint8Array
  pages?: number
  started: number
  reading?: Reading
}

/** `dist/index.html`: the pack, and a link to every file made. */
export function landingPage(pack: Pack, made: Made[], howToCite: ElementContent[], images: ImageSource): string {
  const words = wordsFor(pack.lang)
  const file = (one: Made): SiteFile => ({
    format: one.format,
    href: one.relative,
    bytes: typeof one.data === 'string' ? Buffer.byteLength(one.data) : one.data.byteLength,
    ...(one.pages ? {pages: one.pages} : {})
  })
  const order: Format[] = ['html', 'pdf', 'epub']
  const byFormat = (a: Made, b: Made) => order.indexOf(a.format) - order.indexOf(b.format)
  const editions = made
    .filter((one) => !one.reading)
    .sort(byFormat)
    .map(file)
  const readings = pack.readings
    .map((reading) => ({
      title: reading.matter.title,
      files: made
        .filter((one) => one.reading === reading)
        .sort(byFormat)
        .map(file)
    }))
    .filter((reading) => reading.files.length > 0)
  const people = coverPeople(pack)
  return renderSite(
    {
      title: pack.title,
      subtitle: pack.subtitle,
      lang: pack.lang,
      people,
      course: courseLines(pack),
      courseUrl: pack.course?.url,
      description: pack.abstract,
      cover: pack.cover ? coverDataUrl(pack.cover, images(pack.cover)) : undefined,
      howToCite
    },
    editions,
    readings,
    {
      download: words.download,
      readings: words.readings,
      howToCitePack: words.howToCitePack,
      formats: {html: words.webEdition, pdf: words.printEdition, epub: words.epubEdition},
      pages: (count) => (count === 1 ? words.onePage : words.pageCount.replace('{count}', String(count)))
    }
  )
}

/** The cover (`relative` to the pack's root), as the gate read and checked it. */
function coverDataUrl(relative: string, bytes: Uint8Array): string {
  const types: Record<string, string> = {
    '.png': 'image/png',
    '.jpg': 'image/jpeg',
    '.jpeg': 'image/jpeg',
    '.gif': 'image/gif',
    '.svg': 'image/svg+xml',
    '.webp': 'image/webp'
  }
  return `data:${types[path.extname(relative).toLowerCase()] ?? 'application/octet-stream'};base64,${Buffer.from(bytes).toString('base64')}`
}
