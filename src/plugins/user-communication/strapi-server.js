'use strict';

// Strapi only loads a JavaScript server entry; the TypeScript sources in server/src are
// compiled to dist/server/src (with the shared contracts in dist/shared) by `npm run build` (wired into the app's develop/build/test scripts).
module.exports = require('./dist/server/src');
