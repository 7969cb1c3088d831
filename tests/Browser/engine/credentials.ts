import { createHmac } from 'node:crypto';

// The credentials the engine under test is started with: one per role and scope the pages are
// shown to. Made up for the tests; the engine itself ships with none.

export const adminKey = 'browser-admin-key-0123456789';
export const leadKeralaKey = 'browser-lead-kl-0123456789';
export const cxKey = 'browser-cx-key-0123456789';
/** The kiosk of DLR-KA-001: a service head's read-only key scoped to that dealership. */
export const kioskKey = 'browser-kiosk-ka1-0123456789';
export const jwtSigningKey = 'browser-jwt-signing-key-0123456789abcdef';

const keys = [
  { name: 'browser-admin', key: adminKey, role: 'admin', permits: 10_000 },
  { name: 'browser-lead-kl', key: leadKeralaKey, role: 'regional-lead', states: ['KL'] },
  { name: 'browser-cx', key: cxKey, role: 'cx' },
  { name: 'kiosk-DLR-KA-001', key: kioskKey, role: 'service-head', dealerships: ['DLR-KA-001'] },
];

/** The engine's configuration as environment variables (api.md: Auth__ApiKeys__N__...). */
export function credentialSettings(): Record<string, string> {
  const settings: Record<string, string> = { Auth__Jwt__SigningKey: jwtSigningKey };
  keys.forEach((k, i) => {
    const at = `Auth__ApiKeys__${i}__`;
    settings[`${at}Name`] = k.name;
    settings[`${at}Key`] = k.key;
    settings[`${at}Role`] = k.role;
    settings[`${at}PermitsPerSecond`] = String(k.permits ?? 200);
    (k.dealerships ?? []).forEach((d, j) => (settings[`${at}Dealerships__${j}`] = d));
    (k.states ?? []).forEach((s, j) => (settings[`${at}States__${j}`] = s));
  });
  return settings;
}

const base64Url = (data: string | Buffer): string => Buffer.from(data).toString('base64url');

/** A person's bearer token (HS256), as an identity provider would issue it. */
export function token(claims: { sub: string; role: string; dealership?: string[]; state?: string[] }): string {
  const header = base64Url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = base64Url(JSON.stringify({ ...claims, exp: Math.floor(Date.now() / 1000) + 3600 }));
  const signature = createHmac('sha256', jwtSigningKey).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}
