/** A reading's notice: SPDX ids as readers know them, and the one line EPUB metadata holds. */
import {describe, expect, it} from 'vitest'
import {licenceOf, noticeOf, noticeText} from '../src/pack/notice.ts'

describe('notices', () => {
  it('writes a well-known SPDX id as its name, linked at its deed', () => {
    expect(licenceOf('CC-BY-4.0')).toEqual({
      name: 'Creative Commons Attribution 4.0 International',
      url: 'https://creativecommons.org/licenses/by/4.0/',
      spdx: 'CC-BY-4.0'
    })
    expect(licenceOf('cc-by-nc-4.0').url).toBe('https://creativecommons.org/licenses/by-nc/4.0/')
    expect(licenceOf('MIT').name).toBe('MIT License')
  })

  it('keeps a licence it does not know, and one given as text and link, as written', () => {
    expect(licenceOf('Licensed by the CLA')).toEqual({name: 'Licensed by the CLA', url: undefined, spdx: undefined})
    expect(licenceOf({text: 'Used with permission', url: 'https://example.org/terms'})).toEqual({
      name: 'Used with permission',
      url: 'https://example.org/terms',
      spdx: undefined
    })
  })

  it('joins copyright, statement, licence and rights into one line', () => {
    const notice = noticeOf({
      copyright: {holder: 'Jane Doe', year: 2019, statement: 'Reproduced with permission'},
      license: 'CC-BY-4.0',
      rights: 'All other rights reserved.'
    })!
    expect(notice.copyright).toBe('© 2019 Jane Doe')
    expect(noticeText(notice, 'Licensed under')).toBe(
      '© 2019 Jane Doe. Reproduced with permission. Licensed under Creative Commons Attribution 4.0 International (https://creativecommons.org/licenses/by/4.0/). All other rights reserved.'
    )
    expect(noticeOf({})).toBeUndefined()
  })
})
