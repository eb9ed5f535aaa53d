/**
 * The GitHub Action run as a runner runs it: action.yml's steps in order, each with bash as
 * GitHub calls it, `${{ … }}` expressions substituted, in a workspace that is a git checkout,
 * with the runner's files (`GITHUB_OUTPUT`, `GITHUB_ENV`, `GITHUB_PATH`, `RUNNER_TEMP`) and
 * only a `google-chrome` on the PATH, as on GitHub's Ubuntu runners. The action's `npm ci`
 * is skipped (FOLIO_ACTION_REUSE_NODE_MODULES=1): this checkout's node_modules is the one it
 * would install, and installing it again would take minutes.
 */
import {execFileSync, spawnSync} from 'node:child_process'
import {createHash} from 'node:crypto'
import {chmodSync, cpSync, existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {parse} from 'yaml'
import {findBrowser} from '../src/browser/find.ts'
import {epubFiles, fixturesRoot, projectRoot, temporaryFolder} from './helpers/index.ts'

interface Step {
  name?: string
  id?: string
  run?: string
  shell?: string
  env?: Record<string, string>
  'working-directory'?: string
}
interface Action {
  inputs: Record<string, {default?: string}>
  outputs: Record<string, {value: string}>
  runs: {steps: Step[]}
}

/** `name=value` lines and `name<<DELIMITER` blocks, as the runner reads `GITHUB_OUTPUT`. */
function readOutputFile(file: string): Record<string, string> {
  const values: Record<string, string> = {}
  const lines = existsSync(file) ? readFileSync(file, 'utf8').split('\n') : []
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!
    const heredoc = /^([\w-]+)<<(.+)$/.exec(line)
    if (heredoc) {
      const end = lines.indexOf(heredoc[2]!, index + 1)
      values[heredoc[1]!] = lines.slice(index + 1, end).join('\n')
      index = end
    } else if (line.includes('=')) values[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1)
  }
  return values
}

interface Run {
  outputs: Record<string, string>
  log: string
  /** What the steps appended to `GITHUB_STEP_SUMMARY`. */
  summary: string
  status: number
}

/** Run the action's steps; expressions other than the few a runner would give fail loudly. */
function runAction(inputs: Record<string, string>, workspace: string, pathDirectories: string[]): Run {
  const action = parse(readFileSync(path.join(projectRoot, 'action.yml'), 'utf8')) as Action
  const temp = temporaryFolder('folio-runner-')
  const files = {GITHUB_OUTPUT: '', GITHUB_ENV: '', GITHUB_PATH: '', GITHUB_STEP_SUMMARY: ''}
  const stepOutputs: Record<string, Record<string, string>> = {}
  const context = (expression: string): string => {
    const [scope, ...rest] = expression.split('.')
    if (scope === 'inputs') return inputs[rest[0]!] ?? action.inputs[rest[0]!]?.default ?? ''
    if (expression === 'github.action_path') return projectRoot
    if (expression === 'github.workspace') return workspace
    if (scope === 'steps' && rest[1] === 'outputs') return stepOutputs[rest[0]!]?.[rest[2]!] ?? ''
    throw new Error(`The simulated runner has no value for \${{ ${expression} }}`)
  }
  const substitute = (text: string) => text.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, expression: string) => context(expression))

  const base: NodeJS.ProcessEnv = {
    HOME: process.env['HOME'],
    LANG: 'C.UTF-8',
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_ACTION_PATH: projectRoot,
    RUNNER_TEMP: temp,
    FOLIO_ACTION_REUSE_NODE_MODULES: '1',
    ...Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]))
  }
  let log = ''
  let summary = ''
  for (const [index, step] of action.runs.steps.entries()) {
    if (!step.run) throw new Error(`The simulated runner runs only run: steps, not ${step.name}`)
    expect(step.shell).toBe('bash')
    for (const name of Object.keys(files) as Array<keyof typeof files>) {
      files[name] = path.join(temp, `${name.toLowerCase()}-${index}`)
      writeFileSync(files[name], '')
    }
    const script = path.join(temp, `step-${index}.sh`)
    writeFileSync(script, substitute(step.run))
    const added = readFileSync(path.join(temp, 'path'), {encoding: 'utf8', flag: 'a+'}).split('\n').filter(Boolean).reverse()
    const env = {
      ...base,
      ...readOutputFile(path.join(temp, 'env')),
      ...Object.fromEntries(Object.entries(step.env ?? {}).map(([name, value]) => [name, substitute(String(value))])),
      ...files,
      PATH: [...added, ...pathDirectories].join(path.delimiter)
    }
    // How GitHub runs `shell: bash`.
    const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
      cwd: step['working-directory'] ? substitute(step['working-directory']) : workspace,
      env,
      encoding: 'utf8',
      timeout: 300_000
    })
    log += `## ${step.name}\n${result.stdout}${result.stderr}`
    if (step.id) stepOutputs[step.id] = readOutputFile(files.GITHUB_OUTPUT)
    summary += readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8')
    writeFileSync(path.join(temp, 'env'), readFileSync(files.GITHUB_ENV, 'utf8'), {flag: 'a'})
    writeFileSync(path.join(temp, 'path'), readFileSync(files.GITHUB_PATH, 'utf8'), {flag: 'a'})
    if (result.status !== 0) return {outputs: {}, log, summary, status: result.status ?? -1}
  }
  const outputs = Object.fromEntries(Object.entries(action.outputs).map(([name, output]) => [name, substitute(output.value)]))
  return {outputs, log, summary, status: 0}
}

describe('the GitHub Action in a simulated runner', () => {
  const workspace = temporaryFolder('folio-workspace-')
  const bin = temporaryFolder('folio-bin-')
  const used = path.join(bin, 'used')
  let run: Run

  beforeAll(async () => {
    // The workspace: a checkout with two packs, committed at a known time.
    for (const name of ['alpha', 'beta']) cpSync(path.join(fixturesRoot, 'ci', 'packs', name), path.join(workspace, 'packs', name), {recursive: true})
    mkdirSync(path.join(workspace, 'packs', 'not-a-pack'))
    const git = (...args: string[]) =>
      execFileSync('git', args, {
        cwd: workspace,
        env: {...process.env, GIT_AUTHOR_DATE: '2024-01-02T03:04:05Z', GIT_COMMITTER_DATE: '2024-01-02T03:04:05Z'}
      })
    git('init', '-q')
    git('add', '.')
    git('-c', 'user.name=Folio test', '-c', 'user.email=test@example.invalid', 'commit', '-q', '-m', 'packs')

    // Only a `google-chrome` on the PATH, as GitHub's Ubuntu runners have.
    const real = (await findBrowser()).executablePath
    writeFileSync(path.join(bin, 'google-chrome'), `#!/bin/sh\necho called >> '${used}'\nexec '${real}' "$@"\n`)
    chmodSync(path.join(bin, 'google-chrome'), 0o755)
    const tools = ['node', 'git', 'bash', 'sh', 'env', 'id', 'sha256sum', 'cat', 'dirname']
    const pathDirectories = [bin, ...new Set(tools.map((tool) => path.dirname(execFileSync('sh', ['-c', `command -v ${tool}`], {encoding: 'utf8'}).trim())))]
    // The real browser's folder may be on that PATH too; google-chrome comes first in `bin`.
    run = runAction({input: 'packs', each: 'true', formats: 'html,epub'}, workspace, pathDirectories)
  })

  it('runs every step and renders with the google-chrome on the PATH', () => {
    expect(run.status, run.log).toBe(0)
    expect(run.log).toContain(`folio: rendering with ${path.join(bin, 'google-chrome')}`)
    expect(readFileSync(used, 'utf8')).toContain('called')
  })

  it('writes the outputs: every edition, one SHA256SUMS per pack, the JSON report', () => {
    expect(run.outputs['editions']?.split('\n')).toEqual([
      'dist/alpha-readings/alpha-readings.html',
      'dist/alpha-readings/alpha-readings.epub',
      'dist/beta-readings/beta-readings.html',
      'dist/beta-readings/beta-readings.epub'
    ])
    expect(run.outputs['epub']?.split('\n')).toEqual(['dist/alpha-readings/alpha-readings.epub', 'dist/beta-readings/beta-readings.epub'])
    expect(run.outputs['pdf']).toBe('')
    expect(run.outputs['checksums']?.split('\n')).toEqual(['dist/alpha-readings/SHA256SUMS', 'dist/beta-readings/SHA256SUMS'])
    expect(run.outputs['site']?.split('\n')).toEqual(['dist/alpha-readings/index.html', 'dist/beta-readings/index.html'])
    const report = JSON.parse(readFileSync(run.outputs['report']!, 'utf8')) as {status: number; outputs: unknown[]}
    expect(report.status).toBe(0)
    // The editions and each pack's landing page.
    expect(report.outputs).toHaveLength(6)
  })

  it('builds the editions, which their checksums confirm', async () => {
    for (const sums of run.outputs['checksums']!.split('\n')) {
      const folder = path.dirname(path.join(workspace, sums))
      expect(execFileSync('sha256sum', ['-c', 'SHA256SUMS'], {cwd: folder, encoding: 'utf8'})).toMatch(/^\S+\.html: OK\n\S+\.epub: OK\n$/)
    }
    const epub = await epubFiles(path.join(workspace, 'dist/beta-readings/beta-readings.epub'))
    const opf = [...epub].find(([name]) => name.endsWith('.opf'))?.[1] ?? ''
    expect(opf).toContain('Beta readings')
    // SOURCE_DATE_EPOCH came from the commit's time.
    expect(opf).toMatch(/<meta property="dcterms:modified">2024-01-02T03:04:05Z<\/meta>/)
    expect(readFileSync(path.join(workspace, 'dist/alpha-readings/alpha-readings.html'), 'utf8')).toContain('A short reading for the alpha pack')
    for (const edition of run.outputs['editions']!.split('\n')) {
      const hash = createHash('sha256')
        .update(readFileSync(path.join(workspace, edition)))
        .digest('hex')
      expect(run.summary).toContain(`| \`${edition}\` |`)
      expect(run.summary).toContain(hash)
    }
  })
})
