// The e2e and fault layers refuse a bundle not built from the sources as they are: with a bug in
// src/ and no rebuild they would otherwise pass on the old code.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SOURCE_STAMP, sourceHash } from '../../src/build/source-hash.js';
import { assertFreshBundle } from '../helpers/fresh-bundle.js';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function builtRepo(): string {
  const root = mkdtempSync(join(tmpdir(), 'ovh-order-stamp-'));
  roots.push(root);
  mkdirSync(join(root, 'src', 'domain'), { recursive: true });
  mkdirSync(join(root, 'dist'));
  writeFileSync(join(root, 'src', 'domain', 'money.ts'), 'export const limit = (a: number, b: number) => a > b;\n');
  writeFileSync(join(root, 'package-lock.json'), '{}\n');
  writeFileSync(join(root, SOURCE_STAMP), `${sourceHash(root)}\n`);
  return root;
}

describe('the bundle freshness check', () => {
  it('accepts a bundle built from the sources as they are', () => {
    expect(() => assertFreshBundle(builtRepo())).not.toThrow();
  });

  it('refuses once a source changed, been added or removed since the build', () => {
    const edited = builtRepo();
    writeFileSync(join(edited, 'src', 'domain', 'money.ts'), 'export const limit = (a: number, b: number) => a >= b;\n');
    expect(() => assertFreshBundle(edited)).toThrow(/bundle is older than the sources.*npm run build/);
    const added = builtRepo();
    writeFileSync(join(added, 'src', 'domain', 'extra.ts'), 'export {};\n');
    expect(() => assertFreshBundle(added)).toThrow(/older than the sources/);
    const removed = builtRepo();
    rmSync(join(removed, 'src', 'domain', 'money.ts'));
    expect(() => assertFreshBundle(removed)).toThrow(/older than the sources/);
  });

  it('refuses when there was no build at all', () => {
    const root = builtRepo();
    rmSync(join(root, SOURCE_STAMP));
    expect(() => assertFreshBundle(root)).toThrow(/has not been built/);
  });
});
