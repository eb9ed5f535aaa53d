/**
 * The bytes of the pack's images for the package. An image the EPUB cannot carry as it is
 * (WebP, not an EPUB 3.2 core media type) is redrawn as PNG at its own size by the build's
 * browser: lossless, and the same bytes every time. SVG files are cleaned (`cleanSvg`).
 * An image that cannot be read as what its name says is left out.
 */
import {browserFault, type BrowserSession} from '../../browser/session.ts'
import type {ImageSource} from '../shared/images.ts'
import type {PackImage} from './images.ts'
import {cleanSvg} from './svg-files.ts'

export interface ImageFile extends PackImage {
  data: Uint8Array
}

export async function imageFiles(
  images: PackImage[],
  options: {session: BrowserSession; images: ImageSource}
): Promise<{files: ImageFile[]; unusable: Set<string>}> {
  const files: ImageFile[] = []
  const unusable = new Set<string>()
  for (const image of images) {
    const data = await usableData(image, new Uint8Array(options.images(image.source)), options.session)
    if (data) files.push({...image, data})
    else unusable.add(image.href)
  }
  return {files, unusable}
}

async function usableData(image: PackImage, data: Uint8Array, session: BrowserSession): Promise<Uint8Array | undefined> {
  if (image.sourceType === 'image/svg+xml') {
    const svg = cleanSvg(new TextDecoder().decode(data))
    return svg === undefined ? undefined : new TextEncoder().encode(svg)
  }
  if (image.mediaType === image.sourceType) return data
  return toPng(session, data, image.sourceType)
}

/**
 * The image redrawn as PNG, or `undefined` when Chromium cannot decode it; a browser that
 * died under it is the build's fault, thrown.
 */
export async function toPng(session: BrowserSession, data: Uint8Array, mediaType: string): Promise<Uint8Array | undefined> {
  const page = await session.page()
  try {
    const url = `data:${mediaType};base64,${Buffer.from(data).toString('base64')}`
    const png = await page.evaluate(async (source: string) => {
      const image = new Image()
      image.src = source
      await image.decode()
      const canvas = document.createElement('canvas')
      canvas.width = image.naturalWidth
      canvas.height = image.naturalHeight
      canvas.getContext('2d')?.drawImage(image, 0, 0)
      return canvas.toDataURL('image/png')
    }, url)
    return new Uint8Array(Buffer.from(png.slice(png.indexOf(',') + 1), 'base64'))
  } catch (error) {
    if (browserFault(error)) throw error
    return undefined
  } finally {
    await page.close()
  }
}
