import type { Credential } from './api';

// A person's credential lives in sessionStorage: gone when the tab closes, never sent anywhere but
// the API. A kiosk's lives in localStorage: it is configured once on the device and survives restarts.

const personKey = 'pitstop.credential';
const kioskKey = (dealershipId: string): string => `pitstop.kiosk.${dealershipId}`;

function read(storage: Storage, key: string): Credential | null {
  try {
    const stored = JSON.parse(storage.getItem(key) ?? 'null') as Credential | null;
    return stored && (stored.kind === 'key' || stored.kind === 'bearer') && typeof stored.value === 'string' ? stored : null;
  } catch {
    return null;
  }
}

export const session = {
  get: (): Credential | null => read(sessionStorage, personKey),
  set: (credential: Credential): void => sessionStorage.setItem(personKey, JSON.stringify(credential)),
  clear: (): void => sessionStorage.removeItem(personKey),
};

export const kioskDevice = {
  get: (dealershipId: string): Credential | null => read(localStorage, kioskKey(dealershipId)),
  set: (dealershipId: string, credential: Credential): void => localStorage.setItem(kioskKey(dealershipId), JSON.stringify(credential)),
  clear: (dealershipId: string): void => localStorage.removeItem(kioskKey(dealershipId)),
};

/** A pasted credential: a JWT (three dot-separated base64url parts, optionally after "Bearer ") or an API key. */
export function credentialOf(text: string): Credential {
  const value = text.trim().replace(/^Bearer\s+/i, '');
  return /^[\w-]+\.[\w-]+\.[\w-]*$/.test(value) ? { kind: 'bearer', value } : { kind: 'key', value };
}
