/**
 * The pack's images, read once through the gate (`readInPack`) and checked by their bytes
 * (`checkImageBytes`) when the pipeline meets them, then served to the renderers from
 * memory: what goes into an edition is exactly what was checked.
 */
import path from 'node:path'
import {checkImageBytes} from './image-bytes.ts'
import {readInPack, refusalReason, type FileKind} from './read-in-pack.ts'

export class PackImages {
  readonly #root: string
  readonly #checked = new Map<string, {bytes: Buffer} | {problem: string}>()

  /** `root`: absolute path of the pack's folder. */
  constructor(root: string) {
    this.#root = root
  }

  /**
   * Why the image at `absolute` (written `src` in the content) cannot be used, or `undefined`
   * when it can. The reason is a whole message: "Unexpected image `x.png` that is empty…".
   */
  check = (absolute: string, src: string, kind: FileKind = 'image'): string | undefined => {
    let entry = this.#checked.get(absolute)
    if (!entry) {
      entry = this.#read(absolute, kind)
      this.#checked.set(absolute, entry)
    }
    return 'problem' in entry ? entry.problem.replaceAll('\u0000', src) : undefined
  }

  /**
   * The bytes of an accepted image, by its path relative to the pack's root (an
   * `ImageSource`). A reading taken from the cache met its images in an earlier build; they
   * are checked again here, as they are read.
   */
  read = (relative: string): Buffer => {
    const absolute = path.resolve(this.#root, relative)
    const problem = this.check(absolute, relative)
    const entry = this.#checked.get(absolute)
    if (problem !== undefined || !entry || !('bytes' in entry)) throw new Error(problem ?? `Image \`${relative}\` cannot be used`)
    return entry.bytes
  }

  #read(absolute: string, kind: FileKind): {bytes: Buffer} | {problem: string} {
    const what = kind === 'cover' ? 'cover' : 'image'
    // The name as written is put in when the message is made (one image, many readings).
    const read = readInPack(this.#root, absolute, kind)
    if (!read.ok) return {problem: refusalReason(read.refusal, what, '\u0000', kind === 'cover' ? absolute : 'that path relative to the reading')}
    const checked = checkImageBytes(read.bytes, path.extname(absolute))
    if (!checked.ok) return {problem: `Unexpected ${what} \`\u0000\` ${checked.problem}`}
    return {bytes: read.bytes}
  }
}
