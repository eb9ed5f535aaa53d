/**
 * PDF readings in the print edition: the pack was printed with a placeholder page for each
 * page of the source (the pack's running head and folio only); here each placeholder is
 * replaced by the source's page, fitted to the pack's paper between the running head and
 * the folio, with the placeholder's drawing kept under it as an artifact. The source's
 * structure goes under the reading's element, its bookmarks under the reading's bookmark.
 */
import {PDFDocument} from 'pdf-lib'
import type {PageGeometry} from '../geometry.ts'
import {appendStructure, drawUnder, findElement, graftPages, pageAsForm, removePageStructure, transformPage} from './graft.ts'
import type {OutlineEntry} from './outline.ts'

/** Points per millimetre. */
const ptPerMm = 72 / 25.4

/** Room kept free at the top and foot of a placed page for the running head and folio, beyond their distance from the edge. */
const bandMm = 6

export interface Placement {
  /** The source file's bytes (already checked when the pack was loaded). */
  source: Uint8Array
  /** 0-based pages of the source to place, in order. */
  sourcePages: number[]
  /** 1-based pages of the printed pack that hold their places, as many as `sourcePages`. */
  packPages: number[]
  /** 1-based page of the reading's sheet, whose reading element the source's structure joins. */
  sheetPage: number
  /** Level of the reading's own bookmark: the source's bookmarks go one deeper. */
  level: number
}

/**
 * Place every PDF reading's pages. Returns the source bookmarks, as outline entries, for the
 * book's outline.
 */
export async function placePdfPages(document: PDFDocument, placements: Placement[], geometry: PageGeometry): Promise<OutlineEntry[]> {
  const outline: OutlineEntry[] = []
  for (const [placementIndex, placement] of placements.entries()) {
    const source = await PDFDocument.load(placement.source, {updateMetadata: false, parseSpeed: Number.POSITIVE_INFINITY})
    // One source placed twice, or two printed by one renderer, can hold the same IDs (`ids.ts`).
    const grafted = graftPages(source, document, placement.sourcePages, `source-${placementIndex + 1}/`)
    const packPages = document.getPages()
    const sheet = packPages[placement.sheetPage - 1]
    const parent = sheet ? (findElement(document, sheet, 'Art') ?? findElement(document, sheet, 'Sect')) : undefined
    appendStructure(document, parent, grafted.elements)

    const matrices = grafted.pages.map((page, index) => {
      const packIndex = placement.packPages[index]! - 1
      const placeholder = document.getPage(packIndex)
      const width = placeholder.getWidth()
      const height = placeholder.getHeight()
      const matrix = fit(page.getMediaBox(), page.getRotation().angle, width, height, geometry)
      transformPage(page, matrix, {width, height})
      removePageStructure(document, placeholder)
      drawUnder(page, pageAsForm(document, placeholder), 'FolioPagination')
      document.removePage(packIndex)
      document.insertPage(packIndex, page)
      document.context.delete(placeholder.ref)
      return {matrix, height}
    })

    for (const bookmark of grafted.outline) {
      const {matrix, height} = matrices[bookmark.page]!
      const y = bookmark.y === undefined ? height : matrix[3] * bookmark.y + matrix[5]
      outline.push({
        title: bookmark.title,
        level: placement.level + 1 + bookmark.depth,
        page: placement.packPages[bookmark.page]!,
        top: Math.max(0, (height - y) / 0.75)
      })
    }
  }
  return outline
}

/**
 * The matrix that fits a source page (its media box, turned by its /Rotate) into the pack's
 * page below the running head and above the folio, centred, never enlarged past its size.
 */
export function fit(
  box: {x: number; y: number; width: number; height: number},
  rotation: number,
  width: number,
  height: number,
  geometry: PageGeometry
): [number, number, number, number, number, number] {
  const top = (geometry.head + bandMm) * ptPerMm
  const bottom = (geometry.foot + bandMm) * ptPerMm
  const turned = ((rotation % 360) + 360) % 360
  const sideways = turned === 90 || turned === 270
  const shownWidth = sideways ? box.height : box.width
  const shownHeight = sideways ? box.width : box.height
  const scale = Math.min(width / shownWidth, (height - top - bottom) / shownHeight, 1)
  const left = (width - shownWidth * scale) / 2
  const base = bottom + (height - top - bottom - shownHeight * scale) / 2
  // Rotation about the box's origin, then scale, then move into place (PDF's clockwise /Rotate).
  const [a, b, c, d] = turned === 90 ? [0, -1, 1, 0] : turned === 180 ? [-1, 0, 0, -1] : turned === 270 ? [0, 1, -1, 0] : [1, 0, 0, 1]
  // Where the box's corners land after rotating: shift so the rotated box starts at (0, 0).
  const corners = [
    [box.x, box.y],
    [box.x + box.width, box.y],
    [box.x, box.y + box.height],
    [box.x + box.width, box.y + box.height]
  ].map(([x, y]) => [a * x! + c * y!, b * x! + d * y!] as const)
  const minX = Math.min(...corners.map(([x]) => x))
  const minY = Math.min(...corners.map(([, y]) => y))
  return [a * scale, b * scale, c * scale, d * scale, left - minX * scale, base - minY * scale]
}
