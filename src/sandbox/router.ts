// Route table: `METHOD /pattern/{param}` → handler, with the schema's `noAuthentication` flag.
// API routes live under the base path (/1.0); "page" routes (the credential validation page and the
// OAuth2 token endpoint) live at the host root like on www.ovh.com/auth/.
import type { IncomingHttpHeaders } from 'node:http';
import type { CredentialRecord, TokenRecord } from './state.js';
import type { SandboxRuntime } from './runtime.js';

export interface Caller {
  kind: 'signature' | 'oauth2';
  nichandle: string;
  credential?: CredentialRecord;
  token?: TokenRecord;
}

export interface ApiRequest {
  method: string;
  /** Path without the base path and query. */
  path: string;
  params: Record<string, string>;
  query: Record<string, string>;
  /** Parsed JSON body, or undefined when the request had none. */
  body: unknown;
  rawBody: string;
  headers: IncomingHttpHeaders;
  caller: Caller | null;
  /** Host as the client addressed it, without the port (what signatures are computed over). */
  host: string;
}

/** A non-JSON answer (HTML page, redirect, OAuth2 JSON without OVH's error shape). */
export class RawResponse {
  constructor(
    readonly status: number,
    readonly body: string,
    readonly headers: Record<string, string> = {},
  ) {}
}

type Handler = (req: ApiRequest, sb: SandboxRuntime) => unknown;

export interface RouteDef {
  method: string;
  pattern: string;
  /** `noAuthentication: true` in the API schema: callable unsigned (signed calls are checked too). */
  noAuth: boolean;
  handler: Handler;
  /** GET handlers that change state (none today) would set this; non-GET calls always save. */
  mutates?: boolean;
}

interface CompiledRoute extends RouteDef {
  segments: string[];
}

export interface RouteMatch {
  route: RouteDef;
  params: Record<string, string>;
}

export class Router {
  private readonly routes: CompiledRoute[] = [];

  add(def: RouteDef): this {
    this.routes.push({ ...def, segments: def.pattern.split('/').slice(1) });
    return this;
  }

  addAll(defs: RouteDef[]): this {
    for (const def of defs) this.add(def);
    return this;
  }

  /** Best match for a method and path: literal segments win over `{param}` ones. */
  match(method: string, path: string): RouteMatch | undefined {
    const parts = path.split('/').slice(1);
    let best: { route: CompiledRoute; params: Record<string, string>; score: number } | undefined;
    for (const route of this.routes) {
      if (route.method !== method || route.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let score = 0;
      let ok = true;
      for (let i = 0; i < parts.length && ok; i++) {
        const seg = route.segments[i]!;
        const part = parts[i]!;
        if (seg.startsWith('{') && seg.endsWith('}')) {
          if (part === '') ok = false;
          else params[seg.slice(1, -1)] = safeDecode(part);
        } else if (seg === part) {
          score++;
        } else {
          ok = false;
        }
      }
      if (ok && (!best || score > best.score)) best = { route, params, score };
    }
    return best && { route: best.route, params: best.params };
  }
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
