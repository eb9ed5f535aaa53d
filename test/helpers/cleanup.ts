/**
 * Vitest's setup for every test file: the temporary folders its tests made are removed once
 * they have all run.
 */
import {afterAll} from 'vitest'
import {removeTemporaryFolders} from './run.ts'

afterAll(removeTemporaryFolders)
