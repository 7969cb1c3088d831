import { adminKey } from './credentials';

/** The engine's address, set by the global set-up for every worker. */
export const engineUrl = (): string => {
  const url = process.env.PITSTOP_ENGINE_URL;
  if (!url) {
    throw new Error('PITSTOP_ENGINE_URL is not set: the global set-up starts the engine.');
  }

  return url;
};

/** A call to the public API as the admin (seeding, and reading what the pages should show). */
export async function call(method: string, path: string, body?: unknown, key = adminKey): Promise<any> {
  const response = await fetch(`${engineUrl()}/api/v1${path}`, {
    method,
    headers: { 'X-Api-Key': key, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  }

  return text === '' ? null : JSON.parse(text);
}

/** A resource, or null while it does not exist yet (404): what a seed waits on. */
export async function find(path: string): Promise<any> {
  const response = await fetch(`${engineUrl()}/api/v1${path}`, { headers: { 'X-Api-Key': adminKey } });
  return response.status === 404 ? null : call('GET', path);
}

/** Waits until `check` holds of what `read` returns. */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) {
      return value;
    }

    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${what}: ${JSON.stringify(value).slice(0, 500)}`);
    }

    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
