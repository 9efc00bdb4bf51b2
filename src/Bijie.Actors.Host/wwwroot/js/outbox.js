import { createStore, get as read, set as write, del, values } from '/lib/idb-keyval.js';
import { send, ApiError } from './api.js';

// 待发送: the writes of the report page, kept in IndexedDB with the idempotency key each got when its draft began,
// until the server answers. A write that left but whose answer was lost, a page reloaded or closed while offline,
// a second click: each is sent again under the same key, and the server files it once. Items are the signed-in
// user's own; another account on the same browser neither sees nor sends them.
const store = createStore('bijie-outbox', 'items');
const listeners = new Set();
let flushing = null;

/** An item: { key, user, kind: report|correction|withdrawal, path, body, label, createdAt, status, problem, receipt }. */
export async function put(item) {
  await write(item.key, { status: 'pending', createdAt: new Date().toISOString(), ...item }, store);
  changed();
}

export async function remove(key) {
  await del(key, store);
  changed();
}

export async function find(key) {
  return read(key, store);
}

/** The user's items, oldest first. */
export async function list(user) {
  return (await values(store)).filter(i => i.user === user).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** How many of the user's items still wait to be sent. */
export async function waiting(user) {
  return (await list(user)).filter(i => i.status === 'pending' || i.status === 'sending').length;
}

export function onChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function changed() {
  for (const listener of listeners) listener();
}

/**
 * Whether a failure means "try again later" rather than a refusal: no answer, the server asks for it, or the session
 * ended (the item waits for this account's next sign-in).
 */
export function isTransient(error) {
  return !(error instanceof ApiError) || [401, 408, 429].includes(error.status) || error.status >= 500;
}

/**
 * Sends the user's waiting items in order, each with its own key; stops at the first that cannot be sent now
 * (offline, a 5xx) and leaves it and the rest waiting. One flush at a time in this page, and (with Web Locks)
 * in this browser, so two tabs never race to send the same item. Answers how many are still waiting.
 */
export function flush(user) {
  flushing ??= (async () => {
    try {
      const run = () => sendWaiting(user);
      return navigator.locks ? await navigator.locks.request('bijie-outbox', run) : await run();
    } finally {
      flushing = null;
    }
  })();
  return flushing;
}

async function sendWaiting(user) {
  for (const item of await list(user)) {
    if (item.status !== 'pending' && item.status !== 'sending') continue;
    await update(item.key, { status: 'sending' });
    try {
      const receipt = await send('POST', item.path, item.body, { idempotencyKey: item.key });
      await update(item.key, { status: 'done', receipt: receipt ?? {}, problem: null, sentAt: new Date().toISOString() });
    } catch (error) {
      // A withdrawal answered "already reversed" was made by an earlier try of this same item, whose answer was lost.
      if (item.kind === 'withdrawal' && error instanceof ApiError && error.problem?.code === 'report.already_reversed') {
        await update(item.key, { status: 'done', receipt: {}, problem: null, sentAt: new Date().toISOString() });
        continue;
      }
      if (isTransient(error)) {
        await update(item.key, { status: 'pending', problem: null });
        break;
      }
      await update(item.key, { status: 'refused', problem: error.problem ?? { detail: error.message } });
    }
  }
  return waiting(user);
}

async function update(key, change) {
  const item = await read(key, store);
  if (!item) return;
  await write(key, { ...item, ...change }, store);
  changed();
}

/** Forgets what was sent more than a day ago (the list shows what was just done). */
export async function prune(user, olderThanMs = 24 * 3600 * 1000) {
  const now = Date.now();
  for (const item of await list(user)) {
    if (item.status === 'done' && now - Date.parse(item.sentAt ?? item.createdAt) > olderThanMs) await del(item.key, store);
  }
}
