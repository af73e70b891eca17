// Money and time as the viewer reads them. Amounts are kept in integer paise (as on the server) so that
// adding credits never drifts; rupees exist only at the API's edge and on screen.

const RUPEES = new Intl.NumberFormat('en-IN', { style: 'currency', currency: 'INR' });

/** The viewer's own locale and time zone, with the zone named so a time is never ambiguous. */
const LOCAL_TIME = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZoneName: 'short',
});

/** @param {number} rupees An API amount (at most 2 decimals). */
export const toPaise = (rupees) => Math.round(rupees * 100);

/** @param {number} paise */
export const formatPaise = (paise) => RUPEES.format(paise / 100);

/** @param {number} rupees */
export const formatRupees = (rupees) => formatPaise(toPaise(rupees));

/** @param {string} iso An ISO 8601 timestamp from the API (UTC). */
export function formatLocalTime(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : LOCAL_TIME.format(date);
}
