import { formatPaise } from './format.js';

/** @typedef {import('./types.js').Level} Level */
/** @typedef {import('chart.js').Chart<'bar', number[], string>} BarChart */

/** Bar colours with at least 3:1 contrast against the white page (WCAG non-text contrast). */
const BAR_COLOURS = ['#1f5fa8', '#7b3f98'];

/**
 * The bar chart of earnings by level (rupees). Chart.js comes from the classic script tag that loads
 * /static/vendor/chart.umd.min.js before the page's modules run.
 * @param {HTMLCanvasElement} canvas
 */
export function createEarningsChart(canvas) {
  const ChartJs = /** @type {{ Chart?: typeof import('chart.js').Chart }} */ (/** @type {unknown} */ (window)).Chart;
  if (!ChartJs) {
    throw new Error('Chart.js did not load.');
  }
  const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  /** @type {BarChart} */
  const chart = new ChartJs(canvas, {
    type: 'bar',
    data: {
      labels: ['Level 1', 'Level 2'],
      datasets: [{ label: 'Earned (₹)', data: [0, 0], backgroundColor: BAR_COLOURS, borderRadius: 4 }],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: reducedMotion ? false : { duration: 500 },
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { label: (item) => formatPaise(Math.round((item.parsed.y ?? 0) * 100)) } },
      },
      scales: {
        // The cap is ₹1000 per level: a full-height bar means the level is used up.
        y: { beginAtZero: true, suggestedMax: 1000, ticks: { callback: (value) => `₹${value}` } },
      },
    },
  });
  return {
    chart,
    /** @param {Record<Level, number>} byLevelPaise */
    update(byLevelPaise) {
      chart.data.datasets[0].data = [byLevelPaise[1] / 100, byLevelPaise[2] / 100];
      chart.update();
      // The canvas is an image to assistive technology: its label says what it shows.
      canvas.setAttribute(
        'aria-label',
        `Earnings by level: level 1 ${formatPaise(byLevelPaise[1])}, level 2 ${formatPaise(byLevelPaise[2])}`,
      );
    },
  };
}
