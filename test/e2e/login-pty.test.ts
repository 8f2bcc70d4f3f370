// `ovh-order login` in a pseudo-terminal, as a person does it: the key it requested is answered
// with OVH's real 403 "This credential is not valid" until validated, and login keeps waiting
// (spinner on screen); Ctrl-C typed as \x03 stops it (exit 130) with the key kept; `login` run
// again resumes that same key (no second request) and finishes once the person allowed access.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxServer } from '../../src/sandbox/index.js';
import { keys, ptyAvailable, spawnPty } from '../helpers/pty.js';
import { isolatedEnv } from '../helpers/run-cli.js';
import { validateLikeAPerson, waitForText } from '../integration/credentials-sandbox.js';

let sandbox: SandboxServer;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

const refusedChecks = () => sandbox.log.filter((e) => e.path === '/me' && e.status === 403).length;

describe.skipIf(!ptyAvailable())('login in a terminal, waiting for the validation', () => {
  it('waits through the real refusals, stops on Ctrl-C (130), and a second login resumes the same key', async () => {
    const env = isolatedEnv({ NODE_EXTRA_CA_CERTS: sandbox.caPath, OVH_ORDER_LOGIN_POLL_MS: '50' });
    const { appKey, appSecret } = sandbox.credentials;

    const first = spawnPty(['login', '--endpoint', sandbox.url, '--app-key', appKey, '--app-secret', appSecret, '--no-browser'], env);
    try {
      await first.waitFor('Waiting for you to allow access', 20_000);
      // Several polls answered with the real text, and still waiting.
      await waitForText(() => String(refusedChecks()), /^([3-9]|\d\d+)$/);
      const [url] = first.screen().match(/https:\/\/127\.0\.0\.1:\d+\/auth\/\?credentialToken=\w+/)!;
      first.write(keys.ctrlC);
      expect((await first.exited).exitCode).toBe(130);
      expect(first.screen()).toContain('Stopped waiting for the validation.');
      expect(first.screen().replace(/\s+/g, ' ')).toContain(`Once you have allowed access at ${url}, run \`ovh-order login\` to finish`);

      const requests = sandbox.log.filter((e) => e.route === '/auth/credential').length;
      const second = spawnPty(['login', '--no-browser'], env);
      try {
        await second.waitFor(/Wait for it\? \(Y\/n\)/, 20_000);
        expect(second.screen()).toContain(`for ${sandbox.url} is waiting for validation`);
        second.write(keys.enter);
        await second.waitFor('Waiting for you to allow access', 20_000);
        const before = refusedChecks();
        await waitForText(() => String(refusedChecks() - before), /^([2-9]|\d\d+)$/);
        await validateLikeAPerson(sandbox, url);
        expect((await second.exited).exitCode).toBe(0);
        expect(second.screen()).toContain(`Logged in as ${sandbox.account.nichandle}`);
      } finally {
        second.kill();
      }
      // The same key: no second credential request.
      expect(sandbox.log.filter((e) => e.route === '/auth/credential').length).toBe(requests);
    } finally {
      first.kill();
    }
  }, 60_000);
});
