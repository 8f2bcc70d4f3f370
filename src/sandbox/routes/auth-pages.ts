// Routes at the host root, like www.ovh.com/auth/: the credential validation page (what a person
// opens from `validationUrl`) and the OAuth2 client-credentials token endpoint used by node-ovh 3
// (simple-oauth2 posts `grant_type=client_credentials&scope=all` as a form, with HTTP Basic client
// credentials by default; credentials in the body are accepted too).
import { randomBytes } from 'node:crypto';
import { RawResponse, type ApiRequest, type RouteDef } from '../router.js';
import { stateOf, type SandboxRuntime } from '../runtime.js';
import type { CredentialRecord } from '../state.js';
import { validateCredentialRecord } from './auth.js';

const TOKEN_LIFETIME_SECONDS = 3600;

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const html = (status: number, title: string, body: string): RawResponse =>
  new RawResponse(
    status,
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>\n<body>\n<h1>${escapeHtml(title)}</h1>\n${body}\n</body></html>\n`,
    { 'Content-Type': 'text/html; charset=utf-8' },
  );

function pendingCredential(req: ApiRequest, sb: SandboxRuntime): CredentialRecord | undefined {
  const token = req.query.credentialToken ?? '';
  return stateOf(sb).credentials.find((c) => c.validationToken === token);
}

function loginPage(req: ApiRequest, sb: SandboxRuntime, error?: string): RawResponse {
  const credential = pendingCredential(req, sb);
  if (!credential) return html(404, 'Unknown credential token', '<p>This validation link is unknown or was already used.</p>');
  const app = stateOf(sb).apps.find((a) => a.appKey === credential.appKey);
  const rules = credential.rules.map((r) => `<li><code>${escapeHtml(r.method)} ${escapeHtml(r.path)}</code></li>`).join('');
  const action = `/auth/?credentialToken=${encodeURIComponent(credential.validationToken)}`;
  return html(
    error ? 403 : 200,
    'OVHcloud API sandbox — authorize an application',
    `<p>The application <strong>${escapeHtml(app?.name ?? 'unknown')}</strong> asks for these rights:</p><ul>${rules}</ul>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="POST" action="${escapeHtml(action)}">
<label>Account ID or email <input name="login" autocomplete="username"></label>
<label>Password <input name="password" type="password" autocomplete="current-password"></label>
<button type="submit">Log in and authorize</button>
</form>`,
  );
}

function validate(req: ApiRequest, sb: SandboxRuntime): RawResponse {
  const credential = pendingCredential(req, sb);
  if (!credential || credential.status !== 'pendingValidation') return loginPage(req, sb);
  const form = new URLSearchParams(req.rawBody);
  const { account } = stateOf(sb);
  const login = (form.get('login') ?? '').trim();
  if ((login !== account.nichandle && login !== account.email) || form.get('password') !== account.password) {
    return loginPage(req, sb, 'Invalid account or password.');
  }
  validateCredentialRecord(credential);
  if (credential.redirection) return new RawResponse(302, '', { Location: credential.redirection, 'Content-Type': 'text/plain; charset=utf-8' });
  return html(200, 'Your credential is validated', '<p>validated — you can close this page and go back to the application.</p>');
}

function oauthError(status: number, error: string, description: string): RawResponse {
  return new RawResponse(status, JSON.stringify({ error, error_description: description }), { 'Content-Type': 'application/json; charset=utf-8' });
}

/** simple-oauth2 posts a form by default, JSON when configured with `bodyFormat: 'json'`. */
function tokenForm(req: ApiRequest): URLSearchParams {
  if (String(req.headers['content-type'] ?? '').includes('application/json')) {
    try {
      const body = JSON.parse(req.rawBody) as Record<string, unknown>;
      return new URLSearchParams(Object.entries(body).map(([k, v]): [string, string] => [k, String(v)]));
    } catch {
      return new URLSearchParams();
    }
  }
  return new URLSearchParams(req.rawBody);
}

function issueToken(req: ApiRequest, sb: SandboxRuntime): RawResponse {
  const form = tokenForm(req);
  let clientId = form.get('client_id') ?? undefined;
  let clientSecret = form.get('client_secret') ?? undefined;
  const basic = typeof req.headers.authorization === 'string' ? /^Basic\s+(\S+)$/i.exec(req.headers.authorization) : null;
  if (basic?.[1]) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    // simple-oauth2's "strict" mode form-encodes both parts before base64.
    const unform = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
    clientId = unform(decoded.slice(0, colon));
    clientSecret = unform(decoded.slice(colon + 1));
  }
  if (form.get('grant_type') !== 'client_credentials') {
    return oauthError(400, 'unsupported_grant_type', 'Only the client_credentials grant is supported');
  }
  const state = stateOf(sb);
  const client = state.oauthClients.find((c) => c.clientId === clientId);
  if (!client || client.clientSecret !== clientSecret) return oauthError(401, 'invalid_client', 'Invalid client credentials');
  const accessToken = randomBytes(24).toString('base64url');
  const nowMs = sb.clock.nowMs();
  state.tokens = state.tokens.filter((t) => t.expiresAtMs > nowMs);
  state.tokens.push({ accessToken, clientId: client.clientId, expiresAtMs: nowMs + TOKEN_LIFETIME_SECONDS * 1000 });
  const body = { access_token: accessToken, token_type: 'Bearer', expires_in: TOKEN_LIFETIME_SECONDS, scope: form.get('scope') ?? 'all' };
  return new RawResponse(200, JSON.stringify(body), { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
}

export const pageRoutes: RouteDef[] = [
  { method: 'GET', pattern: '/auth/', noAuth: true, handler: (req, sb) => loginPage(req, sb) },
  { method: 'POST', pattern: '/auth/', noAuth: true, handler: (req, sb) => validate(req, sb) },
  { method: 'POST', pattern: '/auth/oauth2/token', noAuth: true, handler: (req, sb) => issueToken(req, sb) },
];
