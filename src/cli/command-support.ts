// Small things the script-facing commands (catalog, order, status, cart *) share: the output and
// theme, waits that spin and listen for Ctrl-C, which subsidiary (and so which locale) to use, and
// the commands to suggest.
import type { Context } from '../runtime/context.js';
import type { Session } from './session.js';
import { CliError, ExitCode } from '../domain/errors.js';
import { localeOfSubsidiary, validateSubsidiary } from '../domain/subsidiaries.js';
import { raceInterrupt } from '../flows/interruptible.js';
import type { Output } from '../ui/output.js';
import type { Theme } from '../ui/theme.js';

export interface CommandIo {
  output: Output;
  /** Colours for what goes to stdout (only when stdout is a terminal). */
  theme: Theme;
}

export async function commandIo(ctx: Context): Promise<CommandIo> {
  const [{ createOutput }, { createTheme }] = await Promise.all([import('../ui/terminal-output.js'), import('../ui/theme.js')]);
  return { output: createOutput(ctx), theme: createTheme(ctx, ctx.stdout) };
}

/** An API wait: a spinner on a terminal after 300 ms, given up (exit 130) on Ctrl-C. */
export function waitFor<T>(ctx: Context, output: Output, label: string, work: () => Promise<T>): Promise<T> {
  return output.spin(label, () => raceInterrupt(work(), ctx.interrupt.signal));
}

/** True when the session can sign calls (a consumer key, or OAuth2). */
export function canSign(session: Pick<Session, 'credentials'>): boolean {
  const c = session.credentials;
  return c.kind === 'oauth2' || (c.kind === 'app' && !!c.consumerKey);
}

/** `ovh-order <args>`, with `--sandbox` when this run uses the sandbox. */
export function commandText(ctx: Pick<Context, 'globals'>, args: string): string {
  return `ovh-order ${args}${ctx.globals.sandbox ? ' --sandbox' : ''}`;
}

/** Locale for money: the subsidiary's, else the session's default one's. */
export function localeFor(session: Pick<Session, 'defaultSubsidiary'>, subsidiary?: string): string {
  return localeOfSubsidiary(subsidiary ?? session.defaultSubsidiary ?? 'GB');
}

/**
 * The account's subsidiary, which the API does not say of orders and carts: the stored profile's,
 * else the account's (`GET /me`, when the credentials allow it), else undefined.
 */
export async function accountSubsidiary(session: Session): Promise<string | undefined> {
  if (session.defaultSubsidiary) return session.defaultSubsidiary;
  if (!canSign(session)) return undefined;
  try {
    return (await session.api.getMe()).ovhSubsidiary;
  } catch (error) {
    // Formatting and notes are not worth failing a command over.
    if (error instanceof CliError) return undefined;
    throw error;
  }
}

/** The locale of the account's subsidiary; en-GB when it is not known. */
export function localeOfAccount(subsidiary: string | undefined): string {
  return localeOfSubsidiary(subsidiary ?? 'GB');
}

/** Locale for amounts whose subsidiary the API does not say (orders, carts): the account's, else en-GB. */
export async function accountLocale(session: Session): Promise<string> {
  return localeOfAccount(await accountSubsidiary(session));
}

/**
 * The subsidiary to price with: `--subsidiary` (checked against the endpoint), else the stored
 * profile's, else the account's (`GET /me`, when the credentials allow it), else FR when the
 * endpoint serves it (its first otherwise), said on stderr.
 */
export async function pickSubsidiary(ctx: Context, session: Session, output: Output, flag: string | undefined): Promise<string> {
  const allowed = session.endpoint.subsidiaries;
  if (flag !== undefined) return validateSubsidiary(flag, allowed);
  const stored = session.defaultSubsidiary?.toUpperCase();
  if (stored && allowed.includes(stored)) return stored;
  if (canSign(session)) {
    try {
      const me = await waitFor(ctx, output, 'Reading your account', () => session.api.getMe());
      const code = me.ovhSubsidiary.toUpperCase();
      if (allowed.includes(code)) return code;
    } catch (error) {
      // Not being able to read the account only costs the default below.
      if (!(error instanceof CliError) || error.exitCode !== ExitCode.credentials) throw error;
    }
  }
  const fallback = allowed.includes('FR') ? 'FR' : allowed[0]!;
  output.info(`Using subsidiary ${fallback} (give --subsidiary, or log in, to use your account's).`);
  return fallback;
}
