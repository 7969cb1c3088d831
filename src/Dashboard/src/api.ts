// The engine's public API (/api/v1), called with the signed-in person's credential.

import { readEvents, type ServerSentEvent } from './sse';

export type Credential = { kind: 'key' | 'bearer'; value: string };

export type Answer<T> =
  | { ok: true; data: T }
  | { ok: false; status: number; title: string; detail?: string; type?: string };

export class Api {
  constructor(private readonly credential: Credential) {}

  get<T>(path: string): Promise<Answer<T>> {
    return this.send<T>('GET', path);
  }

  /** Sends a JSON body; the kiosk's card actions carry the member's PIN in it, never in the address. */
  post<T>(path: string, body: unknown): Promise<Answer<T>> {
    return this.send<T>('POST', path, body);
  }

  delete<T>(path: string): Promise<Answer<T>> {
    return this.send<T>('DELETE', path);
  }

  /**
   * A live stream (server-sent events) with the same credential, read with fetch: EventSource
   * cannot send it. Throws when the stream cannot be opened (network, or an answer other than 200);
   * aborting `signal` closes it.
   */
  async *events(path: string, signal: AbortSignal): AsyncGenerator<ServerSentEvent> {
    const response = await fetch(`/api/v1${path}`, { headers: this.headers('text/event-stream'), signal, cache: 'no-store' });
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      throw new Error(`${path} answered ${response.status}`);
    }

    yield* readEvents(response.body);
  }

  private headers(accept: string): Record<string, string> {
    const headers: Record<string, string> = { Accept: accept };
    if (this.credential.kind === 'key') {
      headers['X-Api-Key'] = this.credential.value;
    } else {
      headers.Authorization = `Bearer ${this.credential.value}`;
    }

    return headers;
  }

  private async send<T>(method: string, path: string, body?: unknown): Promise<Answer<T>> {
    const headers = this.headers('application/json');
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }

    let response: Response;
    try {
      response = await fetch(`/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      return { ok: false, status: 0, title: 'The engine cannot be reached.' };
    }

    if (response.ok) {
      return { ok: true, data: (await response.json()) as T };
    }

    // Problem details (RFC 9457) carry a human title and detail; anything else is named by its status.
    const problem = await response.json().catch(() => null) as { title?: string; detail?: string; type?: string } | null;
    return { ok: false, status: response.status, title: problem?.title ?? `HTTP ${response.status}`, detail: problem?.detail, type: problem?.type };
  }
}

/** Builds a query string from the parameters that have a value. */
export function query(parameters: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) {
    if (value !== undefined && value !== '') {
      search.set(name, String(value));
    }
  }

  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}
