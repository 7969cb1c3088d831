import type { Api } from '../api';
import { every, h, show } from '../dom';
import { recognitionLine } from '../dashboard/recognition';
import type { RecognitionFeed } from '../types';

// One line at a time, for long enough to read from across the workshop.
const lineMs = 6000;

/**
 * The dealership's recognition feed on the kiosk: its latest badges, challenges and spot awards,
 * one after another. The feed is read again every minute; returns how to stop.
 */
export function recognitionTicker(target: HTMLElement, api: Api, dealershipId: string): () => void {
  let lines: string[] = [];
  let next = 0;
  const line = h('p', { class: 'kiosk-recognition-line', 'data-testid': 'kiosk-recognition-line' });
  show(target, h('h3', {}, 'Recognition'), line);

  const stopReading = every(60_000, async () => {
    const feed = await api.get<RecognitionFeed>(`/dealerships/${encodeURIComponent(dealershipId)}/recognition`);
    if (feed.ok) {
      lines = feed.data.items.map(recognitionLine);
    }
  });
  const stopCycling = every(lineMs, async () => {
    line.textContent = lines.length === 0 ? 'Badges, challenges and spot awards appear here.' : lines[next++ % lines.length];
  });
  return () => {
    stopReading();
    stopCycling();
  };
}
