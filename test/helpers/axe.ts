/**
 * axe-core on the web edition, in the system's Chromium at a phone's and a desktop's width:
 * every violation of any impact, as `rule (impact): how many nodes`.
 */
import {createRequire} from 'node:module'
import {readFileSync} from 'node:fs'
import puppeteer from 'puppeteer-core'
import {findBrowser} from '../../src/browser/find.ts'
import {launchArgs} from '../../src/browser/session.ts'

const require = createRequire(import.meta.url)
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

interface AxeViolation {
  id: string
  impact: string | null
  nodes: Array<{target: unknown[]}>
}

export async function axeViolations(file: string, widths: number[]): Promise<Record<number, string[]>> {
  const {executablePath} = await findBrowser()
  const browser = await puppeteer.launch({
    executablePath,
    headless: true,
    args: launchArgs(process.getuid?.() === 0),
    timeout: 120_000,
    protocolTimeout: 600_000
  })
  try {
    const page = await browser.newPage()
    await page.setContent(readFileSync(file, 'utf8'), {waitUntil: 'load', timeout: 300_000})
    await page.addScriptTag({content: axeSource})
    const found: Record<number, string[]> = {}
    for (const width of widths) {
      await page.setViewport({width, height: 900})
      const violations = await page.evaluate(
        async () => (await (window as unknown as {axe: {run: (context: Document) => Promise<{violations: AxeViolation[]}>}}).axe.run(document)).violations
      )
      // The rule, its impact and where, so a failure says what to fix.
      found[width] = violations.map(
        (violation) => `${violation.id} (${violation.impact ?? 'none'}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`
      )
    }
    return found
  } finally {
    await browser.close()
  }
}
