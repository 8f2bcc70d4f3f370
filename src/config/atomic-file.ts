// The one way state files (journal, credentials and profiles, caches) are read and written: a
// whole-file replace (temp file in the same directory, fsync, rename), never through a symbolic
// link (the file and its directory are checked with lstat, files opened with O_NOFOLLOW: a link
// could make ovh-order overwrite or chmod someone else's file), and a lock file with stale
// detection (a dead process's lock, or one older than LOCK_STALE_MS, is taken over). Synchronous
// on purpose: a signal handler cannot run in the middle.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CliError, ExitCode } from '../domain/errors.js';
import { displayPath } from './paths.js';

/** State files are the owner's alone (credentials among them); so are their directories. */
export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;

const JOURNAL_HINT = 'ovh-order records each checkout before sending it and will not order without that record; fix the permissions or free disk space.';

/** A lock older than this is someone's crash, not someone's work. */
const LOCK_STALE_MS = 30_000;

const NO_FOLLOW = fs.constants.O_NOFOLLOW ?? 0;

/** The refusal for a state file or directory that is a symbolic link. Exit 1. */
function linkRefusal(target: string, env: NodeJS.ProcessEnv | undefined): CliError {
  return new CliError(
    `Refusing to use ${env ? displayPath(target, env) : target}: it is a symbolic link, and ovh-order never follows links for its state files.`,
    {
      code: 'state_symlink',
      hint: 'A link there could make ovh-order overwrite or change the permissions of another file. Replace it with a regular file or directory (or move it aside), then run the command again.',
      exitCode: ExitCode.failure,
    },
  );
}

/** Throws when `target` is a symbolic link; a missing one is fine. */
export function refuseLink(target: string, env?: NodeJS.ProcessEnv): void {
  let isLink: boolean;
  try {
    isLink = fs.lstatSync(target).isSymbolicLink();
  } catch {
    return;
  }
  if (isLink) throw linkRefusal(target, env);
}

/**
 * Creates `dir` and its missing parents (mode `mode`), one at a time. Not `mkdirSync(…, {recursive})`:
 * under /proc it retries without end at 100 % CPU, deaf to Ctrl-C. Fails at once naming the path.
 */
export function makeDirs(dir: string, mode: number, env?: NodeJS.ProcessEnv): void {
  const missing: string[] = [];
  for (let current = path.resolve(dir); !fs.existsSync(current); current = path.dirname(current)) {
    missing.unshift(current);
    if (path.dirname(current) === current) break;
  }
  for (const part of missing) {
    try {
      fs.mkdirSync(part, { mode });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      if (code === 'EEXIST') continue;
      const shown = env ? displayPath(dir, env) : dir;
      throw new CliError(`Cannot create the ovh-order config directory ${shown}: ${code} at ${part}.`, {
        code: 'config_dir_unusable',
        hint: 'Choose a writable directory with OVH_ORDER_CONFIG_DIR (it holds the credentials and the order journal), or fix its permissions.',
        exitCode: ExitCode.failure,
        cause: error,
      });
    }
  }
}

/**
 * A state file's text, read without following a link; undefined when there is no such file.
 * Other errors (EACCES…) are thrown as they are, for the caller to name.
 */
export function readStateFile(file: string, env?: NodeJS.ProcessEnv): string | undefined {
  refuseLink(path.dirname(file), env);
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | NO_FOLLOW);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ELOOP') throw linkRefusal(file, env);
    throw error;
  }
  try {
    return fs.readFileSync(fd, 'utf8');
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Writes `file` as a whole or not at all: temp file (0600) in the same directory, fsync, rename.
 * `text` may come in chunks, so that a big file never has to be one string in memory.
 */
export function writeAtomically(file: string, text: string | Iterable<string>, what = 'the order journal', hint = JOURNAL_HINT): void {
  // The rename would replace a link rather than follow it; refusing says why instead of surprising.
  refuseLink(path.dirname(file));
  refuseLink(file);
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | NO_FOLLOW, FILE_MODE);
    // The mode went through the umask; set it exactly, on the descriptor (never on a path).
    if (process.platform !== 'win32') fs.fchmodSync(fd, FILE_MODE);
    if (typeof text === 'string') fs.writeSync(fd, text);
    else writeChunks(fd, text);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(tmp, file);
  } catch (error) {
    if (fd !== undefined) fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw new CliError(`Cannot write ${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? 'write failed'}.`, {
      code: what === 'the order journal' ? 'journal_unwritable' : 'file_unwritable',
      hint,
      exitCode: ExitCode.failure,
      cause: error,
    });
  }
  // Make the rename itself durable (best effort: not every platform can fsync a directory).
  try {
    const dirFd = fs.openSync(path.dirname(file), 'r');
    try {
      fs.fsyncSync(dirFd);
    } finally {
      fs.closeSync(dirFd);
    }
  } catch {
    // ignore
  }
}

/** Chunks gathered into writes of about 1 MB (one write per chunk would be thousands of system calls). */
function writeChunks(fd: number, chunks: Iterable<string>): void {
  let batch: string[] = [];
  let size = 0;
  for (const chunk of chunks) {
    batch.push(chunk);
    size += chunk.length;
    if (size >= 1 << 20) {
      fs.writeSync(fd, batch.join(''));
      batch = [];
      size = 0;
    }
  }
  if (batch.length > 0) fs.writeSync(fd, batch.join(''));
}

/** A lock file created exclusively; a stale one (dead process or older than LOCK_STALE_MS) is taken over. */
export function acquireLock(lockFile: string, env: NodeJS.ProcessEnv, waitMs: number): () => void {
  const deadline = Date.now() + waitMs;
  const token = `${process.pid} ${randomUUID()}`;
  for (;;) {
    try {
      const fd = fs.openSync(lockFile, 'wx', FILE_MODE);
      try {
        fs.writeSync(fd, `${token} ${new Date().toISOString()}\n`);
      } finally {
        fs.closeSync(fd);
      }
      return () => {
        try {
          // Only remove our own lock (a stale-lock takeover may have replaced it).
          if ((readStateFile(lockFile) ?? '').startsWith(token)) fs.rmSync(lockFile, { force: true });
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new CliError(`Cannot lock the order journal (${displayPath(lockFile, env)}): ${(error as NodeJS.ErrnoException).code ?? 'error'}.`, {
          code: 'journal_unwritable',
          hint: 'Check the permissions of the ovh-order config directory.',
          exitCode: ExitCode.failure,
          cause: error,
        });
      }
    }
    if (isStaleLock(lockFile)) {
      fs.rmSync(lockFile, { force: true });
      continue;
    }
    if (Date.now() > deadline) throw lockedError(lockFile, env);
    sleepSync(20);
  }
}

function lockedError(lockFile: string, env: NodeJS.ProcessEnv): CliError {
  return new CliError(`The order journal is locked by another ovh-order (${displayPath(lockFile, env)}).`, {
    code: 'journal_locked',
    hint: 'Wait for the other ovh-order to finish; if none is running, remove the lock file.',
    exitCode: ExitCode.failure,
  });
}

/**
 * Waits, without blocking, until `lockFile` is free (or stale); rejects with the signal's reason
 * when it aborts, and as acquireLock would after `waitMs`. The synchronous acquireLock that follows
 * then rarely waits: its own wait cannot be interrupted (no signal handler runs during it), this one can.
 */
export async function whenLockFree(lockFile: string, env: NodeJS.ProcessEnv, waitMs: number, signal?: AbortSignal): Promise<void> {
  const deadline = Date.now() + waitMs;
  while (fs.existsSync(lockFile) && !isStaleLock(lockFile)) {
    signal?.throwIfAborted();
    if (Date.now() > deadline) throw lockedError(lockFile, env);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, 20);
      function done() {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      }
      signal?.addEventListener('abort', done, { once: true });
    });
  }
  signal?.throwIfAborted();
}

function isStaleLock(lockFile: string): boolean {
  try {
    const stat = fs.lstatSync(lockFile);
    if (Date.now() - stat.mtimeMs > LOCK_STALE_MS) return true;
    const pid = Number((readStateFile(lockFile) ?? '').split(' ')[0]);
    if (!Number.isInteger(pid) || pid <= 0) return false;
    try {
      process.kill(pid, 0);
      return false;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ESRCH';
    }
  } catch {
    // Vanished meanwhile: try again.
    return false;
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
