// Source maps are for --debug: stack traces that point into src/*.ts. A chunk made only of npm
// packages' code has no line of ours to point to, so it ships without a map (and without the
// comment naming one); chunks with project code keep theirs.
import path from 'node:path';
import type { Metafile, OutputFile } from 'esbuild';
import { packageOfPath } from './packages-in-bundle.js';

const MAP_COMMENT = /\n\/\/# sourceMappingURL=[^\n]*\n?$/;

export function keepProjectMaps(files: readonly OutputFile[], metafile: Metafile, root: string): Array<{ path: string; contents: Uint8Array | string }> {
  const thirdPartyOnly = new Set(
    Object.entries(metafile.outputs)
      .filter(([output, info]) => output.endsWith('.js') && Object.keys(info.inputs).every((input) => packageOfPath(input) !== undefined))
      .map(([output]) => path.join(root, output)),
  );
  return files
    .filter((file) => !(file.path.endsWith('.js.map') && thirdPartyOnly.has(file.path.slice(0, -'.map'.length))))
    .map((file) =>
      thirdPartyOnly.has(file.path) ? { path: file.path, contents: file.text.replace(MAP_COMMENT, '\n') } : { path: file.path, contents: file.contents },
    );
}
