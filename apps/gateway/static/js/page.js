// What every page shares: which user it shows, the user picker, the links between the pages (which keep the
// page's credential), and a `data-state` on <body> that tests and the screenshot script wait for.

import { ApiError } from './api.js';
import { addressHeldApiKey, currentCredential, withCredential } from './credential.js';

/** Ids are positive integers below 2^31 (SPEC.md), written as digits. */
const MAX_ID = 2 ** 31 - 1;

/** The `user_id` of the page's address, or null when it is missing or not a valid id. */
export function userIdFromLocation() {
  const raw = new URLSearchParams(window.location.search).get('user_id') ?? '';
  if (!/^[1-9]\d{0,9}$/.test(raw)) {
    return null;
  }
  const id = Number(raw);
  return id <= MAX_ID ? id : null;
}

/** @param {number} userId */
export const dashboardUrl = (userId) => withCredential(`/static/index.html?user_id=${userId}`);

/** @param {number} userId */
export const referralsUrl = (userId) => withCredential(`/static/referrals.html?user_id=${userId}`);

/**
 * Fills in the header for the viewed user: the picker's current value, the "#N" in the title and the links to
 * this user's other page. Elements are found by id; each page has the ones it uses.
 * @param {number | null} userId
 */
export function showViewedUser(userId) {
  const picker = /** @type {HTMLInputElement | null} */ (document.getElementById('pick-user'));
  if (picker && userId !== null) {
    picker.value = String(userId);
  }
  const label = document.getElementById('viewed-user');
  if (label) {
    label.textContent = userId === null ? '' : `user #${userId}`;
  }
  for (const link of document.querySelectorAll('a[data-link]')) {
    const target = /** @type {HTMLAnchorElement} */ (link);
    target.hidden = userId === null;
    if (userId !== null) {
      target.href = target.dataset.link === 'referrals' ? referralsUrl(userId) : dashboardUrl(userId);
    }
  }
  keepCredentialInPicker();
  if (userId === null) {
    document.title = `Choose a user · ${document.title}`;
  } else {
    document.title = `User #${userId} · ${document.title}`;
  }
}

/** The user picker submits a plain GET form: a hidden field carries the credential to the next page. */
function keepCredentialInPicker() {
  const credential = currentCredential();
  const form = document.querySelector('form.user-picker');
  if (!credential || !form || form.querySelector('input[name="token"]')) {
    return;
  }
  const field = document.createElement('input');
  field.type = 'hidden';
  field.name = 'token';
  field.value = credential;
  form.append(field);
}

/**
 * Words for a failed load: the server's message, and for a missing or refused credential what to do about it.
 * @param {unknown} error
 * @param {string} fallback Said when the error is not the server's.
 */
export function loadErrorMessage(error, fallback) {
  if (!(error instanceof ApiError)) {
    return fallback;
  }
  if (error.status === 401 && addressHeldApiKey) {
    return (
      'This address holds an API key, which the pages never take (addresses end up in browser history and ' +
      'logs). Open a link with a session token instead: POST /session with the key gives one, as dashboard_url.'
    );
  }
  if (error.status === 401) {
    return `${error.message}. This page needs a valid access token in its address (?token=…): ask for a new link.`;
  }
  return error.message;
}

/**
 * Shows a page-level error in words (or hides it when `message` is empty).
 * @param {string} message
 */
export function showPageError(message) {
  const box = document.getElementById('page-error');
  if (box) {
    box.textContent = message;
    box.hidden = message === '';
  }
}

/**
 * Marks where the page is: `loading`, `ready`, `error` or `no-user`.
 * @param {'loading' | 'ready' | 'error' | 'no-user'} state
 */
export function setPageState(state) {
  document.body.dataset.state = state;
}
