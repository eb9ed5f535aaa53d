/**
 * Hostile packs, written into a temporary folder beside a canary: a file outside the pack
 * holding a unique string, which must never appear in an edition or a message. Each case is
 * a few files (text, bytes, symlinks, pipes, folders) and what the build is expected to do.
 * Used by `test/hostile.test.ts` (one case per class) and `test/hostile-corpus.ts` (all).
 */
import {execFileSync} from 'node:child_process'
import {randomBytes} from 'node:crypto'
import {mkdirSync, symlinkSync, writeFileSync, truncateSync} from 'node:fs'
import http from 'node:http'
import type {AddressInfo} from 'node:net'
import path from 'node:path'

/** A 1 × 1 PNG. */
export const pngBytes = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')

/** A PNG header that claims 100,000 × 100,000 pixels (a decompression bomb's shape). */
export const pngBomb = (() => {
  const bytes = Buffer.from(pngBytes)
  bytes.writeUInt32BE(100_000, 16)
  bytes.writeUInt32BE(100_000, 20)
  return bytes
})()

export type Entry =
  | string
  | Buffer
  | {symlink: string}
  | {fifo: true}
  | {folder: true}
  /** A file of this many bytes, sparse (huge without using the disk). */
  | {size: number; head?: string}

export interface HostileCase {
  name: string
  /** Which class of attack or fault, for the report. */
  kind: string
  /** Files of the pack, by path relative to it; `{CANARY}` and `{URL}` are replaced. */
  files?: Record<string, Entry>
  /** What to build: the pack (default) or one file in it. */
  input?: string
  /** Extra arguments (default: `--format html`). */
  args?: string[]
  env?: Record<string, string>
  /** Exit statuses that count as handled (default [0, 1]). */
  status?: number[]
  /** A message the build must print (its file and place make it usable). */
  message?: RegExp
}

/** The canary and the listener every case runs against. */
export interface Trap {
  canary: string
  /** `http://127.0.0.1:PORT/`: any request fails the case. */
  url: string
  hits: string[]
  close: () => Promise<void>
}

export async function openTrap(): Promise<Trap> {
  const hits: string[] = []
  const server = http.createServer((request, response) => {
    hits.push(`${request.method} ${request.url}`)
    response.end('trap')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as AddressInfo
  return {
    canary: `CANARY-${randomBytes(8).toString('hex')}`,
    url: `http://127.0.0.1:${port}/`,
    hits,
    close: () => new Promise((resolve) => server.close(() => resolve()))
  }
}

/**
 * Write the case under `folder`: `folder/outside/` holds the canary files, `folder/pack/`
 * the pack. Returns the pack's path.
 */
export function writeCase(folder: string, hostile: HostileCase, trap: Trap): string {
  const outside = path.join(folder, 'outside')
  const pack = path.join(folder, 'pack')
  mkdirSync(outside, {recursive: true})
  mkdirSync(pack, {recursive: true})
  writeFileSync(path.join(outside, 'secret.txt'), `${trap.canary}\n`)
  writeFileSync(path.join(outside, 'secret.md'), `---\ntitle: ${trap.canary}\n---\n\n${trap.canary}\n`)
  writeFileSync(path.join(outside, 'secret.png'), Buffer.concat([pngBytes, Buffer.from(trap.canary)]))
  writeFileSync(path.join(outside, 'secret.svg'), `<svg xmlns="http://www.w3.org/2000/svg"><text>${trap.canary}</text></svg>`)
  writeFileSync(path.join(outside, 'secret.bib'), `@book{secret, title = {${trap.canary}}, author = {Canary, A.}, year = {2020}}\n`)
  writeFileSync(path.join(outside, 'secret.yaml'), `title: ${trap.canary}\nreadings: [../outside/secret.md]\n`)
  writeFileSync(
    path.join(outside, 'secret.csl'),
    `<?xml version="1.0"?><style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><info><title>${trap.canary}</title><id>x</id><updated>2020-01-01T00:00:00Z</updated></info><citation><layout><text value="${trap.canary}"/></layout></citation></style>`
  )
  const files: Record<string, Entry> = {'pack.yaml': 'title: Hostile\nreadings: [a.md]\n', 'a.md': '---\ntitle: A\n---\n\nText.\n', ...hostile.files}
  for (const [name, entry] of Object.entries(files)) {
    const target = path.join(pack, name)
    mkdirSync(path.dirname(target), {recursive: true})
    if (typeof entry === 'string') writeFileSync(target, entry.replaceAll('{CANARY}', trap.canary).replaceAll('{URL}', trap.url))
    else if (Buffer.isBuffer(entry)) writeFileSync(target, entry)
    else if ('symlink' in entry) symlinkSync(entry.symlink, target)
    else if ('fifo' in entry) execFileSync('mkfifo', [target])
    else if ('folder' in entry) mkdirSync(target, {recursive: true})
    else {
      writeFileSync(target, entry.head ?? '')
      truncateSync(target, entry.size)
    }
  }
  return pack
}

const reading = (body: string, matter = '') => `---\ntitle: A\n${matter}---\n\n${body}\n`
const withImage = (name: string, entry: Entry): Record<string, Entry> => ({'a.md': reading(`![alt text](${name})`), [name]: entry})
const manifest = (extra: string) => `title: Hostile\nreadings: [a.md]\n${extra}`

/** Every hostile case, by class. */
export function hostileCases(): HostileCase[] {
  const cases: HostileCase[] = []
  const add = (kind: string, name: string, hostile: Omit<HostileCase, 'name' | 'kind'>) => cases.push({kind, name, ...hostile})

  // Symlinks and special files, for every kind of file the content names.
  const outsideTargets: Record<string, string> = {md: 'secret.md', png: 'secret.png', svg: 'secret.svg', bib: 'secret.bib', csl: 'secret.csl'}
  add('symlink', 'reading symlink out', {files: {'a.md': {symlink: '../outside/secret.md'}}, message: /resolves outside the pack/})
  add('symlink', 'reading under symlinked folder', {
    files: {up: {symlink: '..'}, 'pack.yaml': manifest('').replace('a.md', 'up/outside/secret.md')},
    message: /outside the pack/
  })
  add('symlink', 'image symlink out', {files: withImage('leak.png', {symlink: '../outside/secret.png'}), message: /resolves outside/})
  add('symlink', 'svg image symlink out', {files: withImage('leak.svg', {symlink: '../outside/secret.svg'}), message: /resolves outside/})
  add('symlink', 'image under symlinked folder', {files: {up: {symlink: '..'}, 'a.md': reading('![x](up/outside/secret.png)')}, message: /resolves outside/})
  add('symlink', 'cover symlink out', {files: {'pack.yaml': manifest('cover: c.png\n'), 'c.png': {symlink: '../outside/secret.png'}}, message: /cover/})
  add('symlink', 'bibliography symlink out', {
    files: {'pack.yaml': manifest('bibliography: [r.bib]\n'), 'r.bib': {symlink: '../outside/secret.bib'}, 'a.md': reading('[@secret]')},
    message: /resolves outside/
  })
  add('symlink', 'front-matter bibliography under symlinked folder', {
    files: {up: {symlink: '..'}, 'a.md': reading('[@secret]', 'bibliography: up/outside/secret.bib\n')},
    message: /resolves outside/
  })
  add('symlink', 'csl symlink out', {files: {'a.md': reading('x', 'csl: s.csl\n'), 's.csl': {symlink: '../outside/secret.csl'}}, message: /resolves outside/})
  add('symlink', 'csl by name beside, symlink out', {
    files: {'a.md': reading('x', 'csl: apa\n'), 'apa.csl': {symlink: '../outside/secret.csl'}},
    message: /resolves outside/
  })
  add('symlink', 'pack.yaml symlink out', {files: {'pack.yaml': {symlink: '../outside/secret.yaml'}}, message: /resolves outside/})
  add('symlink', 'symlink loop image', {files: withImage('loop.png', {symlink: 'loop.png'}), message: /loop\.png/})
  add('symlink', 'dangling symlink reading', {files: {'a.md': {symlink: 'nowhere.md'}}, message: /Cannot find reading/})
  add('symlink', 'absolute symlink to /etc/passwd as reading', {files: {'a.md': {symlink: '/etc/passwd'}}, message: /resolves outside/})
  for (const [kind, file] of Object.entries(outsideTargets)) {
    add('symlink', `absolute symlink out as .${kind} via reading folder`, {
      files: {'sub/x': {symlink: path.posix.join('..', '..', 'outside', file)}, 'a.md': reading(`![x](sub/x)`)},
      message: /image|type/
    })
  }
  for (const [what, name] of [
    ['reading', 'a.md'],
    ['image', 'i.png'],
    ['bibliography', 'r.bib'],
    ['style', 's.csl'],
    ['cover', 'c.png'],
    ['manifest', 'pack.yaml']
  ] as const) {
    const uses: Record<string, Entry> =
      what === 'image'
        ? {'a.md': reading('![alt](i.png)')}
        : what === 'bibliography'
          ? {'a.md': reading('[@k]', 'bibliography: r.bib\n')}
          : what === 'style'
            ? {'a.md': reading('x', 'csl: s.csl\n')}
            : what === 'cover'
              ? {'pack.yaml': manifest('cover: c.png\n')}
              : {}
    add('special file', `${what} is a FIFO`, {files: {...uses, [name]: {fifo: true}}, message: /not a regular file/})
    add('special file', `${what} is a folder`, {files: {...uses, [name]: {folder: true}}, message: /folder/})
    add('special file', `${what} is /dev/zero`, {files: {...uses, [name]: {symlink: '/dev/zero'}}, message: /outside the pack|not a regular file/})
  }

  // Raw HTML and inline SVG that would make the page fetch.
  const raw: Record<string, string> = {
    'svg fill url': '<svg><rect fill="url({URL}fill)" width="5" height="5"/></svg>',
    'svg stroke url': '<svg><rect stroke="url({URL}stroke)" width="5" height="5"/></svg>',
    'svg filter url': '<svg><rect filter="url({URL}filter)" width="5" height="5"/></svg>',
    'svg clip-path url': '<svg><rect clip-path="url({URL}clip)" width="5" height="5"/></svg>',
    'svg mask url': '<svg><rect mask="url({URL}mask)" width="5" height="5"/></svg>',
    'svg marker url': '<svg><path d="M0 0L5 5" marker-end="url({URL}marker)"/></svg>',
    'svg css escape url': '<svg><rect fill="\\75 rl({URL}escape)" width="5" height="5"/></svg>',
    'svg image href': '<svg><image href="{URL}image" width="5" height="5"/></svg>',
    'svg use xlink': '<svg><use xlink:href="{URL}use#a"/></svg>',
    'svg style element import': '<svg><style>@import url({URL}import);</style></svg>',
    'svg foreignObject iframe': '<svg><foreignObject><iframe src="{URL}iframe"></iframe></foreignObject></svg>',
    'picture source srcset': '<picture><source srcset="{URL}srcset 1x, {URL}srcset2 2x"><img src="i.png" alt="p"></picture>',
    'img srcset': '<img src="i.png" srcset="{URL}imgsrcset 2x" alt="s">',
    'img remote src': '<img src="{URL}img" alt="r">',
    'img protocol-relative': '<img src="//127.0.0.1:1/x.png" alt="r">',
    'img file url': '<img src="file:///etc/passwd" alt="f">',
    'img data svg with remote': `<img src="data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg'><image href='{URL}data'/></svg>" alt="d">`,
    'video poster': '<video poster="{URL}poster" src="{URL}video"></video>',
    'audio src': '<audio src="{URL}audio" autoplay></audio>',
    'track src': '<video><track src="{URL}track"></video>',
    'link stylesheet': '<link rel="stylesheet" href="{URL}link">',
    'link prefetch': '<link rel="prefetch" href="{URL}prefetch">',
    'base href': '<base href="{URL}base/"><img src="i.png" alt="b">',
    'meta refresh': '<meta http-equiv="refresh" content="0;url={URL}refresh">',
    iframe: '<iframe src="{URL}iframe2"></iframe>',
    'object data': '<object data="{URL}object"></object>',
    'embed src': '<embed src="{URL}embed">',
    'script src': '<script src="{URL}script"></script>',
    'img onerror': `<img src="x" onerror="fetch('{URL}onerror')" alt="e">`,
    'style attribute background': '<div style="background:url({URL}style)">s</div>',
    'style element': '<style>body{background:url({URL}styleel)}</style>',
    'background attribute': '<table background="{URL}bgattr"><tr><td>x</td></tr></table>',
    'form action': '<form action="{URL}form"><input type="image" src="{URL}input"></form>',
    'anchor ping': '<a href="#x" ping="{URL}ping">p</a>',
    'javascript link': '<a href="javascript:fetch(\'{URL}js\')">j</a>',
    'math href': '<math><mi href="{URL}math">x</mi></math>',
    'blockquote cite': '<blockquote cite="{URL}cite">q</blockquote>',
    'img longdesc': '<img src="i.png" longdesc="{URL}longdesc" alt="l">',
    'input formaction': '<button formaction="{URL}formaction">b</button>',
    'svg animate href': '<svg><a><animate attributeName="href" values="{URL}animate"/><text>t</text></a></svg>',
    'noscript img': '<noscript><img src="{URL}noscript"></noscript>',
    'template img': '<template><img src="{URL}template"></template>',
    'markdown image remote': '![r]({URL}md-image)',
    'markdown image reference remote': '![r][ref]\n\n[ref]: {URL}md-ref'
  }
  for (const [name, html] of Object.entries(raw)) add('raw html', name, {files: {'a.md': reading(`Text.\n\n${html}\n`), 'i.png': pngBytes}})

  // Images by their bytes.
  add('image bytes', 'zero-byte png', {files: withImage('e.png', ''), message: /empty/})
  add('image bytes', 'text named png', {files: withImage('t.png', 'not an image at all'), message: /cannot be read as PNG/})
  add('image bytes', 'jpeg named png', {
    files: withImage(
      'j.png',
      Buffer.from(
        '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
        'base64'
      )
    ),
    message: /JPEG/
  })
  add('image bytes', 'pixel bomb png', {files: withImage('b.png', pngBomb), message: /million pixels/})
  add('image bytes', 'truncated png header', {files: withImage('h.png', pngBytes.subarray(0, 20)), message: /h\.png/})
  add('image bytes', 'svg entity bomb', {
    files: withImage(
      'bomb.svg',
      `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]><svg xmlns="http://www.w3.org/2000/svg"><text>&h;</text></svg>`
    ),
    message: /entities/
  })
  add('image bytes', 'svg external entity', {
    files: withImage(
      'ext.svg',
      `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file://{CANARY}/../../outside/secret.txt">]><svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>`
    ),
    message: /entities/
  })
  add('image bytes', 'svg not well-formed', {files: withImage('bad.svg', '<svg xmlns="http://www.w3.org/2000/svg"><g></svg>'), message: /well-formed/})
  add('image bytes', 'svg without svg root', {files: withImage('html.svg', '<html><body>x</body></html>'), message: /svg/i})
  add('image bytes', 'svg invalid utf-8', {
    files: withImage('u.svg', Buffer.from([0x3c, 0x73, 0x76, 0x67, 0x3e, 0xff, 0xfe, 0x3c, 0x2f, 0x73, 0x76, 0x67, 0x3e])),
    message: /UTF-8/
  })
  add('image bytes', 'huge image file', {files: withImage('huge.png', {size: 40 * 1024 * 1024, head: pngBytes.toString('latin1')}), message: /MiB/})
  add('image bytes', 'gif named webp', {files: withImage('g.webp', Buffer.from('R0lGODlhAQABAAAAACw=', 'base64')), message: /GIF/})
  add('image bytes', 'corrupt webp cover', {
    files: {'pack.yaml': manifest('cover: c.webp\n'), 'c.webp': Buffer.concat([Buffer.from('RIFF\x20\x00\x00\x00WEBPVP8 ', 'latin1'), randomBytes(24)])},
    message: /cover/
  })
  add('image bytes', 'zero-byte cover', {files: {'pack.yaml': manifest('cover: c.png\n'), 'c.png': ''}, message: /empty/})
  add('image bytes', 'svg file with remote references (epub)', {
    files: withImage(
      'r.svg',
      `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10"><style>@import url({URL}svgimport); rect{fill:url({URL}svgfill); direction: rtl}</style><image xlink:href="{URL}svgimage" width="5" height="5"/><rect fill="url({URL}svgattr)" width="5" height="5" style="stroke:url({URL}svgstyle)"/><script>fetch('{URL}svgscript')</script></svg>`
    ),
    args: ['--format', 'epub'],
    status: [0]
  })

  // YAML.
  const bomb =
    'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n'
  add('yaml', 'alias bomb in pack.yaml', {files: {'pack.yaml': manifest(bomb)}, message: /pack\.yaml:\d+:\d+.*alias/})
  add('yaml', 'alias bomb in front matter', {files: {'a.md': reading('x', bomb)}, message: /a\.md:\d+:\d+.*alias/})
  add('yaml', 'alias bomb in CSL-YAML', {
    files: {'a.md': reading('[@k]', 'bibliography: r.yaml\n'), 'r.yaml': `${bomb}references: [*g]\n`},
    message: /r\.yaml:\d+:\d+.*alias/
  })
  add('yaml', 'deep flow nesting in pack.yaml', {
    files: {'pack.yaml': manifest(`x: ${'['.repeat(20000)}${']'.repeat(20000)}\n`)},
    message: /pack\.yaml:\d+:\d+.*nested/
  })
  add('yaml', 'deep block nesting in front matter', {
    files: {'a.md': reading('x', Array.from({length: 1000}, (_, index) => `${' '.repeat(index)}- `).join('\n') + 'x\n')},
    message: /a\.md:\d+:\d+.*indentation/
  })
  add('yaml', 'deep nesting in CSL-YAML', {
    files: {'a.md': reading('[@k]', 'bibliography: r.yaml\n'), 'r.yaml': `- ${'{a: '.repeat(20000)}1${'}'.repeat(20000)}\n`},
    message: /r\.yaml/
  })
  add('yaml', 'invalid utf-8 in pack.yaml', {
    files: {'pack.yaml': Buffer.concat([Buffer.from('title: Hos'), Buffer.from([0xc3, 0x28]), Buffer.from('tile\nreadings: [a.md]\n')])},
    message: /pack\.yaml:1:11.*UTF-8/
  })
  add('yaml', 'invalid utf-8 in reading', {
    files: {'a.md': Buffer.concat([Buffer.from('---\ntitle: A\n---\n\nline\nab'), Buffer.from([0xe2, 0x28, 0xa1]), Buffer.from('\n')])},
    message: /a\.md:6:3.*UTF-8/
  })
  add('yaml', 'pack.yaml not a mapping', {files: {'pack.yaml': '- just\n- a list\n'}, message: /pack\.yaml:1:1/})
  add('yaml', 'unknown tags', {files: {'a.md': reading('x', 'abstract: !!js/function "function(){}"\n')}, status: [0, 1]})
  add('yaml', 'huge front matter string', {files: {'a.md': reading('x', `abstract: "${'a'.repeat(3_000_000)}"\n`)}, status: [0, 1]})

  // Bibliographies and styles.
  add('bibtex', 'unterminated entry', {files: {'a.md': reading('[@k]', 'bibliography: r.bib\n'), 'r.bib': '@book{k, title = {Never closed\n'}, status: [0, 1]})
  add('bibtex', 'deep braces', {
    files: {'a.md': reading('[@k]', 'bibliography: r.bib\n'), 'r.bib': `@book{k, title = ${'{'.repeat(20000)}x${'}'.repeat(20000)}}\n`},
    status: [0, 1]
  })
  add('bibtex', 'junk', {files: {'a.md': reading('[@k]', 'bibliography: r.bib\n'), 'r.bib': '@@@{{{,,,}}}=\n'.repeat(20000)}, status: [0, 1]})
  add('bibtex', 'huge bibliography (50 MB)', {
    files: {'a.md': reading('[@k]', 'bibliography: r.bib\n'), 'r.bib': {size: 50 * 1024 * 1024, head: '@book{k, title={T}}\n'}},
    message: /r\.bib.*MiB/
  })
  add('bibtex', 'invalid utf-8', {
    files: {
      'a.md': reading('[@k]', 'bibliography: r.bib\n'),
      'r.bib': Buffer.concat([Buffer.from('@book{k, title={T'), Buffer.from([0xff]), Buffer.from('}}\n')])
    },
    message: /r\.bib:1:\d+.*UTF-8/
  })
  add('bibtex', 'csl-json deep nesting', {
    files: {'a.md': reading('[@k]', 'bibliography: r.json\n'), 'r.json': `[${'['.repeat(50000)}${']'.repeat(50000)}]`},
    status: [0, 1]
  })
  add('bibtex', 'csl-json broken', {files: {'a.md': reading('[@k]', 'bibliography: r.json\n'), 'r.json': '[{"id": "k", '}, message: /r\.json/})
  add('bibtex', 'string macro expansion', {
    files: {
      'a.md': reading('[@k]', 'bibliography: r.bib\n'),
      'r.bib':
        '@string{a = "aaaaaaaaaa"}\n@string{b = a # a # a # a # a # a # a # a}\n@string{c = b # b # b # b # b # b # b # b}\n@string{d = c # c # c # c # c # c # c # c}\n@book{k, title = d # d # d # d}\n'
    },
    status: [0, 1]
  })
  add('csl', 'truncated csl', {
    files: {
      'a.md': reading('x', 'csl: s.csl\n'),
      's.csl': '<?xml version="1.0"?><style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><info><title>T'
    },
    message: /s\.csl/
  })
  add('csl', 'csl entity bomb', {
    files: {
      'a.md': reading('x', 'csl: s.csl\n'),
      's.csl': '<?xml version="1.0"?><!DOCTYPE style [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><style xmlns="http://purl.org/net/xbiblio/csl">&b;</style>'
    },
    message: /s\.csl.*entities/
  })
  add('csl', 'csl external entity', {
    files: {
      'a.md': reading('x', 'csl: s.csl\n'),
      's.csl': '<?xml version="1.0"?><!DOCTYPE style [<!ENTITY x SYSTEM "../outside/secret.txt">]><style xmlns="http://purl.org/net/xbiblio/csl">&x;</style>'
    },
    message: /s\.csl.*entities/
  })
  add('csl', 'csl not xml', {files: {'a.md': reading('x', 'csl: s.csl\n'), 's.csl': 'this is not xml'}, message: /s\.csl/})
  add('csl', 'csl invalid utf-8', {files: {'a.md': reading('x', 'csl: s.csl\n'), 's.csl': Buffer.from([0x3c, 0x73, 0xff, 0x3e])}, message: /s\.csl.*UTF-8/})
  add('csl', 'empty csl', {files: {'a.md': reading('x', 'csl: s.csl\n'), 's.csl': ''}, message: /s\.csl/})
  add('csl', 'csl of another vocabulary', {files: {'a.md': reading('x', 'csl: s.csl\n'), 's.csl': '<style><b/></style>'}, message: /s\.csl/})
  add('csl', 'csl remote path', {files: {'a.md': reading('x', 'csl: http://127.0.0.1:1/s.csl\n')}, message: /style/})

  // Deep and huge input.
  add('deep', '10,000-deep block quotes', {files: {'a.md': reading('> '.repeat(10000) + 'x')}, message: /a\.md:\d+:\d+.*nested/})
  add('deep', '1,000-deep nested lists', {
    files: {'a.md': reading(Array.from({length: 1000}, (_, index) => `${'  '.repeat(index)}- x`).join('\n'))},
    message: /a\.md:\d+:\d+.*nested/
  })
  // Indenting 5,000 levels takes 24 MiB: refused by its size, at its entry.
  add('deep', '5,000-deep nested lists', {
    files: {'a.md': reading(Array.from({length: 5000}, (_, index) => `${'  '.repeat(index)}- x`).join('\n'))},
    message: /a\.md.* of 2\d\.\d MiB, expected at most/
  })
  add('deep', '20,000 nested divs', {files: {'a.md': reading('<div>'.repeat(20000) + 'x' + '</div>'.repeat(20000))}, message: /a\.md:\d+:\d+.*nested/})
  add('deep', '20,000 nested spans inline', {
    files: {'a.md': reading('a ' + '<span>'.repeat(20000) + 'x' + '</span>'.repeat(20000))},
    // 260,000 characters in one paragraph: the paragraph limit refuses it before its nesting is counted.
    message: /a\.md:\d+:\d+.*(nested|paragraph of more than)/
  })
  add('deep', '3,000-deep emphasis', {files: {'a.md': reading('*a '.repeat(3000) + 'x' + '*'.repeat(3000))}, status: [0, 1]})
  add('deep', '10,000 open brackets', {files: {'a.md': reading('['.repeat(10000) + 'x')}, message: /a\.md:\d+:\d+/})
  add('deep', '20,000 footnotes', {
    files: {
      'a.md': reading(
        Array.from({length: 20000}, (_, index) => `x[^${index}]`).join(' ') + '\n\n' + Array.from({length: 20000}, (_, index) => `[^${index}]: n`).join('\n')
      )
    },
    message: /a\.md:\d+:\d+.*notes/
  })
  add('deep', '10,000 citations', {
    files: {'a.md': reading(Array.from({length: 10000}, () => '[@k]').join(' '), 'references: [{id: k, title: T, type: book}]\n')},
    message: /a\.md:\d+:\d+.*citation beyond the 2000/
  })
  add('deep', '5 MB line', {files: {'a.md': reading('word '.repeat(1_000_000))}, message: /a\.md/})
  add('deep', 'reading over the size limit', {files: {'a.md': {size: 20 * 1024 * 1024, head: '---\ntitle: A\n---\n'}}, message: /MiB/})
  add('deep', '100,000 tiny paragraphs', {files: {'a.md': reading('p\n\n'.repeat(100_000))}, status: [0, 1]})
  add('deep', 'deep nested tables in html', {files: {'a.md': reading('<table><tr><td>'.repeat(3000) + 'x')}, status: [0, 1]})
  add('deep', 'many readings', {
    files: {
      'pack.yaml': `title: Many\nreadings:\n${Array.from({length: 300}, (_, index) => `  - r${index}.md\n`).join('')}`,
      ...Object.fromEntries(Array.from({length: 300}, (_, index) => [`r${index}.md`, reading(`Reading ${index}.`)]))
    },
    status: [0]
  })

  // Faults of the machine.
  add('fault', 'no browser (FOLIO_BROWSER=/bin/false)', {args: ['--format', 'pdf'], env: {FOLIO_BROWSER: '/bin/false'}, status: [2], message: /^folio: /m})
  add('fault', 'browser that is not executable', {args: ['--format', 'epub'], env: {FOLIO_BROWSER: '/etc/passwd'}, status: [2], message: /^folio: /m})
  add('fault', 'content errors with no browser', {
    files: {'a.md': '---\ntitle: [\n---\n'},
    args: ['--format', 'pdf'],
    env: {FOLIO_BROWSER: '/bin/false'},
    status: [1],
    message: /a\.md:\d+:\d+/
  })
  add('fault', 'output folder is a file', {
    files: {'out-file': 'x'},
    args: ['--format', 'html', '--out', '{PACK}/out-file'],
    status: [2],
    message: /^folio: Cannot write/m
  })
  add('fault', 'output under a file', {
    files: {'out-file': 'x'},
    args: ['--format', 'html', '--out', '{PACK}/out-file/sub'],
    status: [2],
    message: /^folio: Cannot write/m
  })
  add('fault', 'edition path is a folder', {
    files: {'out/hostile.html': {folder: true}},
    args: ['--format', 'html', '--out', '{PACK}/out'],
    status: [2],
    message: /^folio: Cannot write/m
  })
  add('fault', 'output on /proc', {args: ['--format', 'html', '--out', '/proc/folio-out'], status: [2], message: /^folio: Cannot write/m})
  add('fault', 'unknown format', {args: ['--format', 'docx'], status: [2], message: /^folio: Unexpected format/m})
  add('fault', 'input missing', {input: 'nowhere', status: [1], message: /Cannot find/})
  add('fault', 'input is a FIFO', {files: {'in.md': {fifo: true}}, input: 'in.md', status: [1], message: /not a regular file/})
  return cases
}
