/** How long a request to another service may take (ms). */
export const REQUEST_TIMEOUT_MS = Symbol('REQUEST_TIMEOUT_MS');
