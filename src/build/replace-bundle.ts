// Puts a freshly built bundle in place of the previous one while CLIs may be running from it (tests
// spawn bin/ovh-order.js while someone rebuilds): no moment without a main.js, never half a file.
import fs from 'node:fs';
import path from 'node:path';

export interface BundleFile {
  path: string;
  contents: Uint8Array | string;
}

/**
 * Writes each file atomically (temporary file, then rename), chunks before the entry so a new
 * main.js never names a chunk that is not there yet, then deletes the files of older builds: chunk
 * names carry content hashes, so they would pile up.
 */
export function replaceBundle(dir: string, files: BundleFile[], entry: string): void {
  fs.mkdirSync(dir, { recursive: true });
  const ordered = [...files.filter((file) => file.path !== entry), ...files.filter((file) => file.path === entry)];
  for (const file of ordered) writeFileAtomically(file.path, file.contents);
  const current = new Set(files.map((file) => path.basename(file.path)));
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    // Another build's temporary file, being written right now.
    if (current.has(name) || (name.endsWith('.tmp') && isRecent(file))) continue;
    fs.rmSync(file, { recursive: true, force: true });
  }
}

function isRecent(file: string): boolean {
  try {
    return Date.now() - fs.statSync(file).mtimeMs < 60_000;
  } catch {
    return false;
  }
}

/** Temporary file, then rename: a reader sees the old file or the new one, never half of one. */
export function writeFileAtomically(file: string, contents: Uint8Array | string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, contents);
  fs.renameSync(temporary, file);
}
