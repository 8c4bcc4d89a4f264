// Chart.js with only the pieces the analytics page draws, so the lazily loaded chunk stays small.
import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Legend,
  LinearScale,
  Tooltip,
} from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, DoughnutController, ArcElement, Legend, Tooltip);

const PALETTE = ['#3a6ea5', '#e07a5f', '#81b29a', '#f2cc8f', '#6d597a', '#b56576', '#52796f', '#9c9c9c'];

/**
 * A bar chart of `values` per label on `canvas`, the y axis from 0 (up to `max` when given); returns
 * the chart to destroy before redrawing.
 */
export function barChart(canvas: HTMLCanvasElement, labels: string[], label: string, values: number[], max?: number): Chart {
  return new Chart(canvas, {
    type: 'bar',
    data: { labels, datasets: [{ label, data: values, backgroundColor: PALETTE[0] }] },
    options: {
      responsive: true,
      animation: false,
      plugins: { legend: { display: false } },
      scales: { y: { beginAtZero: true, max } },
    },
  });
}

/** A doughnut of the shares of `values` per label on `canvas`. */
export function doughnutChart(canvas: HTMLCanvasElement, labels: string[], values: number[]): Chart {
  return new Chart(canvas, {
    type: 'doughnut',
    data: { labels, datasets: [{ data: values, backgroundColor: labels.map((_, i) => PALETTE[i % PALETTE.length]) }] },
    options: { responsive: true, animation: false, plugins: { legend: { position: 'right' } } },
  });
}

export type { Chart };
