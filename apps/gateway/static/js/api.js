import { credentialHeaders } from './credential.js';

/** A refused or failed API call. Its message is in words, fit to show as it is. */
export class ApiError extends Error {
  /**
   * @param {string} message
   * @param {number} status HTTP status; 0 when the server could not be reached.
   * @param {string} code The error body's `code`, or a stand-in when there was none.
   */
  constructor(message, status, code) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

/**
 * Calls the gateway with the page's credential and returns the JSON answer, or throws an ApiError carrying the
 * error body's `message` (a 403 says in words what this credential may not do).
 * @param {'GET' | 'POST' | 'PATCH'} method
 * @param {string} path
 * @param {Record<string, string | number>} [query]
 * @returns {Promise<unknown>}
 */
export async function callApi(method, path, query = {}) {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(query)) {
    url.searchParams.set(key, String(value));
  }
  /** @type {Response} */
  let response;
  try {
    response = await fetch(url, { method, headers: { accept: 'application/json', ...credentialHeaders() } });
  } catch {
    throw new ApiError('Could not reach the server. Check your connection and try again.', 0, 'NETWORK');
  }
  const body = await readJson(response);
  if (!response.ok) {
    throw new ApiError(messageOf(body, response.status), response.status, codeOf(body));
  }
  return body;
}

/** @param {Response} response */
async function readJson(response) {
  try {
    /** @type {unknown} */
    const body = await response.json();
    return body;
  } catch {
    return undefined;
  }
}

/**
 * The error body's own message when it has one (SPEC.md: `{ statusCode, code, message }`), else words for the
 * status: a proxy or a crash may answer without that body.
 * @param {unknown} body
 * @param {number} status
 */
function messageOf(body, status) {
  const message = fieldOf(body, 'message');
  if (message) {
    return message;
  }
  if (status === 503 || status === 502 || status === 504) {
    return 'The service is unavailable right now. Try again in a moment.';
  }
  return `The server refused the request (HTTP ${status}).`;
}

/** @param {unknown} body */
function codeOf(body) {
  return fieldOf(body, 'code') ?? 'UNKNOWN';
}

/**
 * @param {unknown} body
 * @param {string} key
 * @returns {string | undefined}
 */
function fieldOf(body, key) {
  if (typeof body === 'object' && body !== null && key in body) {
    const value = /** @type {Record<string, unknown>} */ (body)[key];
    return typeof value === 'string' && value.trim() !== '' ? value : undefined;
  }
  return undefined;
}
