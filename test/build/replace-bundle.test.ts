// A rebuild replaces the bundle in place: new files written, older builds' chunks gone, and a
// temporary file another build is writing right now left alone.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { replaceBundle } from '../../src/build/replace-bundle.js';

let dir: string;
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('replaceBundle', () => {
  it('writes the new files, deletes the previous build’s, and keeps another build’s fresh temporary file', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ovh-order-bundle-'));
    const at = (name: string) => path.join(dir, name);
    fs.writeFileSync(at('main.js'), 'old entry');
    fs.writeFileSync(at('chunk-OLD.js'), 'old chunk');
    fs.writeFileSync(at('chunk-OLD.js.map'), '{}');
    fs.writeFileSync(at('main.js.4242.tmp'), 'another build, half written');

    replaceBundle(
      dir,
      [
        { path: at('chunk-NEW.js'), contents: 'new chunk' },
        { path: at('main.js'), contents: new TextEncoder().encode('new entry') },
      ],
      at('main.js'),
    );

    expect(fs.readdirSync(dir).sort()).toEqual(['chunk-NEW.js', 'main.js', 'main.js.4242.tmp']);
    expect(fs.readFileSync(at('main.js'), 'utf8')).toBe('new entry');
    expect(fs.readFileSync(at('chunk-NEW.js'), 'utf8')).toBe('new chunk');
  });

  it('deletes a temporary file left behind by a build that died long ago', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ovh-order-bundle-'));
    const stale = path.join(dir, 'main.js.1.tmp');
    fs.writeFileSync(stale, 'dead build');
    const anHourAgo = new Date(Date.now() - 3_600_000);
    fs.utimesSync(stale, anHourAgo, anHourAgo);

    replaceBundle(dir, [{ path: path.join(dir, 'main.js'), contents: 'entry' }], path.join(dir, 'main.js'));

    expect(fs.readdirSync(dir)).toEqual(['main.js']);
  });
});
