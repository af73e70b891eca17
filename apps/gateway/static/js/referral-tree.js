import { formatRupees } from './format.js';
import { dashboardUrl, referralsUrl } from './page.js';

/** @typedef {import('./types.js').ReferralEntry} ReferralEntry */
/** @typedef {import('./types.js').ReferralsResponse} ReferralsResponse */

/**
 * The tree as nested bullets: each direct referral, with the indirect referrals that came through it (`via`)
 * nested under it. Both lists arrive ordered by id, and stay so.
 * @param {ReferralsResponse} tree
 * @returns {HTMLLIElement[]}
 */
export function treeItems(tree) {
  /** @type {Map<number, ReferralEntry[]>} */
  const byVia = new Map();
  for (const entry of tree.indirect_referrals) {
    byVia.set(entry.via, [...(byVia.get(entry.via) ?? []), entry]);
  }
  const items = tree.direct_referrals.map((direct) => {
    const item = personItem(direct, 1, tree.user_id);
    const below = byVia.get(direct.id) ?? [];
    byVia.delete(direct.id);
    if (below.length > 0) {
      const nested = document.createElement('ul');
      nested.append(...below.map((entry) => personItem(entry, 2, tree.user_id)));
      item.append(nested);
    }
    return item;
  });
  // By the rules every indirect referral came through a direct one; any other is shown rather than lost.
  const strays = [...byVia.values()].flat().map((entry) => personItem(entry, 2, tree.user_id));
  return [...items, ...strays];
}

/**
 * One person: status (in words, the colour only repeats it), name as text, what they earned the viewed user,
 * links to their own pages, and the deactivate/reactivate toggle.
 * @param {ReferralEntry} entry
 * @param {1 | 2} level
 * @param {number} viewerId The user whose tree this is.
 */
function personItem(entry, level, viewerId) {
  const item = document.createElement('li');
  item.className = 'person';
  item.dataset.userId = String(entry.id);
  item.dataset.level = String(level);

  const row = document.createElement('div');
  row.className = 'person-row';

  const status = document.createElement('span');
  const dot = document.createElement('span');
  dot.className = 'dot';
  dot.setAttribute('aria-hidden', 'true');
  const label = document.createElement('span');
  label.className = 'status-label';
  status.append(dot, label);

  const who = document.createElement('span');
  who.className = 'who';
  const name = document.createElement('span');
  name.className = 'name';
  name.textContent = entry.name;
  const id = document.createElement('span');
  id.className = 'user-id';
  id.textContent = `#${entry.id}`;
  who.append(name, ' ', id);

  const earned = document.createElement('span');
  earned.className = 'earned';
  earned.textContent = `Level ${level} · ${formatRupees(entry.earned)} earned for #${viewerId}`;

  const actions = document.createElement('span');
  actions.className = 'actions';
  actions.append(
    link(dashboardUrl(entry.id), 'Dashboard', `Dashboard of ${entry.name}`),
    link(referralsUrl(entry.id), 'Tree', `Referral tree of ${entry.name}`),
  );
  const toggle = document.createElement('button');
  toggle.type = 'button';
  toggle.className = 'toggle';
  actions.append(toggle);

  row.append(status, who, earned, actions);
  item.append(row);
  showActive(item, entry.is_active);
  return item;
}

/**
 * @param {string} href
 * @param {string} text
 * @param {string} accessibleName Says whose page it is, since every row has the same visible words.
 */
function link(href, text, accessibleName) {
  const anchor = document.createElement('a');
  anchor.href = href;
  anchor.textContent = text;
  anchor.setAttribute('aria-label', accessibleName);
  return anchor;
}

/**
 * Shows a person as active or inactive: colour, label and what the toggle will do.
 * @param {HTMLLIElement} item
 * @param {boolean} isActive
 */
export function showActive(item, isActive) {
  item.dataset.active = String(isActive);
  const row = /** @type {HTMLElement} */ (item.querySelector(':scope > .person-row'));
  row.classList.toggle('status-active', isActive);
  row.classList.toggle('status-inactive', !isActive);
  const status = /** @type {HTMLElement} */ (row.firstElementChild);
  status.className = `status ${isActive ? 'status-active' : 'status-inactive'}`;
  /** @type {HTMLElement} */ (status.querySelector('.status-label')).textContent = isActive ? 'active' : 'inactive';
  const toggle = /** @type {HTMLButtonElement} */ (row.querySelector('.toggle'));
  toggle.textContent = isActive ? 'Deactivate' : 'Reactivate';
  toggle.setAttribute('aria-label', `${isActive ? 'Deactivate' : 'Reactivate'} ${nameOf(item)}`);
}

/** @param {HTMLLIElement} item */
export function nameOf(item) {
  return item.querySelector(':scope > .person-row .name')?.textContent ?? '';
}
