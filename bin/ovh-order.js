#!/usr/bin/env node
// Thin launcher: the compiled entry decides everything, including the exit code.
import { main } from '../dist/cli/main.js';

// A closed pipe (`ovh-order catalog | head`) is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

process.exitCode = await main(process.argv.slice(2));
// Interrupted (Ctrl-C, SIGTERM): the command has said what it had to. A read still in flight or a
// retry's wait must not keep the process alive until its --timeout. (A checkout is never raced
// against the interruption, so none is ever cut here: main returns only once its answer is in.)
if (process.exitCode === 130) process.exit(130);
