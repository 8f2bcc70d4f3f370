// Which npm packages a set of loaded files contains. Once the CLI is bundled, a package no longer
// shows up as `node_modules/<pkg>/…` among the files Node loads: it is inside a chunk. esbuild's
// metafile lists every chunk's inputs, so a loaded chunk counts as loading each package it contains
// (and a file still loaded from node_modules, like @ovhcloud/node-ovh, counts as its own package).
import fs from 'node:fs';
import path from 'node:path';
import type { Metafile } from 'esbuild';

/** Only the part of esbuild's metafile read here. */
export type BundleMetafile = Pick<Metafile, 'outputs'>;

/** The npm package a file belongs to (the innermost `node_modules/<pkg>`), or undefined for project code. */
export function packageOfPath(file: string): string | undefined {
  const parts = file.split(/[\\/]/);
  const at = parts.lastIndexOf('node_modules');
  if (at < 0) return undefined;
  const name = parts[at + 1];
  if (!name) return undefined;
  if (!name.startsWith('@')) return name;
  const scoped = parts[at + 2];
  return scoped ? `${name}/${scoped}` : undefined;
}

/** Output file (path as in the metafile) → the npm packages bundled into it, sorted. */
export function packagesByOutput(metafile: BundleMetafile): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const [output, info] of Object.entries(metafile.outputs)) {
    const names = new Set<string>();
    for (const input of Object.keys(info.inputs)) {
      const name = packageOfPath(input);
      if (name) names.add(name);
    }
    result.set(output, [...names].sort());
  }
  return result;
}

/**
 * Output file → what most of its bytes are: `npm:<package>` or `src/<folder>` (for profiles: a chunk
 * usually holds one package, or a few project folders).
 */
export function mainOwnerByOutput(metafile: BundleMetafile): Map<string, string> {
  const result = new Map<string, string>();
  for (const [output, info] of Object.entries(metafile.outputs)) {
    const bytes = new Map<string, number>();
    for (const [input, { bytesInOutput }] of Object.entries(info.inputs)) {
      const name = packageOfPath(input);
      const owner = name
        ? `npm:${name}`
        : `src/${input
            .replace(/^(dist|src)\//, '')
            .split('/')[0]!
            .replace(/\.js$/, '')}`;
      bytes.set(owner, (bytes.get(owner) ?? 0) + bytesInOutput);
    }
    const top = [...bytes].sort((a, b) => b[1] - a[1])[0];
    if (top) result.set(output, top[0]);
  }
  return result;
}

/**
 * The npm packages contained in `files` (absolute paths of the files a process loaded): a bundle
 * output counts with every package in it, any other file under node_modules with its own package.
 * A file in `bundleDir` that the metafile does not know is an error, not a silent zero: the build
 * and the metafile are out of step.
 */
export function packagesInFiles(files: Iterable<string>, options: { repoRoot: string; bundleDir: string; metafile: BundleMetafile | undefined }): string[] {
  const byOutput = options.metafile ? packagesByOutput(options.metafile) : new Map<string, string[]>();
  const bundleDir = path.resolve(options.repoRoot, options.bundleDir);
  const names = new Set<string>();
  for (const file of files) {
    const absolute = path.resolve(file);
    if (absolute.startsWith(bundleDir + path.sep)) {
      const key = path.relative(options.repoRoot, absolute).split(path.sep).join('/');
      const contained = byOutput.get(key);
      if (!contained) throw new Error(`${key} was loaded but is not in the bundle's metafile: rebuild with "npm run build".`);
      for (const name of contained) names.add(name);
      continue;
    }
    const name = packageOfPath(absolute);
    if (name) names.add(name);
  }
  return [...names].sort();
}

/** Reads the metafile written by the bundler; undefined when there is none (no bundle built). */
export function readBundleMetafile(file: string): BundleMetafile | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  return JSON.parse(text) as BundleMetafile;
}
