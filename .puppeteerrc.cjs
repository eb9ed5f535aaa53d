// Folio renders with a browser it finds on the machine (see src/browser/find.ts); the
// Puppeteer that Ace by DAISY (a test tool) depends on must not try to download one.
module.exports = {skipDownload: true, chrome: {skipDownload: true}, 'chrome-headless-shell': {skipDownload: true}}
