/**
 * remarkMatter: the reading's front matter, which the loader read and validated
 * (`file.data.frontMatter`), becomes `file.data.matter`, and its YAML node leaves the tree.
 *
 * A reading without a `title` in its front matter may take it from a first-level heading
 * at the very top, as plain Markdown files do; that heading then leaves the body.
 */
import type {Root} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {VFile} from 'vfile'
import {contentError} from '../util/messages.ts'

export function remarkMatter() {
  return function (tree: Root, file: VFile) {
    if (tree.children[0]?.type === 'yaml') tree.children.shift()
    const front = file.data.frontMatter
    if (!front) throw new Error('remarkMatter runs on readings the loader read: `file.data.frontMatter` is missing')
    // Errors in the front matter are on the file already.
    if (!front.values) return
    const data = {...front.values}

    if (!data.title) {
      const heading = tree.children[0]
      if (heading?.type === 'heading' && heading.depth === 1) {
        data.title = toString(heading)
        tree.children.shift()
      } else {
        contentError(file, 'Missing `title` in front matter, expected a title (or a `# Heading` on the first line)', {
          place: front.position?.start ?? {line: 1, column: 1},
          ruleId: 'missing-title',
          source: 'folio'
        })
        return
      }
    }

    file.data.matter = {...data, title: data.title}
  }
}
