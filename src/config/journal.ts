// The order journal: what ovh-order was about to buy, written BEFORE `POST …/checkout` and
// completed after it. If the answer to a checkout is lost (timeout, dropped connection, 5xx, crash,
// Ctrl-C) the entry stays "pending" and the next attempt to order the same thing is refused until
// someone checks: a lost answer must never turn into a second server with a 12-month commitment.
//
// One JSON file `<configDir>/journal.json`, 0600 in a 0700 directory, replaced atomically (temp file
// in the same directory + fsync + rename) under a lock file, so a crash or a second ovh-order never
// leaves it half-written. Every operation is synchronous on purpose: a signal handler cannot run in
// the middle of one. It holds no secret: only the cart id, the endpoint URL, what was ordered,
// times and the order id/url.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  blocksRepeat,
  fingerprintOf,
  isUnresolved,
  journalEndpoint,
  JournalDocumentSchema,
  normaliseThing,
  type Journal,
  type JournalEntry,
} from '../domain/journal.js';
import { CliError, ExitCode } from '../domain/errors.js';
import { configDir, displayPath } from './paths.js';
import { acquireLock, readStateFile, whenLockFree, writeAtomically } from './atomic-file.js';
import { ensurePrivateDir, fixFileMode } from './store.js';

const JOURNAL_FILE = 'journal.json';
const JOURNAL_VERSION = 1;
/** Resolved entries beyond this many are forgotten (unresolved ones never are). */
export const JOURNAL_MAX_ENTRIES = 200;
const LOCK_WAIT_MS = 5_000;

interface JournalDocument {
  version: number;
  entries: JournalEntry[];
}

export interface OpenJournalOptions {
  now?: () => Date;
  /** How long to wait for another ovh-order holding the lock (default 5 s). */
  lockWaitMs?: number;
  /** Resolved entries kept (default JOURNAL_MAX_ENTRIES). */
  maxEntries?: number;
}

export function openJournal(env: NodeJS.ProcessEnv, options: OpenJournalOptions = {}): Journal {
  const now = options.now ?? (() => new Date());
  const dir = configDir(env);
  const file = path.join(dir, JOURNAL_FILE);
  const lockFile = `${file}.lock`;
  const warnings: string[] = [];
  if (fs.existsSync(dir)) warnings.push(...ensurePrivateDir(dir, env));
  const fileWarning = fixFileMode(file, env);
  if (fileWarning) warnings.push(fileWarning);

  const read = (): JournalDocument => readDocument(file, env);

  /** Read-modify-write under the lock; the change is on disk (renamed into place) when this returns. */
  const update = <T>(change: (doc: JournalDocument) => T): T => {
    warnings.push(...ensurePrivateDir(dir, env));
    const release = acquireLock(lockFile, env, options.lockWaitMs ?? LOCK_WAIT_MS);
    try {
      const doc = read();
      const result = change(doc);
      doc.entries = prune(doc.entries, options.maxEntries ?? JOURNAL_MAX_ENTRIES);
      writeAtomically(file, `${JSON.stringify(doc, null, 2)}\n`);
      return result;
    } finally {
      release();
    }
  };

  const mustFind = (doc: JournalDocument, id: string): JournalEntry => {
    const entry = doc.entries.find((e) => e.id === id);
    if (!entry) {
      throw new CliError(`The order journal has no entry ${id}.`, {
        code: 'journal_entry_missing',
        hint: `${displayPath(file, env)} was changed by something else; check your orders with \`ovh-order status\`.`,
        exitCode: ExitCode.failure,
      });
    }
    return entry;
  };

  const newestFirst = (entries: JournalEntry[]) => [...entries].sort((a, b) => b.startedAt.localeCompare(a.startedAt));

  return {
    path: file,
    warnings,
    beginCheckout(input, check) {
      const what = normaliseThing(input.what);
      const endpoint = journalEndpoint(input.endpoint);
      const entry: JournalEntry = {
        id: randomUUID(),
        cartId: String(input.cartId),
        endpoint,
        ...(input.subsidiary ? { subsidiary: String(input.subsidiary) } : {}),
        what,
        ...(input.quote ? { quote: { withoutTax: Number(input.quote.withoutTax), currency: String(input.quote.currency) } } : {}),
        fingerprint: fingerprintOf(endpoint, what),
        startedAt: now().toISOString(),
        ...(Number.isFinite(input.clockOffsetSeconds) ? { clockOffsetSeconds: input.clockOffsetSeconds } : {}),
        state: 'pending',
        ...(input.source ? { source: String(input.source) } : {}),
      };
      update((doc) => {
        check?.({
          sameThing: newestFirst(doc.entries.filter((e) => e.fingerprint === entry.fingerprint && blocksRepeat(e, now()))),
          sameCart: newestFirst(doc.entries.filter((e) => e.cartId === entry.cartId)),
        });
        doc.entries.push(entry);
      });
      return { ...entry };
    },
    recordOrder(id, order, note) {
      return this.recordOutcome(id, 'ordered', note, { order });
    },
    recordOutcome(id, state, note, extra = {}) {
      const { order } = extra;
      return update((doc) => {
        const entry = mustFind(doc, id);
        entry.state = state;
        if (extra.recovered !== undefined) entry.recovered = extra.recovered;
        if (order) {
          entry.orderId = order.orderId;
          if (order.url) entry.orderUrl = order.url;
        }
        if (note !== undefined) entry.note = note;
        if (state === 'pending') delete entry.resolvedAt;
        else entry.resolvedAt = now().toISOString();
        return { ...entry };
      });
    },
    markOverridden(ids, byId) {
      if (ids.length === 0) return;
      update((doc) => {
        for (const entry of doc.entries) {
          if (!ids.includes(entry.id)) continue;
          entry.overriddenAt = now().toISOString();
          entry.overriddenBy = byId;
        }
      });
    },
    findUnresolved(fingerprint) {
      return newestFirst(read().entries.filter((e) => e.fingerprint === fingerprint && isUnresolved(e)));
    },
    whenUnlocked(signal) {
      return whenLockFree(lockFile, env, options.lockWaitMs ?? LOCK_WAIT_MS, signal);
    },
    findRepeats(fingerprint) {
      const at = now();
      return newestFirst(read().entries.filter((e) => e.fingerprint === fingerprint && blocksRepeat(e, at)));
    },
    unresolved() {
      return newestFirst(read().entries.filter(isUnresolved));
    },
    forCart(cartId) {
      return newestFirst(read().entries.filter((e) => e.cartId === cartId));
    },
    recent(n = 10) {
      return newestFirst(read().entries).slice(0, n);
    },
    get(id) {
      return read().entries.find((e) => e.id === id);
    },
  };
}

/** Keeps every unresolved entry and the newest resolved ones, in their original order. */
function prune(entries: JournalEntry[], max: number): JournalEntry[] {
  if (entries.length <= max) return entries;
  const keepResolved = new Set(
    entries
      .filter((e) => !isUnresolved(e))
      .sort((a, b) => b.startedAt.localeCompare(a.startedAt))
      .slice(0, Math.max(0, max - entries.filter(isUnresolved).length))
      .map((e) => e.id),
  );
  return entries.filter((e) => isUnresolved(e) || keepResolved.has(e.id));
}

function readDocument(file: string, env: NodeJS.ProcessEnv): JournalDocument {
  let text: string | undefined;
  try {
    text = readStateFile(file, env);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw unreadable(file, env, (error as NodeJS.ErrnoException).code ?? 'unreadable', error);
  }
  if (text === undefined) return { version: JOURNAL_VERSION, entries: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw unreadable(file, env, 'it is not valid JSON', error);
  }
  const checked = JournalDocumentSchema.safeParse(parsed);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const where = issue ? issue.path.map(String).join('.') : '';
    throw unreadable(file, env, `it does not have the expected entries (${where ? `${where}: ` : ''}${issue?.message ?? 'wrong shape'})`);
  }
  return { version: JOURNAL_VERSION, entries: checked.data.entries };
}

function unreadable(file: string, env: NodeJS.ProcessEnv, detail: string, cause?: unknown): CliError {
  // A journal that cannot be read might hide an unresolved order: refuse rather than guess.
  return new CliError(`Cannot read the order journal ${displayPath(file, env)}: ${detail}.`, {
    code: 'journal_unreadable',
    hint: 'It records checkouts whose outcome may be unknown. Check your recent orders in the OVH control panel, then move that file aside and run the command again.',
    exitCode: ExitCode.failure,
    cause,
  });
}
