/**
 * Paper and margins. Margins are mirrored for binding: the inner margin (left on right-hand
 * pages, right on left-hand pages) is wider than the outer one.
 */
import type {PackManifest} from '../../matter/schema.ts'

export type Paper = NonNullable<PackManifest['paper']>

export interface PageGeometry {
  /** Sheet size, millimetres. */
  width: number
  height: number
  /** Margins, millimetres. */
  top: number
  bottom: number
  inner: number
  outer: number
  /** Distance from the sheet's edge to the running head and to the page number. */
  head: number
  foot: number
}

export const papers: Record<Paper, PageGeometry> = {
  a4: {width: 210, height: 297, top: 24, bottom: 24, inner: 30, outer: 24, head: 12, foot: 12},
  letter: {width: 215.9, height: 279.4, top: 22, bottom: 22, inner: 30, outer: 24, head: 11, foot: 11}
}

/** CSS pixels per millimetre (96 per inch). */
export const pxPerMm = 96 / 25.4

export function textWidth(geometry: PageGeometry): number {
  return geometry.width - geometry.inner - geometry.outer
}

/** Height available to the flow and the notes on one page, in CSS pixels. */
export function textHeightPx(geometry: PageGeometry): number {
  return (geometry.height - geometry.top - geometry.bottom) * pxPerMm
}

/** The geometry as CSS custom properties and the `@page` rule. */
export function geometryCss(geometry: PageGeometry): string {
  const mm = (value: number) => `${value}mm`
  return (
    `@page{size:${mm(geometry.width)} ${mm(geometry.height)};margin:0}` +
    `:root{--page-width:${mm(geometry.width)};--page-height:${mm(geometry.height)};--text-width:${mm(textWidth(geometry))};` +
    `--text-height:${mm(geometry.height - geometry.top - geometry.bottom)};--margin-top:${mm(geometry.top)};--margin-bottom:${mm(geometry.bottom)};` +
    `--inner:${mm(geometry.inner)};--outer:${mm(geometry.outer)};--head:${mm(geometry.head)};--foot:${mm(geometry.foot)}}`
  )
}
