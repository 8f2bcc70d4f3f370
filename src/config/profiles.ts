// Stored login profiles (`--profile NAME`, default "default"), side by side in
// <configDir>/credentials.json (0600). Credentials are kept apart from caches and preferences.
import { z } from 'zod';
import { CliError, ExitCode, UsageError } from '../domain/errors.js';
import { displayPath } from './paths.js';
import { openPrivateStore, type PrivateStore } from './store.js';

export const CREDENTIALS_STORE = 'credentials';
export const DEFAULT_PROFILE = 'default';

const common = {
  /** As the person gave it: a preset name (`ovh-eu`) or an https URL. */
  endpoint: z.string().min(1),
  /** From `GET /me`, so commands need not ask. */
  nichandle: z.string().optional(),
  defaultSubsidiary: z.string().optional(),
  createdAt: z.string(),
};

const appProfileSchema = z.object({
  kind: z.literal('app'),
  ...common,
  appKey: z.string().min(1),
  appSecret: z.string().min(1),
  consumerKey: z.string().min(1),
});

const oauthProfileSchema = z.object({
  kind: z.literal('oauth2'),
  ...common,
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
});

export const profileSchema = z.discriminatedUnion('kind', [appProfileSchema, oauthProfileSchema]);
export type StoredProfile = z.infer<typeof profileSchema>;
export type AppProfile = z.infer<typeof appProfileSchema>;
export type OAuthProfile = z.infer<typeof oauthProfileSchema>;

/**
 * A consumer key requested by `login` that the person has not validated yet. Kept apart from the
 * profile so a working profile is never replaced by a key that may never be validated; used as the
 * profile's credentials only while no profile exists under that name.
 */
export const pendingLoginSchema = z.object({
  endpoint: z.string().min(1),
  appKey: z.string().min(1),
  appSecret: z.string().min(1),
  consumerKey: z.string().min(1),
  validationUrl: z.string().min(1),
  requestedAt: z.string(),
});
export type PendingLogin = z.infer<typeof pendingLoginSchema>;

type CredentialsDocument = { version: 1; profiles: Record<string, unknown>; pending?: Record<string, unknown> };

const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export function checkProfileName(name: string): string {
  if (!PROFILE_NAME.test(name)) {
    throw new UsageError(`"${name}" is not a valid profile name.`, {
      code: 'invalid_profile',
      hint: 'Use letters, digits, ".", "_" or "-" (up to 64 characters, starting with a letter or digit), e.g. --profile ci.',
    });
  }
  return name;
}

export class ProfileStore {
  private readonly store: PrivateStore<CredentialsDocument>;

  constructor(private readonly env: NodeJS.ProcessEnv) {
    this.store = openPrivateStore<CredentialsDocument>(env, CREDENTIALS_STORE);
  }

  /** Absolute path of the credentials file. */
  get path(): string {
    return this.store.path;
  }

  /** Permission problems found (and fixed) when the store was opened. */
  get warnings(): string[] {
    return this.store.warnings;
  }

  names(): string[] {
    return Object.keys(this.profiles()).sort();
  }

  /** The profile, or undefined when none is stored under that name. A damaged entry is an error naming it. */
  get(name: string): StoredProfile | undefined {
    const raw = this.profiles()[checkProfileName(name)];
    if (raw === undefined) return undefined;
    const parsed = profileSchema.safeParse(raw);
    if (!parsed.success) {
      const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.map(String).join('.') || '(profile)'))].join(', ');
      throw new CliError(`The stored profile "${name}" in ${displayPath(this.path, this.env)} is damaged (${fields}).`, {
        code: 'profile_damaged',
        hint: `Run \`ovh-order logout --profile ${name}\`, then \`ovh-order login --profile ${name}\` again.`,
        exitCode: ExitCode.credentials,
      });
    }
    return parsed.data;
  }

  /** Stores a working profile (and forgets any key that was waiting for validation under that name). */
  async set(name: string, profile: StoredProfile): Promise<void> {
    checkProfileName(name);
    const document = this.document();
    document.profiles[name] = profileSchema.parse(profile);
    delete document.pending[name];
    await this.save(document);
  }

  /** The key waiting for validation under that name, if any (a damaged entry counts as none). */
  getPending(name: string): PendingLogin | undefined {
    const parsed = pendingLoginSchema.safeParse(this.document().pending[checkProfileName(name)]);
    return parsed.success ? parsed.data : undefined;
  }

  async setPending(name: string, pending: PendingLogin): Promise<void> {
    checkProfileName(name);
    const document = this.document();
    document.pending[name] = pendingLoginSchema.parse(pending);
    await this.save(document);
  }

  /** Removes the profile and its waiting key; true when there was either. The file goes away with its last entry. */
  async delete(name: string): Promise<boolean> {
    checkProfileName(name);
    const document = this.document();
    const had = name in document.profiles || name in document.pending;
    if (!had) return false;
    delete document.profiles[name];
    delete document.pending[name];
    await this.save(document);
    return true;
  }

  private async save(document: Required<CredentialsDocument>): Promise<void> {
    if (Object.keys(document.profiles).length === 0 && Object.keys(document.pending).length === 0) this.store.remove();
    else await this.store.write(document);
  }

  private document(): Required<CredentialsDocument> {
    const read = this.store.read();
    return { version: 1, profiles: { ...asRecord(read.profiles) }, pending: { ...asRecord(read.pending) } };
  }

  private profiles(): Record<string, unknown> {
    return asRecord(this.store.read().profiles);
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
