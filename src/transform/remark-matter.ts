/**
 * remarkMatter: read the reading's YAML front matter into `file.data.matter`, validated.
 *
 * A reading without a `title` in its front matter may take it from a first-level heading
 * at the very top, as plain Markdown files do; that heading then leaves the body.
 */
import type {Root} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {VFile} from 'vfile'
import type {z} from 'zod'
import {readingKeys, readingMatterSchema, type ReadingMatter} from '../matter/schema.ts'
import {validateYaml} from '../matter/validate-yaml.ts'
import {contentError} from '../util/messages.ts'

const schema = readingMatterSchema.partial({title: true})

export function remarkMatter() {
  return function (tree: Root, file: VFile) {
    const first = tree.children[0]
    let data: z.output<typeof schema> = {}

    if (first?.type === 'yaml') {
      tree.children.shift()
      const start = first.position ? {line: first.position.start.line + 1, column: 1} : undefined
      const parsed = validateYaml(file, first.value, schema, {what: 'front matter', knownKeys: readingKeys, ...(start ? {start} : {})})
      if (!parsed) return
      data = parsed
    }

    if (data.authors) {
      if (data.author) {
        file.message('Unexpected both `author` and `authors` in front matter, expected one of them', {
          place: first?.position,
          ruleId: 'duplicate-key',
          source: 'folio'
        })
      }
      data.author = [...(data.author ?? []), ...data.authors]
      delete data.authors
    }

    if (!data.title) {
      const heading = tree.children[0]
      if (heading?.type === 'heading' && heading.depth === 1) {
        data.title = toString(heading)
        tree.children.shift()
      } else {
        contentError(file, 'Missing `title` in front matter, expected a title (or a `# Heading` on the first line)', {
          place: first?.position?.start ?? {line: 1, column: 1},
          ruleId: 'missing-title',
          source: 'folio'
        })
        return
      }
    }

    file.data.matter = data as ReadingMatter
  }
}
