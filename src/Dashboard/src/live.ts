import { type Answer, type Api, query } from './api';
import { every } from './dom';

// After a broken stream: the first new try waits this long, each further one twice as long, up to the cap.
const retryFirstMs = 1_000;
const retryMaxMs = 30_000;
// A quiet stream sends a heartbeat every 15 s; silence for three of them means the connection is
// gone although nothing said so (a proxy or a sleeping laptop), and the stream is opened again.
const silenceMs = 45_000;

type Parameters = Record<string, string | number | undefined>;

/**
 * Follows a leaderboard (`GET /leaderboards/{role}` with `parameters`) through its live stream
 * (`…/live`, server-sent events): `render` gets the board when the stream opens and each time it
 * changes. While the stream is broken or ended, the board is polled every `pollMs` as before, and
 * the stream is tried again with a growing backoff; the first board it sends ends the polling.
 * Nothing is read while the page is hidden. Returns the function that stops it all.
 */
export function followBoard<T>(api: Api, role: string, parameters: Parameters, pollMs: number, render: (board: Answer<T>) => void | Promise<void>): () => void {
  const search = query(parameters);
  let stream: AbortController | undefined;
  let stopPolling: (() => void) | undefined;
  let retry: number | undefined;
  let failures = 0;

  const poll = (): void => {
    stopPolling ??= every(pollMs, async () => render(await api.get<T>(`/leaderboards/${role}${search}`)));
  };

  const quiet = (): void => {
    stopPolling?.();
    stopPolling = undefined;
  };

  const open = async (): Promise<void> => {
    const controller = new AbortController();
    stream = controller;
    let silence = window.setTimeout(() => controller.abort(), silenceMs);
    try {
      for await (const event of api.events(`/leaderboards/${role}/live${search}`, controller.signal)) {
        window.clearTimeout(silence);
        silence = window.setTimeout(() => controller.abort(), silenceMs);
        if (event.event === 'leaderboard') {
          failures = 0;
          quiet();
          await render({ ok: true, data: JSON.parse(event.data) as T });
        }
      }
    } catch {
      // A broken stream is not the page's error: the polling below takes over.
    } finally {
      window.clearTimeout(silence);
    }

    if (stream !== controller) {
      return; // Stopped, or the page was hidden: nothing to fall back to.
    }

    stream = undefined;
    poll();
    retry = window.setTimeout(() => void open(), Math.min(retryMaxMs, retryFirstMs * 2 ** failures));
    failures += 1;
  };

  const pause = (): void => {
    const current = stream;
    stream = undefined;
    current?.abort();
    quiet();
    window.clearTimeout(retry);
  };

  const visibility = (): void => {
    pause();
    if (!document.hidden) {
      void open();
    }
  };

  document.addEventListener('visibilitychange', visibility);
  visibility();
  return () => {
    document.removeEventListener('visibilitychange', visibility);
    pause();
  };
}
