// `ovh-order logout [--revoke]`: forget a stored profile; with --revoke, first make its consumer
// key unusable on OVH (POST /auth/logout, signed with that key), so a copy of it is worthless too.
import type { Context } from '../../runtime/context.js';
import { CliError, UsageError } from '../../domain/errors.js';
import { OvhApiError } from '../../ovh/errors.js';
import { parseEndpoint } from '../../ovh/endpoints.js';
import type { Credentials } from '../../ovh/client.js';
import { ProfileStore, checkProfileName } from '../../config/profiles.js';
import { displayPath } from '../../config/paths.js';
import { secretsOf } from '../../config/credentials.js';
import { explainCredentialError } from '../../flows/login-errors.js';
import { clientOptions, debugWriter, loginCommand } from '../session.js';

const CREDENTIAL_ENV = ['OVH_APPLICATION_KEY', 'OVH_APPLICATION_SECRET', 'OVH_CONSUMER_KEY', 'OVH_CLIENT_ID', 'OVH_CLIENT_SECRET'];

export async function run(ctx: Context, options: Record<string, unknown>): Promise<number> {
  if (ctx.globals.sandbox) {
    throw new UsageError('logout removes a stored profile, and --sandbox stores none.', {
      code: 'invalid_option',
      hint: 'Run `ovh-order logout` without --sandbox.',
    });
  }
  const { createOutput } = await import('../../ui/terminal-output.js');
  const output = createOutput(ctx);
  const name = checkProfileName(ctx.globals.profile);
  const store = new ProfileStore(ctx.env);
  for (const warning of store.warnings) output.warn(warning);
  const where = displayPath(store.path, ctx.env);
  const profile = store.get(name);
  const pending = store.getPending(name);
  const stillSet = CREDENTIAL_ENV.filter((v) => ctx.env[v]);

  if (!profile && !pending) {
    output.result(`No profile "${name}" is stored (${where}); nothing to remove.`);
    if (stillSet.length) output.warn(`${stillSet.join(', ')} still provide credentials in this environment.`);
    return 0;
  }

  if (options.revoke === true) {
    if (profile?.kind === 'oauth2') {
      output.warn(
        'An OAuth2 service account is not revoked by logout: delete it in the OVHcloud control panel (or with DELETE /me/api/oauth2/client/{clientId}) if it must stop working.',
      );
    } else if (profile) {
      const credentials: Credentials = { kind: 'app', appKey: profile.appKey, appSecret: profile.appSecret, consumerKey: profile.consumerKey };
      await revoke(ctx, output, profile.endpoint, credentials, name);
    }
    // A key still waiting for validation was never usable; forgetting it is enough.
  }

  await store.delete(name);
  output.success(`Removed profile "${name}" from ${where}.`);
  if (stillSet.length) output.warn(`${stillSet.join(', ')} still provide credentials in this environment; unset them to be fully logged out.`);
  output.result(`Logged out${options.revoke === true && profile?.kind === 'app' ? ' (consumer key revoked)' : ''}: profile ${name} removed.`);
  return 0;
}

async function revoke(
  ctx: Context,
  output: { spin<T>(label: string, work: () => Promise<T>): Promise<T>; info(t: string): void; warn(t: string): void },
  endpointInput: string,
  credentials: Credentials,
  profile: string,
): Promise<void> {
  const endpoint = parseEndpoint(endpointInput);
  const { OvhApi } = await import('../../ovh/api.js');
  const api = new OvhApi(
    clientOptions(ctx, endpoint, credentials, { debug: debugWriter(ctx, secretsOf(credentials)), cacheOffset: true, warn: (t) => output.warn(t) }),
  );
  try {
    await output.spin('Revoking the consumer key on OVH', () => api.revokeCurrentCredential());
    output.info(`The consumer key no longer works on ${endpoint.name}.`);
  } catch (error) {
    if (error instanceof OvhApiError && error.kind === 'invalid-credential') {
      output.info('The consumer key was already invalid on OVH (expired or revoked).');
      return;
    }
    const explained = explainCredentialError(error, {
      endpoint,
      source: `profile:${profile}`,
      secretOrigin: `profile "${profile}"`,
      finishCommand: loginCommand(ctx),
    });
    if (explained instanceof CliError) {
      throw new CliError(`Could not revoke the consumer key: ${explained.message}`, {
        code: explained.code,
        exitCode: explained.exitCode,
        hint: `The profile is kept. ${explained.hint ?? 'Try again'}; or run \`ovh-order logout${profile === 'default' ? '' : ` --profile ${profile}`}\` without --revoke to only forget it.`,
        cause: error,
      });
    }
    throw explained;
  }
}
