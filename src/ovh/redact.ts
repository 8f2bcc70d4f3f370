// Secrets never reach a terminal or a log: every --debug line (and anything else that might echo a
// request) goes through here. Known secret values are removed verbatim; shapes that are secret
// whatever their value (signatures, bearer tokens, secret-named JSON fields) are removed by pattern.

const REDACTED = '***';

// Values shorter than this are not replaced verbatim: a 2-letter "secret" would shred the text.
const MIN_SECRET_LENGTH = 4;

const SECRET_FIELD =
  /("(?:appSecret|applicationSecret|application_secret|consumerKey|consumer_key|clientSecret|client_secret|access_token|refresh_token|id_token|password|token)"\s*:\s*)"(?:[^"\\]|\\.)*"/gi;
const SECRET_ASSIGNMENT = /\b((?:app_?secret|application_?secret|consumer_?key|client_?secret|access_token|refresh_token)=)[^\s&"']+/gi;

/**
 * Removes `secrets` (app secret, consumer key, client secret, tokens…) wherever they appear, plus
 * `$1$<sha1>` signatures, `Bearer <token>` values and secret-named JSON fields.
 */
export function redactSecrets(text: string, secrets: ReadonlyArray<string | undefined | null> = []): string {
  let out = text;
  const known = [...new Set(secrets.filter((s): s is string => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH))]
    // Longest first, so a secret that contains another is removed whole.
    .sort((a, b) => b.length - a.length);
  for (const secret of known) out = out.split(secret).join(REDACTED);
  return out
    .replace(/\$1\$[0-9a-f]{40}/gi, () => `$1$${REDACTED}`)
    .replace(/\bBearer\s+[A-Za-z0-9._~+/=-]+/gi, () => `Bearer ${REDACTED}`)
    .replace(SECRET_FIELD, (_m, key: string) => `${key}"${REDACTED}"`)
    .replace(SECRET_ASSIGNMENT, (_m, key: string) => `${key}${REDACTED}`);
}
