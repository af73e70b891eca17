import { formatPaise } from './format.js';

const DURATION_MS = 600;
const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');

/**
 * A rupee counter that counts up (or down) to each new value instead of jumping, and flashes once so a live
 * change is noticed. With reduced motion asked for, it just shows the new value.
 */
export class AnimatedAmount {
  /** @param {HTMLElement} element */
  constructor(element) {
    this.element = element;
    this.shownPaise = 0;
    this.targetPaise = 0;
    /** @type {number | undefined} */
    this.frame = undefined;
    this.render(0);
  }

  /**
   * @param {number} paise
   * @param {{ animate?: boolean }} [options] `animate: false` for the first value a page loads.
   */
  set(paise, { animate = true } = {}) {
    this.targetPaise = paise;
    this.element.dataset.paise = String(paise);
    if (this.frame !== undefined) {
      cancelAnimationFrame(this.frame);
      this.frame = undefined;
    }
    if (!animate || reducedMotion.matches || paise === this.shownPaise) {
      this.render(paise);
      return;
    }
    this.flash();
    const from = this.shownPaise;
    const start = performance.now();
    /** @param {number} now */
    const step = (now) => {
      const progress = Math.min(1, (now - start) / DURATION_MS);
      const eased = 1 - (1 - progress) ** 3;
      this.render(progress === 1 ? paise : Math.round(from + (paise - from) * eased));
      this.frame = progress === 1 ? undefined : requestAnimationFrame(step);
    };
    this.frame = requestAnimationFrame(step);
  }

  /** @param {number} paise */
  render(paise) {
    this.shownPaise = paise;
    this.element.textContent = formatPaise(paise);
  }

  flash() {
    this.element.classList.remove('changed');
    // Reading layout restarts the CSS animation when two credits arrive close together.
    void this.element.offsetWidth;
    this.element.classList.add('changed');
  }
}
