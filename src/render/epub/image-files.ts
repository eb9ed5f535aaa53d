/**
 * The bytes of the pack's images for the package. An image the EPUB cannot carry as it is
 * (WebP, not an EPUB 3.2 core media type) is redrawn as PNG at its own size by the build's
 * browser: lossless, and the same bytes every time.
 */
import type {BrowserSession} from '../../browser/session.ts'
import type {ImageSource} from '../shared/images.ts'
import type {PackImage} from './images.ts'

export interface ImageFile extends PackImage {
  data: Uint8Array
}

export async function imageFiles(images: PackImage[], options: {session: BrowserSession; images: ImageSource}): Promise<ImageFile[]> {
  const files: ImageFile[] = []
  for (const image of images) {
    const data = new Uint8Array(options.images(image.source))
    files.push({...image, data: image.mediaType === image.sourceType ? data : await toPng(options.session, data, image.sourceType)})
  }
  return files
}

export async function toPng(session: BrowserSession, data: Uint8Array, mediaType: string): Promise<Uint8Array> {
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
  } finally {
    await page.close()
  }
}
