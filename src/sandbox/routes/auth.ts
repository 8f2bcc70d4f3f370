// /auth/* API calls: time, credential request, current credential, details, logout.
import { randomInt } from 'node:crypto';
import { ApiError, badRequest } from '../api-error.js';
import type { RouteDef } from '../router.js';
import { stateOf, type SandboxRuntime } from '../runtime.js';
import { randomKey, type CredentialRecord } from '../state.js';
import { validateBody } from '../validate.js';

const HTTP_METHODS = ['DELETE', 'GET', 'PATCH', 'POST', 'PUT'] as const;

export function findCredential(sb: SandboxRuntime, consumerKey: string): CredentialRecord {
  const credential = stateOf(sb).credentials.find((c) => c.consumerKey === consumerKey);
  if (!credential) throw new Error(`Sandbox: no consumer key ${consumerKey.slice(0, 4)}… in this sandbox`);
  return credential;
}

export function validateCredentialRecord(credential: CredentialRecord): void {
  credential.status = 'validated';
}

export function revokeCredentialRecord(credential: CredentialRecord): void {
  credential.status = 'expired';
}

function credentialView(credential: CredentialRecord, sb: SandboxRuntime): Record<string, unknown> {
  const app = stateOf(sb).apps.find((a) => a.appKey === credential.appKey);
  return {
    allowedIPs: null,
    applicationId: app?.applicationId ?? 0,
    creation: credential.creation,
    credentialId: credential.credentialId,
    expiration: credential.expiration,
    lastUse: credential.lastUse,
    ovhSupport: false,
    rules: credential.rules.map((r) => ({ method: r.method, path: r.path })),
    status: credential.status,
  };
}

export const authRoutes: RouteDef[] = [
  {
    method: 'GET',
    pattern: '/auth/time',
    noAuth: true,
    handler: (_req, sb) => Math.floor(sb.clock.nowMs() / 1000),
  },
  {
    method: 'POST',
    pattern: '/auth/credential',
    noAuth: true,
    handler: (req, sb) => {
      const state = stateOf(sb);
      const appKeyHeader = req.headers['x-ovh-application'];
      const app = state.apps.find((a) => a.appKey === appKeyHeader);
      if (!app) throw new ApiError(403, 'This application key is invalid', { errorCode: 'INVALID_KEY' });
      const body = validateBody(req.body, {
        accessRules: { type: 'array', required: true },
        redirection: { type: 'string' },
        allowedIPs: { type: 'array' },
      });
      const rules = (body.accessRules as unknown[]).map((rule) => {
        const r = validateBody(rule, { method: { type: 'string', required: true, enum: HTTP_METHODS }, path: { type: 'string', required: true } });
        if (!(r.path as string).startsWith('/')) throw badRequest(`The input provided isn't valid: '${String(r.path)}' does not match '^/' (property 'path')`);
        return { method: r.method as string, path: r.path as string };
      });
      const credential: CredentialRecord = {
        consumerKey: randomKey(32),
        appKey: app.appKey,
        credentialId: ++state.counters.credentialId + randomInt(0, 3),
        status: sb.autoValidateCredentials ? 'validated' : 'pendingValidation',
        rules,
        redirection: typeof body.redirection === 'string' ? body.redirection : null,
        validationToken: randomKey(64),
        creation: sb.clock.now().toISOString(),
        expiration: null,
        lastUse: null,
      };
      state.credentials.push(credential);
      return {
        validationUrl: `${sb.origin}/auth/?credentialToken=${credential.validationToken}`,
        consumerKey: credential.consumerKey,
        state: credential.status,
      };
    },
  },
  {
    method: 'GET',
    pattern: '/auth/currentCredential',
    noAuth: false,
    handler: (req, sb) => {
      if (!req.caller?.credential) throw badRequest('No consumer key: this call was authenticated with an OAuth2 token');
      return credentialView(req.caller.credential, sb);
    },
  },
  {
    method: 'GET',
    pattern: '/auth/details',
    noAuth: false,
    handler: (req, sb) => {
      const nic = stateOf(sb).account.nichandle;
      const oauth = req.caller?.kind === 'oauth2';
      return {
        account: nic,
        allowedRoutes: req.caller?.credential ? req.caller.credential.rules.map((r) => ({ method: r.method, path: r.path })) : null,
        description: null,
        identities: oauth
          ? [`urn:v1:${sb.region}:identity:credential:${nic}/oauth2-${req.caller?.token?.clientId ?? ''}`]
          : [`urn:v1:${sb.region}:identity:account:${nic}`],
        method: oauth ? 'oauth2_client_credentials' : 'account',
        roles: null,
        user: null,
      };
    },
  },
  {
    method: 'POST',
    pattern: '/auth/logout',
    noAuth: false,
    handler: (req, sb) => {
      if (req.caller?.credential) revokeCredentialRecord(req.caller.credential);
      if (req.caller?.token) {
        const state = stateOf(sb);
        state.tokens = state.tokens.filter((t) => t !== req.caller?.token);
      }
      return null;
    },
  },
];
