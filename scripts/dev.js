#!/usr/bin/env node
// `npm run dev -- [args]`: the `folio` command on the TypeScript sources through tsx's loader,
// for development without compiling (tsx is a development dependency).
import {register} from 'tsx/esm/api'

register()
const {main} = await import('../src/cli/index.ts')
process.exitCode = await main(process.argv.slice(2))
