#!/usr/bin/env node
// Thin launcher: the bundled entry (dist/bundle/, made by src/build/bundle.ts) decides everything,
// including the exit code.
// --debug prints stack traces: the bundle's source maps turn them into src/*.ts lines. Reading the
// maps costs start-up time, so only then; and only modules loaded after this line are mapped.
if (process.argv.includes('--debug')) process.setSourceMapsEnabled(true);
const { main } = await import('../dist/bundle/main.js');

// A closed pipe (`ovh-order catalog | head`) is not an error worth a stack trace. It does not end
// the process here either: main() stops the command as an interruption (never a checkout after it,
// the cart deleted) and returns its exit code.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') return;
    throw error;
  });
}

process.exitCode = await main(process.argv.slice(2));
// Interrupted (Ctrl-C, SIGTERM): the command has said what it had to. A read still in flight or a
// retry's wait must not keep the process alive until its --timeout. (A checkout is never raced
// against the interruption, so none is ever cut here: main returns only once its answer is in.)
if (process.exitCode === 130 || outputClosed()) process.exit(process.exitCode);

function outputClosed() {
  return process.stdout.destroyed || process.stderr.destroyed;
}
