/**
 * XML as Folio reads it (SVG images, CSL styles): parsed by `@rgrove/parse-xml` (through
 * xast), which reads no DTD, expands no entity but XML's five and fetches nothing. A DOCTYPE
 * that declares entities is refused outright, so no consumer down the line (the browser's
 * XML parser, which would expand them) ever sees one: that is the "billion laughs" bomb.
 */
import type {Root} from 'xast'
import {fromXml} from 'xast-util-from-xml'

/** Why an XML text is refused for its DOCTYPE (`undefined` when it is fine). */
export function refusesEntities(text: string): string | undefined {
  const doctype = /<!DOCTYPE\b[^[>]*(\[[\s\S]*?\]\s*)?>/i.exec(text)
  if (doctype?.[1] && /<!ENTITY\b/i.test(doctype[1])) return 'a DOCTYPE that declares entities (never expanded)'
  return undefined
}

/** The XML tree, or why it is not well-formed (with its line and column). */
export function parseXmlSafely(text: string): {ok: true; tree: Root} | {ok: false; problem: string; place: {line: number; column: number} | undefined} {
  const entities = refusesEntities(text)
  if (entities) return {ok: false, problem: entities, place: undefined}
  try {
    return {ok: true, tree: fromXml(text)}
  } catch (error) {
    const message = error as {reason?: string; message?: string; line?: number; column?: number}
    const reason = (message.reason ?? message.message ?? 'not well-formed').split('\n')[0]!
    return {ok: false, problem: `XML that is not well-formed (${reason})`, place: message.line ? {line: message.line, column: message.column ?? 1} : undefined}
  }
}
