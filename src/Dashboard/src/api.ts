// The engine's public API (/api/v1), called with the signed-in person's credential.

export type Credential = { kind: 'key' | 'bearer'; value: string };

export type Answer<T> =
  | { ok: true; data: T }
  | { ok: false; status: number; title: string };

export class Api {
  constructor(private readonly credential: Credential) {}

  async get<T>(path: string): Promise<Answer<T>> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (this.credential.kind === 'key') {
      headers['X-Api-Key'] = this.credential.value;
    } else {
      headers.Authorization = `Bearer ${this.credential.value}`;
    }

    let response: Response;
    try {
      response = await fetch(`/api/v1${path}`, { headers });
    } catch {
      return { ok: false, status: 0, title: 'The engine cannot be reached.' };
    }

    if (response.ok) {
      return { ok: true, data: (await response.json()) as T };
    }

    // Problem details (RFC 9457) carry a human title; anything else is named by its status.
    const problem = await response.json().catch(() => null) as { title?: string } | null;
    return { ok: false, status: response.status, title: problem?.title ?? `HTTP ${response.status}` };
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
