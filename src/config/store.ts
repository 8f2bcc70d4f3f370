// Private JSON stores in the config directory, written atomically (temp file + rename, file mode
// 0600) inside a 0700 directory; a file or directory found open to others is fixed and reported (the
// caller prints the warning). Other parts (time offset, catalog cache, order journal) keep their
// files here too.
//
// Writes go through `conf` (atomic, mode 0600), loaded only when something is written: loading it
// (ajv, semver, atomically) costs ~70 ms, which every command would pay for what is, when reading,
// one JSON.parse (issue #7, `npm run bench -- --profile`). conf's atomic writer hooks SIGINT and
// re-raises it after its cleanup; src/cli/main.ts ignores a second signal that follows at once.
import fs from 'node:fs';
import path from 'node:path';
import { CliError, ExitCode } from '../domain/errors.js';
import { DIR_MODE, FILE_MODE, makeDirs, readStateFile, refuseLink, writeAtomically } from './atomic-file.js';
import { configDir, displayPath } from './paths.js';

/** Permission bits as `0644`. */
function formatMode(mode: number): string {
  return `0${(mode & 0o777).toString(8).padStart(3, '0')}`;
}

/**
 * Creates `dir` (and parents) as 0700 if missing; if it exists with group/other bits, fixes it.
 * Returns the warnings to show (none when all was fine).
 */
export function ensurePrivateDir(dir: string, env: NodeJS.ProcessEnv): string[] {
  if (process.platform === 'win32') {
    makeDirs(dir, DIR_MODE, env);
    return [];
  }
  refuseLink(dir, env);
  const existed = fs.existsSync(dir);
  if (!existed) {
    makeDirs(dir, DIR_MODE, env);
    // mkdir applies the umask; set the mode explicitly so it is exactly 0700.
    fs.chmodSync(dir, DIR_MODE);
    return [];
  }
  const mode = fs.statSync(dir).mode & 0o777;
  if ((mode & 0o077) === 0) return [];
  fs.chmodSync(dir, DIR_MODE);
  return [`The directory ${displayPath(dir, env)} was open to other users (mode ${formatMode(mode)}); it is now ${formatMode(DIR_MODE)}.`];
}

/** If `file` exists and others can read or write it, sets 0600 and returns a warning saying so. */
export function fixFileMode(file: string, env: NodeJS.ProcessEnv): string | undefined {
  refuseLink(file, env);
  if (process.platform === 'win32' || !fs.existsSync(file)) return undefined;
  const mode = fs.lstatSync(file).mode & 0o777;
  if ((mode & 0o077) === 0) return undefined;
  fs.chmodSync(file, FILE_MODE);
  return `${displayPath(file, env)} was readable by other users (mode ${formatMode(mode)}); it is now ${formatMode(FILE_MODE)}. If others could log in to this machine, consider revoking the keys it holds (ovh-order logout --revoke) and logging in again.`;
}

export interface PrivateStore<T extends Record<string, unknown>> {
  /** Absolute path of the JSON file. */
  readonly path: string;
  /** Warnings about permissions that were found wrong and fixed. */
  readonly warnings: string[];
  /** The whole document ({} when the file does not exist yet). Never creates anything. */
  read(): Partial<T>;
  /** Replaces the whole document (creates the directory 0700 and the file 0600). */
  write(document: T): Promise<void>;
  /** Removes the file. */
  remove(): void;
}

/**
 * Opens `<configDir>/<name>.json`. Reading never creates the file; writing creates the directory
 * 0700 and the file 0600. A file that is not valid JSON is an error naming it (it is not silently
 * reset, since it may hold the only copy of someone's keys).
 */
export function openPrivateStore<T extends Record<string, unknown>>(env: NodeJS.ProcessEnv, name: string): PrivateStore<T> {
  const dir = configDir(env);
  const file = path.join(dir, `${name}.json`);
  const warnings: string[] = [];
  if (fs.existsSync(dir)) warnings.push(...ensurePrivateDir(dir, env));
  const fileWarning = fixFileMode(file, env);
  if (fileWarning) warnings.push(fileWarning);

  return {
    path: file,
    warnings,
    read() {
      let parsed: unknown;
      try {
        const text = readStateFile(file, env);
        if (text === undefined) return {};
        parsed = JSON.parse(text);
      } catch (error) {
        if (error instanceof CliError) throw error;
        throw unreadable(file, env, error);
      }
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw unreadable(file, env, new SyntaxError('not an object'));
      return parsed;
    },
    async write(document) {
      warnings.push(...ensurePrivateDir(dir, env));
      writeAtomically(
        file,
        `${JSON.stringify(document, null, 2)}\n`,
        `the ${name} file`,
        'Check the permissions of the ovh-order config directory and the free disk space.',
      );
    },
    remove() {
      fs.rmSync(file, { force: true });
    },
  };
}

function unreadable(file: string, env: NodeJS.ProcessEnv, cause: unknown): CliError {
  // Never quote the parser's message: it may contain a piece of the file, i.e. a secret.
  const code = (cause as { code?: unknown } | null)?.code;
  const detail = cause instanceof SyntaxError ? 'it is not valid JSON' : typeof code === 'string' ? code : 'unreadable';
  return new CliError(`Cannot read ${displayPath(file, env)}: ${detail}`, {
    code: 'config_unreadable',
    hint: 'Fix or remove that file (it is JSON written by ovh-order), then run the command again.',
    exitCode: ExitCode.failure,
    cause,
  });
}
