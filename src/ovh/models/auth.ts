// `/auth` answers (auth-api-schema-eu-v1.json): server time, credential requests, the current
// credential. Loose objects: OVH adds fields; what the program reads is required and typed.
import { z } from 'zod';
import { DateTimeSchema } from './datetime.js';

/** `GET /auth/time`: Unix seconds, a bare JSON integer. */
export const ServerTimeSchema = z.number().int();

/** auth.HTTPMethodEnum (PATCH exists in the enum even if ordering never needs it). */
export const AccessRuleMethodSchema = z.enum(['GET', 'POST', 'PUT', 'DELETE', 'PATCH']);
export type AccessRuleMethod = z.infer<typeof AccessRuleMethodSchema>;

/** auth.AccessRule: `{method, path}`; `*` in path is a wildcard (`/order/*`). */
export const AccessRuleSchema = z.looseObject({
  method: AccessRuleMethodSchema,
  path: z.string(),
});
export type AccessRule = z.infer<typeof AccessRuleSchema>;

export const CREDENTIAL_STATES = ['expired', 'pendingValidation', 'refused', 'validated'] as const;
export const CredentialStateSchema = z.enum(CREDENTIAL_STATES);
export type CredentialState = z.infer<typeof CredentialStateSchema>;

/** `POST /auth/credential` → auth.ApiCredentialRequest. */
export const CredentialRequestSchema = z.looseObject({
  validationUrl: z.string(),
  consumerKey: z.string(),
  state: CredentialStateSchema,
});
export type CredentialRequest = z.infer<typeof CredentialRequestSchema>;

/** `GET /auth/currentCredential` → auth.ApiCredential. */
export const ApiCredentialSchema = z.looseObject({
  applicationId: z.number().int(),
  credentialId: z.number().int(),
  creation: DateTimeSchema,
  expiration: DateTimeSchema.nullish(),
  lastUse: DateTimeSchema.nullish(),
  ovhSupport: z.boolean(),
  rules: z.array(AccessRuleSchema),
  status: CredentialStateSchema,
  allowedIPs: z.array(z.string()).nullish(),
});
export type ApiCredential = z.infer<typeof ApiCredentialSchema>;
