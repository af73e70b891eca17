import type { HelmetOptions } from 'helmet';

/**
 * The pages' policy, sent on every response: scripts, styles and data only from this origin, so a name that
 * slipped into the DOM as HTML could still not run a script. Chart.js sets canvas styles through the CSSOM,
 * which this policy allows. Spelt out in full (`useDefaults: false`): helmet's defaults would add
 * `upgrade-insecure-requests`, which breaks the pages on a plain-HTTP address such as http://127.0.0.1:3000.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * Security headers on every response (helmet's defaults otherwise): no sniffing, no framing, no referrer
 * (page addresses may carry a token), same-origin opener and resource policies.
 */
export const securityHeaders: HelmetOptions = {
  contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
  referrerPolicy: { policy: 'no-referrer' },
};
