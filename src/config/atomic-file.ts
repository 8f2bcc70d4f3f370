// Files that must never be seen half-written, shared by one user's concurrent ovh-order runs: a
// whole-file replace (temp file in the same directory, fsync, rename) and a lock file with stale
// detection (a dead process's lock, or one older than LOCK_STALE_MS, is taken over). Synchronous
// on purpose: a signal handler cannot run in the middle.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CliError, ExitCode } from '../errors.js';
import { displayPath } from './paths.js';
import { FILE_MODE } from './store.js';

const JOURNAL_HINT = 'ovh-order records each checkout before sending it and will not order without that record; fix the permissions or free disk space.';

/** A lock older than this is someone's crash, not someone's work. */
export const LOCK_STALE_MS = 30_000;

/**
 * Writes `file` as a whole or not at all: temp file (0600) in the same directory, fsync, rename.
 * `text` may come in chunks, so that a big file never has to be one string in memory.
 */
export function writeAtomically(file: string, text: string | Iterable<string>, what = 'the order journal', hint = JOURNAL_HINT): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, 'wx', FILE_MODE);
    if (typeof text === 'string') fs.writeSync(fd, text);
    else writeChunks(fd, text);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    if (process.platform !== 'win32') fs.chmodSync(tmp, FILE_MODE);
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
          if (fs.readFileSync(lockFile, 'utf8').startsWith(token)) fs.rmSync(lockFile, { force: true });
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
    if (Date.now() > deadline) {
      throw new CliError(`The order journal is locked by another ovh-order (${displayPath(lockFile, env)}).`, {
        code: 'journal_locked',
        hint: 'Wait for the other ovh-order to finish; if none is running, remove the lock file.',
        exitCode: ExitCode.failure,
      });
    }
    sleepSync(20);
  }
}

function isStaleLock(lockFile: string): boolean {
  try {
    const stat = fs.statSync(lockFile);
    if (Date.now() - stat.mtimeMs > LOCK_STALE_MS) return true;
    const pid = Number(fs.readFileSync(lockFile, 'utf8').split(' ')[0]);
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
