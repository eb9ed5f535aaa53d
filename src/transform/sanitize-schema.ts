/**
 * What raw HTML in a reading may keep. Based on GitHub's schema (the one `hast-util-sanitize`
 * ships), plus figures, language attributes and a small SVG vocabulary for drawings; no
 * scripts, styles, event handlers, forms, frames or remote embeds.
 */
import {defaultSchema, type Schema} from 'hast-util-sanitize'

const svgShapes = [
  'svg',
  'g',
  'path',
  'rect',
  'circle',
  'ellipse',
  'line',
  'polyline',
  'polygon',
  'text',
  'tspan',
  'title',
  'desc',
  'defs',
  'linearGradient',
  'radialGradient',
  'stop'
]

const svgPresentation = [
  'fill',
  'fillOpacity',
  'fillRule',
  'stroke',
  'strokeWidth',
  'strokeOpacity',
  'strokeLinecap',
  'strokeLinejoin',
  'strokeDasharray',
  'opacity',
  'transform',
  'fontSize',
  'fontWeight',
  'fontStyle',
  'textAnchor',
  'dominantBaseline'
]

const svgGeometry = ['x', 'y', 'x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'r', 'rx', 'ry', 'width', 'height', 'd', 'points', 'dx', 'dy']

export const sanitizeSchema: Schema = {
  ...defaultSchema,
  // Ids are made unique across the pack by `linkReadings` (`pack/links.ts`), which prefixes them per reading.
  clobber: [],
  clobberPrefix: '',
  // `caption` too: dropping it would leave its text loose inside the table.
  // `<source srcset>` in `<picture>` names files no edition embeds (or the web): the picture
  // keeps its `<img>`, which `rehypeImages` checks. What values may point at is decided in
  // one place, `rehypeSafeUrls`.
  tagNames: [
    ...(defaultSchema.tagNames ?? []).filter((name) => name !== 'source'),
    'figure',
    'figcaption',
    'abbr',
    'cite',
    'mark',
    'small',
    'u',
    'aside',
    'caption',
    'colgroup',
    'col',
    ...svgShapes
  ],
  attributes: {
    ...defaultSchema.attributes,
    '*': [...(defaultSchema.attributes?.['*'] ?? []), 'className', 'ariaLabel', 'ariaHidden'],
    abbr: ['title'],
    svg: ['role', 'viewBox', 'xmlns', 'preserveAspectRatio', 'width', 'height', ...svgPresentation],
    g: svgPresentation,
    text: [...svgGeometry, ...svgPresentation],
    tspan: [...svgGeometry, ...svgPresentation],
    path: [...svgGeometry, ...svgPresentation],
    rect: [...svgGeometry, ...svgPresentation],
    circle: [...svgGeometry, ...svgPresentation],
    ellipse: [...svgGeometry, ...svgPresentation],
    line: [...svgGeometry, ...svgPresentation],
    polyline: [...svgGeometry, ...svgPresentation],
    polygon: [...svgGeometry, ...svgPresentation],
    linearGradient: ['id', 'x1', 'y1', 'x2', 'y2', 'gradientUnits', 'gradientTransform'],
    radialGradient: ['id', 'cx', 'cy', 'r', 'fx', 'fy', 'gradientUnits', 'gradientTransform'],
    stop: ['offset', 'stopColor', 'stopOpacity'],
    ol: [...(defaultSchema.attributes?.['ol'] ?? []), 'reversed'],
    // Cross-references are links marked `xref`, which the print edition follows with a page.
    a: [
      ...(defaultSchema.attributes?.['a'] ?? []).filter((entry) => !(Array.isArray(entry) && entry[0] === 'className')),
      ['className', 'data-footnote-backref', 'xref']
    ],
    // remark-math marks `$$…$$` written inside a sentence as display math.
    code: [['className', /^language-./, 'math-inline', 'math-display']],
    // Never fetched as it is: an image's description on the web would be a request.
    img: (defaultSchema.attributes?.['img'] ?? []).filter((name) => name !== 'longDesc')
  },
  strip: ['script', 'style', 'template', 'iframe', 'object', 'embed', 'foreignObject']
}
