import { CAP_PAISE } from './earnings-state.js';
import { formatPaise } from './format.js';

/**
 * One level's progress towards its ₹1000 cap: a bar and the same facts in words.
 * @param {HTMLProgressElement} bar
 * @param {HTMLElement} text
 */
export function capProgress(bar, text) {
  bar.max = CAP_PAISE;
  return {
    /** @param {number} remainingPaise */
    show(remainingPaise) {
      const usedPaise = CAP_PAISE - remainingPaise;
      bar.value = usedPaise;
      text.textContent =
        remainingPaise === 0
          ? `Cap reached: ${formatPaise(CAP_PAISE)} earned`
          : `${formatPaise(usedPaise)} of ${formatPaise(CAP_PAISE)} · ${formatPaise(remainingPaise)} left`;
    },
  };
}
