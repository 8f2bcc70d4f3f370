// The watch state: per watched target, whether it was in stock at the last check and since when,
// so a restarted watch neither repeats an alert nor misses one. One file per watch (named by a
// hash of what is watched and where), under <config dir>/watch/, written through the one atomic,
// link-refusing write path. A damaged file is set aside and the watch starts afresh, saying so.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { WatchStateDocument, WatchStateFile } from '../domain/watch.js';
import { DIR_MODE, makeDirs, readStateFile, writeAtomically } from './atomic-file.js';
import { configDir } from './paths.js';
import { ensurePrivateDir } from './store.js';

const WATCH_STATE_VERSION = 1;

/** The file of the watch identified by `identity` (a canonical text of targets, rule and endpoint). */
export function openWatchState(env: NodeJS.ProcessEnv, identity: string, warn: (text: string) => void): WatchStateFile {
  const dir = path.join(configDir(env), 'watch');
  const file = path.join(dir, `${createHash('sha256').update(identity).digest('hex').slice(0, 16)}.json`);
  const empty = (): WatchStateDocument => ({ version: WATCH_STATE_VERSION, watching: identity, targets: {}, lastCheck: null });
  return {
    path: file,
    load() {
      const text = readStateFile(file, env);
      if (text === undefined) return empty();
      try {
        const parsed = JSON.parse(text) as WatchStateDocument;
        if (parsed.version !== WATCH_STATE_VERSION || typeof parsed.targets !== 'object' || parsed.targets === null) throw new Error('unknown format');
        return { ...empty(), ...parsed };
      } catch {
        const aside = `${file}.damaged-${Date.now()}`;
        fs.renameSync(file, aside);
        warn(`The watch state ${file} could not be read; it was moved to ${aside} and the watch starts afresh (an alert may repeat once).`);
        return empty();
      }
    },
    save(document) {
      ensurePrivateDir(configDir(env), env);
      makeDirs(dir, DIR_MODE, env);
      writeAtomically(
        file,
        `${JSON.stringify(document, null, 2)}\n`,
        'the watch state',
        'The watch keeps its state there so a restart does not repeat alerts; fix the permissions or free disk space.',
      );
    },
  };
}
