/**
 * Cross-origin isolation, which WebContainer needs for SharedArrayBuffer.
 *
 * COEP is `require-corp`, not `credentialless`: every asset of the site is same-origin, so
 * require-corp costs nothing here, and it is the value Safari supports too (Safari has no
 * credentialless). The WebContainer adapter must boot with `coep: 'require-corp'` to match.
 * The same pairs are written to public/_headers and vercel.json; a unit test keeps them equal.
 */
export const COEP = 'require-corp';

export const crossOriginIsolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': COEP,
} as const;
