import { t, problemText } from './i18n.js';

/**
 * An API refusal: the RFC 9457 problem details, readable: the message for its stable code in the page's language
 * when the pages know the code, else the server's words (each said once).
 */
export class ApiError extends Error {
  constructor(status, problem) {
    const details = problem?.errors ? Object.values(problem.errors).flat().filter(d => d !== problem.detail).join(' ') : '';
    const known = problem?.code ? problemText(problem) : null;
    super(known && known !== problem.detail ? known : [problem?.detail || problem?.title || `HTTP ${status}`, details].filter(Boolean).join(' '));
    this.status = status;
    this.problem = problem;
  }
}

let session;

/** The signed-in user ({ userId, displayName, role, organizationId, antiforgeryToken }) or null. */
export async function currentSession(refresh = false) {
  if (session !== undefined && !refresh) return session;
  // A page opened by someone who never signed in here does not ask (a public board would log a 401 on every visit).
  if (!localStorage.getItem(SIGNED_IN)) return (session = null);
  const response = await fetch('/api/v1/session', { headers: { Accept: 'application/json' } });
  session = response.ok ? await response.json() : null;
  if (response.status === 401) localStorage.removeItem(SIGNED_IN);
  return session;
}

/** Set on this device at sign-in and cleared at sign-out or when the server no longer knows the session. */
export const SIGNED_IN = 'bijie.signedIn';

export async function get(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => null));
  return response.json();
}

/**
 * A write with the session cookie: sends the antiforgery token, and an idempotency key when asked. Answers the body,
 * or { status, body } with withStatus (a create answers 201 when it made the thing and 200 when it existed).
 */
export async function send(method, path, body, { idempotencyKey, headers = {}, withStatus = false } = {}) {
  const s = await currentSession();
  if (!s) throw new ApiError(401, { detail: t('mustSignIn') });
  const init = { method, headers: { Accept: 'application/json', 'X-CSRF-TOKEN': s.antiforgeryToken ?? '', ...headers } };
  if (body instanceof FormData || body instanceof Blob) {
    init.body = body;
  } else if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  if (idempotencyKey) init.headers['Idempotency-Key'] = idempotencyKey;
  let response = await fetch(path, init);
  if (response.status === 400 && (await response.clone().json().catch(() => null))?.code === 'session.antiforgery') {
    // The page's token is older than the session (a page opened offline from the device's copy): take a fresh one once.
    const fresh = await currentSession(true);
    if (!fresh) throw new ApiError(401, { detail: t('mustSignIn') });
    init.headers['X-CSRF-TOKEN'] = fresh.antiforgeryToken ?? '';
    response = await fetch(path, init);
  }
  const payload = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError(response.status, response.status === 403 && !payload ? { detail: t('forbidden') } : payload);
  }
  return withStatus ? { status: response.status, body: payload } : payload;
}

/** Every page of a listing. */
export async function all(path, max = 2000) {
  const items = [];
  let next = path + (path.includes('?') ? '&' : '?') + 'size=200';
  while (next && items.length < max) {
    const page = await get(next);
    items.push(...page.items);
    next = page.next;
  }
  return items;
}

const names = new Map();

/** A helper's, enterprise's or locality's name, cached; the id itself when it cannot be read. */
export async function nameOf(kind, id) {
  if (!id) return '';
  const key = `${kind}:${id}`;
  if (!names.has(key)) {
    const path = { helper: '/api/v1/helpers/', enterprise: '/api/v1/enterprises/', locality: '/api/v1/localities/' }[kind] + encodeURIComponent(id);
    names.set(key, get(path).then(x => x.nameZh ?? x.name ?? id, () => id));
  }
  return names.get(key);
}
