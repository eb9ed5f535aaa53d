/**
 * The preview server of `folio watch`: serves the output folder (and nothing else) on the
 * loopback interface, and adds to the web edition AS SERVED a small script that reloads the
 * page, keeping its scroll position, when a newer web edition is written, and shows the
 * content's problems in a banner. The file on disk never carries that script.
 */
import {readFile} from 'node:fs/promises'
import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'
import path from 'node:path'
import sirv from 'sirv'

/** What the page is told after every build. */
export interface PreviewState {
  /** Counts the web editions written; a page served with an older one reloads. */
  edition: number
  /** The last build's problems, formatted as in the terminal. */
  problems: string[]
  /** Whether the last build failed (then the page keeps the last good edition). */
  failed: boolean
}

export interface PreviewServer {
  url: string
  /** Tell every open page what the latest build did. */
  publish(state: PreviewState): void
  close(): Promise<void>
}

const eventsPath = '/__folio/events'

export interface PreviewOptions {
  /** The output folder: the only files served. */
  root: string
  /** File name of the web edition in it, served at `/`. */
  page: () => string
  port: number
}

export async function startPreview(options: PreviewOptions): Promise<PreviewServer> {
  let state: PreviewState = {edition: 0, problems: [], failed: false}
  const clients = new Set<ServerResponse>()
  const files = sirv(options.root, {dev: true, dotfiles: false})

  const send = (client: ServerResponse) => client.write(`event: build\ndata: ${JSON.stringify(state)}\n\n`)

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const pathname = new URL(request.url ?? '/', 'http://127.0.0.1').pathname
    if (pathname === eventsPath) {
      response.writeHead(200, {'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive'})
      clients.add(response)
      request.on('close', () => clients.delete(response))
      send(response)
      return
    }
    if (pathname === '/' || pathname === `/${options.page()}`) {
      const html = await readFile(path.join(options.root, options.page()), 'utf8').catch(() => undefined)
      response.writeHead(html === undefined ? 503 : 200, {'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store'})
      response.end(withClient(html ?? waitingPage, state))
      return
    }
    files(request, response, () => {
      response.writeHead(404, {'content-type': 'text/plain; charset=utf-8'})
      response.end('Not found\n')
    })
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: Error) => {
      response.writeHead(500, {'content-type': 'text/plain; charset=utf-8'})
      response.end(`${error.message}\n`)
    })
  })
  const port = await listen(server, options.port).catch(async (error: NodeJS.ErrnoException) => {
    // A busy default port is no reason to stop: any free one will do, and the URL says which.
    if (error.code === 'EADDRINUSE' && options.port !== 0) return listen(server, 0)
    throw error
  })
  return {
    url: `http://127.0.0.1:${port}/`,
    publish(next) {
      state = next
      for (const client of clients) send(client)
    },
    async close() {
      for (const client of clients) client.end()
      clients.clear()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const fail = (error: Error) => reject(error)
    server.once('error', fail)
    // Loopback only: the preview is for the person at this machine.
    server.listen(port, '127.0.0.1', () => {
      server.off('error', fail)
      resolve((server.address() as AddressInfo).port)
    })
  })
}

const waitingPage = '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Folio</title></head><body><p>Building…</p></body></html>'

/** The served page with the live-reload client added before `</body>`. */
export function withClient(html: string, state: PreviewState): string {
  const script = `<script>${client}(${JSON.stringify(eventsPath)}, ${state.edition})</script>`
  const at = html.lastIndexOf('</body>')
  return at === -1 ? html + script : html.slice(0, at) + script + html.slice(at)
}

/**
 * Runs in the served page: restores the scroll position a reload saved, listens for builds,
 * reloads when a newer edition is written and shows the build's problems. Plain JavaScript
 * in a string, so no compiler's helpers end up in it.
 */
const client = `(function (events, served) {
  var key = 'folio-scroll:' + location.pathname
  var saved = sessionStorage.getItem(key)
  if (saved !== null) {
    sessionStorage.removeItem(key)
    var restore = function () { window.scrollTo(0, Number(saved)) }
    restore()
    window.addEventListener('load', restore)
  }
  var banner = document.createElement('div')
  banner.setAttribute('role', 'alert')
  banner.id = 'folio-problems'
  banner.style.cssText = 'position:fixed;z-index:2147483647;left:0;right:0;top:0;max-height:40vh;overflow:auto;margin:0;padding:.5em 1em;' +
    'background:#fff4e5;color:#5c2b00;border-bottom:2px solid #b35c00;font:14px/1.4 ui-monospace,monospace;white-space:pre-wrap'
  var source = new EventSource(events)
  source.addEventListener('build', function (event) {
    var state = JSON.parse(event.data)
    if (state.edition !== served && !state.failed) {
      sessionStorage.setItem(key, String(window.scrollY))
      source.close()
      location.reload()
      return
    }
    banner.textContent = (state.failed ? 'Folio: the last build failed; this page is the last good edition.\\n' : '') + state.problems.join('\\n')
    if (state.problems.length > 0 || state.failed) document.body.prepend(banner)
    else banner.remove()
  })
})`
