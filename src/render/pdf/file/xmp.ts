/**
 * The XMP metadata packet PDF/UA requires (ISO 14289-1, 5 and 7.1): the PDF/UA identifier
 * and the document's title, and everything else the Info dictionary says, said the same way
 * (ISO 32000-1, 14.3.2: the two must agree).
 */
import {PDFName, type PDFDocument} from 'pdf-lib'

/** What the file says about itself, in its Info dictionary and its XMP alike. */
export interface PdfMetadata {
  title: string
  authors: string[]
  subject: string
  keywords: string[]
  lang: string
  /** The only date written into the file. */
  date: Date
  /** Whether every image has a text alternative, without which the file is not PDF/UA. */
  described: boolean
}

export interface XmpFields extends Omit<PdfMetadata, 'described'> {
  creator: string
  producer: string
  /** Claim PDF/UA-1: only when the file meets it as far as Folio can tell (every image described). */
  pdfua: boolean
}

export function xmpPacket(fields: XmpFields): string {
  const date = fields.date.toISOString().replace(/\.\d{3}Z$/, 'Z')
  const text = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  const alt = (value: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${text(value)}</rdf:li></rdf:Alt>`
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about=""',
    ' xmlns:dc="http://purl.org/dc/elements/1.1/"',
    ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/"',
    ' xmlns:xmp="http://ns.adobe.com/xap/1.0/"',
    ' xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">',
    ...(fields.pdfua ? ['<pdfuaid:part>1</pdfuaid:part>'] : []),
    '<dc:format>application/pdf</dc:format>',
    `<dc:title>${alt(fields.title)}</dc:title>`,
    ...(fields.authors.length > 0
      ? [`<dc:creator><rdf:Seq>${fields.authors.map((author) => `<rdf:li>${text(author)}</rdf:li>`).join('')}</rdf:Seq></dc:creator>`]
      : []),
    ...(fields.subject ? [`<dc:description>${alt(fields.subject)}</dc:description>`] : []),
    `<dc:language><rdf:Bag><rdf:li>${text(fields.lang)}</rdf:li></rdf:Bag></dc:language>`,
    ...(fields.keywords.length > 0
      ? [
          `<dc:subject><rdf:Bag>${fields.keywords.map((keyword) => `<rdf:li>${text(keyword)}</rdf:li>`).join('')}</rdf:Bag></dc:subject>`,
          `<pdf:Keywords>${text(fields.keywords.join(', '))}</pdf:Keywords>`
        ]
      : []),
    `<pdf:Producer>${text(fields.producer)}</pdf:Producer>`,
    `<xmp:CreatorTool>${text(fields.creator)}</xmp:CreatorTool>`,
    `<xmp:CreateDate>${date}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${date}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${date}</xmp:MetadataDate>`,
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>'
  ].join('\n')
}

/** Attach the packet as the catalog's metadata stream, uncompressed so any tool can read it. */
export function setXmp(document: PDFDocument, fields: XmpFields): void {
  const stream = document.context.stream(Buffer.from(xmpPacket(fields), 'utf8'), {Type: 'Metadata', Subtype: 'XML'})
  document.catalog.set(PDFName.of('Metadata'), document.context.register(stream))
}
