// The boards' live channel: SignalR over WebSockets (no negotiation, so any host behind the proxy can take the
// connection), reconnecting for ever; after every (re)connection the page re-reads what it shows, so a board whose
// host died catches up without a reload. Boards never poll: they re-read only when told something changed, and a
// locality's board the page names in `boards` (code and year) is pushed to it whole after each change (`onBoard`),
// so that it need not be read at all.
const signalR = window.signalR;

export function connectLive({ scopes, boards = () => [], onChanged, onReported, onResync, onBoard }) {
  const state = document.getElementById('live-state');
  const show = (value, server) => {
    if (!state) return;
    state.dataset.state = value;
    if (server !== undefined) state.dataset.server = server;
    state.querySelector('[data-i18n]')?.setAttribute('data-i18n', value === 'connected' ? 'live' : value === 'connecting' ? 'connecting' : 'offline');
    state.dispatchEvent(new CustomEvent('livestate', { bubbles: true }));
  };
  const connection = new signalR.HubConnectionBuilder()
    .withUrl('/hubs/boards', { skipNegotiation: true, transport: signalR.HttpTransportType.WebSockets })
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: c => Math.min(250 * 2 ** c.previousRetryCount, 3000) })
    .configureLogging(signalR.LogLevel.Warning)
    .build();
  // The server pings every 5 s (its KeepAliveInterval): three missed pings, not one late one, mean the link is gone.
  connection.serverTimeoutInMilliseconds = 15000;
  connection.keepAliveIntervalInMilliseconds = 10000;
  connection.on('changed', change => onChanged?.(change));
  connection.on('reported', item => onReported?.(item));
  connection.on('board', board => onBoard?.(board));

  let watched = new Set();
  let pushed = new Set();
  const key = ([code, year]) => `${code}:${year}`;
  async function watchBoards() {
    const next = new Map(boards().map(b => [key(b), b]));
    for (const k of pushed) {
      if (!next.has(k)) { const [code, year] = k.split(':'); await connection.invoke('UnwatchBoard', code, Number(year)); }
    }
    for (const [k, [code, year]] of next) {
      if (!pushed.has(k)) await connection.invoke('WatchBoard', code, year);
    }
    pushed = new Set(next.keys());
  }
  async function joined() {
    watched = new Set(scopes());
    pushed = new Set(); // a new connection watches nothing yet
    await connection.invoke('Watch', [...watched]);
    await watchBoards();
    const server = await connection.invoke('Server');
    show('connected', server);
    resync();
  }

  // Re-reads what the page shows after a (re)connection. Right after a host died its grains may not answer yet
  // (the cluster has not declared it dead), so a failed read is tried again, spaced out, while connected: a board
  // must not stay on the figures it had before the outage.
  let resyncing = null;
  function resync() {
    if (resyncing) return resyncing;
    resyncing = (async () => {
      for (let attempt = 0; connection.state === signalR.HubConnectionState.Connected; attempt++) {
        try { await onResync?.(); return; }
        catch { await new Promise(resolve => setTimeout(resolve, Math.min(500 * 2 ** attempt, 5000))); }
      }
    })().finally(() => { resyncing = null; });
    return resyncing;
  }

  connection.onreconnecting(() => show('offline'));
  connection.onreconnected(() => joined().catch(() => show('offline')));
  connection.onclose(() => { show('offline'); setTimeout(start, 1000); });

  async function start() {
    show('connecting');
    for (;;) {
      try {
        await connection.start();
        await joined();
        return;
      } catch {
        await new Promise(resolve => setTimeout(resolve, 1000));
      }
    }
  }

  start();
  return {
    /** Watches the scopes the page shows now (after it changed what it shows). */
    async rewatch() {
      if (connection.state !== signalR.HubConnectionState.Connected) return;
      const next = new Set(scopes());
      const gone = [...watched].filter(s => !next.has(s));
      if (gone.length) await connection.invoke('Unwatch', gone);
      await connection.invoke('Watch', [...next]);
      watched = next;
      await watchBoards();
    },
    /** Whether the locality's board for the year is pushed to this page (it need not read it on 'changed'). */
    pushes(code, year) { return pushed.has(`${code}:${year}`); },
  };
}

/** Whether a change for years from..to touches the year shown. */
export function touches(change, year) {
  return change.fromYear <= year && (change.toYear === null || change.toYear === undefined || year <= change.toYear);
}

/**
 * Keeps one loader from running twice at once: a call while it runs makes it run once more afterwards, so the
 * last change is always shown and a burst of changes costs two reads, not one per change.
 */
// Under a burst of changes a screen reads at most this often: a change after a quiet spell is read at once, and
// a hundred screens do not read twenty times a second each while reports pour in.
const SPACING_MS = 200;

export function coalesce(loader) {
  let running = null;
  let again = false;
  const run = async () => {
    if (running) { again = true; return running; }
    running = (async () => {
      try {
        do {
          again = false;
          const started = performance.now();
          await loader();
          if (again) await new Promise(resolve => setTimeout(resolve, Math.max(0, SPACING_MS - (performance.now() - started))));
        } while (again);
      } catch {
        setTimeout(run, 1000); // refused (429) or lost: read again shortly, the next change would be too late
      } finally {
        running = null;
      }
    })();
    return running;
  };
  return run;
}
