// `ovh-order whoami [--json]`: which endpoint, account and credentials a command would use, where
// they came from (the variables by name), the keys masked, whether they work (a real GET /me), and
// whether the consumer key has every rule ordering needs (GET /auth/currentCredential). Exit 0 when
// they work and nothing ordering needs is missing.
import type { Context } from '../../runtime/context.js';
import { CliError, ExitCode } from '../../domain/errors.js';
import { maskKey } from '../../config/credentials.js';
import { ProfileStore } from '../../config/profiles.js';
import { displayPath } from '../../config/paths.js';
import { loginCommand, openSession, type Session } from '../session.js';
import { formatRules, missingOrderingRules, type AccessRule, type MissingRule } from '../../flows/login-rules.js';

export interface WhoamiReport {
  endpoint: string;
  apiUrl: string;
  source: string;
  /** Where the credentials were read, in words. */
  from?: string;
  nichandle: string | null;
  subsidiary: string | null;
  credentials: { kind: 'app'; appKey: string | null; consumerKey: string | null } | { kind: 'oauth2'; clientId: string | null } | { kind: 'none' };
  works: boolean;
  /** Environment variables the credentials (and endpoint) were read from. */
  variables?: string[];
  /** The consumer key's rules against those ordering needs; null when not checked (OAuth2, no key, or unreadable). */
  rules?: { granted: AccessRule[]; missing: MissingRule[] } | { granted: null; missing: null; unreadable: string } | null;
  problem?: { code: string; message: string; hint: string | null };
  /** Every place looked at (when nothing was found). */
  looked?: string[];
}

export async function run(ctx: Context): Promise<number> {
  const { createOutput } = await import('../../ui/terminal-output.js');
  const output = createOutput(ctx);
  const session = await openSession(ctx, { needAccount: false, output });
  const report = baseReport(session);
  let exitCode: number = ExitCode.ok;

  if (session.credentials.kind === 'none') {
    report.looked = session.looked;
    report.problem = {
      code: 'no_credentials',
      message: 'No OVH API credentials found.',
      hint: `Run \`ovh-order login\`, or set OVH_ENDPOINT, OVH_APPLICATION_KEY, OVH_APPLICATION_SECRET and OVH_CONSUMER_KEY.`,
    };
    exitCode = ExitCode.credentials;
  } else if (session.credentials.kind === 'app' && !session.credentials.consumerKey) {
    report.problem = { code: 'no_consumer_key', message: 'There is an application key but no consumer key.', hint: 'Run `ovh-order login` to request one.' };
    exitCode = ExitCode.credentials;
  } else {
    try {
      const me = await output.spin('Checking the credentials', () => session.api.getMe());
      report.works = true;
      report.nichandle = me.nichandle;
      report.subsidiary = me.ovhSubsidiary;
      await remember(ctx, session, me, (text) => output.info(text));
      if (session.credentials.kind === 'app') {
        report.rules = await checkRules(session, output);
        const blocking = report.rules.missing?.filter((r) => r.neededToOrder) ?? [];
        if (blocking.length > 0) {
          report.works = false;
          report.problem = {
            code: 'missing_rules',
            message: `The credentials work, but the consumer key lacks ${blocking.length === 1 ? 'a rule' : `${blocking.length} rules`} ordering needs: ${blocking.map((r) => `${r.method} ${r.path} (${r.purpose})`).join(', ')}.`,
            hint: `Run \`${loginCommand(ctx)}\` to get a key with every rule ordering needs (a key's rules cannot be extended).`,
          };
          exitCode = ExitCode.credentials;
        }
      } else {
        report.rules = null;
      }
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      report.problem = { code: error.code, message: error.message, hint: error.hint ?? null };
      exitCode = error.exitCode;
    }
  }

  if (ctx.globals.json) {
    output.json(report);
  } else {
    output.result(formatReport(report));
    if (report.problem?.hint) output.info(report.problem.hint);
  }
  return exitCode;
}

/** The key's rules (GET /auth/currentCredential) against ORDERING_ACCESS_RULES. */
async function checkRules(
  session: Session,
  output: { spin<T>(label: string, work: () => Promise<T>): Promise<T> },
): Promise<NonNullable<WhoamiReport['rules']>> {
  try {
    const credential = await output.spin("Reading the consumer key's access rules", () => session.api.getCurrentCredential());
    const granted = credential.rules.map((r) => ({ method: r.method, path: r.path }));
    return { granted, missing: missingOrderingRules(granted) };
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    return { granted: null, missing: null, unreadable: error.message };
  }
}

/** The variables an environment source was read from, by name (OAuth2 or application keys). */
function variablesOf(session: Session): string[] | undefined {
  if (session.source !== 'environment') return undefined;
  const c = session.credentials;
  const names =
    c.kind === 'oauth2'
      ? ['OVH_CLIENT_ID', 'OVH_CLIENT_SECRET']
      : c.kind === 'app'
        ? ['OVH_APPLICATION_KEY', 'OVH_APPLICATION_SECRET', ...(c.consumerKey ? ['OVH_CONSUMER_KEY'] : [])]
        : [];
  return session.endpointSource === 'environment' ? [...names, 'OVH_ENDPOINT'] : names;
}

function baseReport(session: Session): WhoamiReport {
  const c = session.credentials;
  const variables = variablesOf(session);
  return {
    ...(variables ? { variables } : {}),
    endpoint: session.endpoint.name,
    apiUrl: session.endpoint.apiUrl,
    source: session.source,
    from: session.secretOrigin,
    nichandle: session.nichandle ?? null,
    subsidiary: session.defaultSubsidiary ?? null,
    credentials:
      c.kind === 'app'
        ? { kind: 'app', appKey: maskKey(c.appKey) ?? null, consumerKey: maskKey(c.consumerKey) ?? null }
        : c.kind === 'oauth2'
          ? { kind: 'oauth2', clientId: maskKey(c.clientId) ?? null }
          : { kind: 'none' },
    works: false,
  };
}

function describeSource(report: WhoamiReport): string {
  if (report.source === 'none') return 'none found';
  if (report.source === 'sandbox') return 'the built-in sandbox (--sandbox)';
  if (report.source === 'environment') return `environment variables ${(report.variables ?? []).join(', ')}`;
  if (report.source === 'flags') return 'command-line flags';
  if (report.source.startsWith('ovh.conf:')) return `ovh.conf file ${report.from ?? report.source.slice('ovh.conf:'.length)}`;
  return report.from ?? report.source;
}

export function formatReport(report: WhoamiReport): string {
  const rows: Array<[string, string]> = [
    ['Endpoint', report.endpoint === report.apiUrl ? report.apiUrl : `${report.endpoint} (${report.apiUrl})`],
    ['Account', report.nichandle ?? 'unknown'],
    ['Subsidiary', report.subsidiary ?? 'unknown'],
    ['Credentials', describeSource(report)],
  ];
  const c = report.credentials;
  if (c.kind === 'app') rows.push(['Keys', `application key ${c.appKey ?? '—'}, consumer key ${c.consumerKey ?? 'none'}`]);
  if (c.kind === 'oauth2') rows.push(['Keys', `OAuth2 client ${c.clientId ?? '—'}`]);
  rows.push(['Works', report.works ? 'yes' : `no — ${report.problem?.message ?? 'unknown'}`]);
  const rules = report.rules;
  if (rules && rules.granted === null) rows.push(['Rules', `not checked — ${rules.unreadable}`]);
  else if (rules) {
    const side = rules.missing.filter((r) => !r.neededToOrder);
    const granted = `${rules.granted.length} granted`;
    if (rules.missing.length === 0) rows.push(['Rules', `every rule ordering needs (${granted})`]);
    else
      rows.push([
        'Rules',
        `${granted}:\n${formatRules(rules.granted)
          .map((line) => `${' '.repeat(14)}${line}`)
          .join('\n')}`,
      ]);
    if (side.length > 0 && rules.missing.every((r) => !r.neededToOrder)) {
      rows.push(['Note', `no ${side.map((r) => `${r.method} ${r.path}`).join(', ')}: ordering works; ${side.map((r) => r.purpose).join(', ')} does not`]);
    }
  }
  if (report.looked) rows.push(['Looked at', report.looked.join('\n' + ' '.repeat(14))]);
  return rows.map(([k, v]) => `${k.padEnd(13)} ${v}`).join('\n');
}

/**
 * Keeps the stored profile in step with the account: nichandle and subsidiary, and a key that was
 * waiting for validation and now works becomes the profile.
 */
async function remember(ctx: Context, session: Session, me: { nichandle: string; ovhSubsidiary: string }, info: (t: string) => void): Promise<void> {
  if (!session.source.startsWith('profile:')) return;
  const name = session.profile;
  const store = new ProfileStore(ctx.env);
  const stored = store.get(name);
  const pending = stored ? undefined : store.getPending(name);
  if (pending && session.credentials.kind === 'app' && session.credentials.consumerKey === pending.consumerKey) {
    await store.set(name, {
      kind: 'app',
      endpoint: pending.endpoint,
      appKey: pending.appKey,
      appSecret: pending.appSecret,
      consumerKey: pending.consumerKey,
      nichandle: me.nichandle,
      defaultSubsidiary: me.ovhSubsidiary,
      createdAt: ctx.now().toISOString(),
    });
    info(`The consumer key has been validated; saved as profile "${name}" in ${displayPath(store.path, ctx.env)}.`);
    return;
  }
  if (stored && (stored.nichandle !== me.nichandle || !stored.defaultSubsidiary)) {
    await store.set(name, { ...stored, nichandle: me.nichandle, defaultSubsidiary: stored.defaultSubsidiary ?? me.ovhSubsidiary });
  }
}
