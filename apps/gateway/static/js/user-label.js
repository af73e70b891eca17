import { dashboardUrl } from './page.js';

/**
 * A user's name and id as a link to their dashboard. The name is set as text, never parsed as HTML.
 * @param {number} id
 * @param {string | undefined} name
 */
export function userLink(id, name) {
  const link = document.createElement('a');
  link.href = dashboardUrl(id);
  link.className = 'user-link';
  link.textContent = name === undefined ? `user #${id}` : `${name} (#${id})`;
  return link;
}
