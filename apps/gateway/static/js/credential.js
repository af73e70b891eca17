// The credential the pages call the API with: a user token (read-only, one user) or an operator's session
// token (`POST /session`: what the admin key may, for a short while). It arrives in the page's address as
// `?token=…`, is kept in sessionStorage for this tab (so a reload or a link without it still works) and rides
// along on links between the pages. Never an API key: an address ends up in browser history and proxy logs,
// and a key does not expire, so a key in the address is ignored (and not stored) and the page says why.

const STORAGE_KEY = 'referral-platform.token';

/** Tokens are JWTs, three base64url parts; API keys never contain a dot (the gateway tells them apart alike). */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** @param {string | null | undefined} value */
const aToken = (value) => (value && TOKEN_SHAPE.test(value) ? value : null);

const fromAddress = new URLSearchParams(window.location.search).get('token')?.trim();

/** Whether the address carried something in `?token=` that is not a token (an API key): refused, not used. */
export const addressHeldApiKey = Boolean(fromAddress) && aToken(fromAddress) === null;

/** @returns {string | null} */
function readCredential() {
  if (addressHeldApiKey) {
    return null;
  }
  try {
    if (fromAddress) {
      window.sessionStorage.setItem(STORAGE_KEY, fromAddress);
      return fromAddress;
    }
    return aToken(window.sessionStorage.getItem(STORAGE_KEY));
  } catch {
    // Storage refused (a privacy setting): the address still carries it for this page.
    return fromAddress || null;
  }
}

/** Read once per page load: the address wins over what was stored, so a new link replaces an old token. */
const credential = readCredential();

/** The credential, or null when the page was opened without one. */
export const currentCredential = () => credential;

/**
 * Headers that carry the credential on a `fetch`.
 * @returns {Record<string, string>}
 */
export function credentialHeaders() {
  return credential ? { authorization: `Bearer ${credential}` } : {};
}

/**
 * A URL with the credential added as the query parameter `name`: `token` for the pages' own links, and
 * `access_token` for the live stream, since EventSource cannot send headers.
 * @param {string} url A path with or without a query, such as `/static/index.html?user_id=1`.
 * @param {'token' | 'access_token'} [name]
 */
export function withCredential(url, name = 'token') {
  if (!credential) {
    return url;
  }
  return `${url}${url.includes('?') ? '&' : '?'}${name}=${encodeURIComponent(credential)}`;
}
