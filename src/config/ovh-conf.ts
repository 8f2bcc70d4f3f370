// The `ovh.conf` INI file shared by python-ovh, go-ovh and the OVH CLI:
//   [default]
//   endpoint=ovh-eu
//   [ovh-eu]
//   application_key=…  application_secret=…  consumer_key=…   (or client_id=… client_secret=…)
// Read only: ovh-order never writes it.
import fs from 'node:fs';
import ini from 'ini';

export interface OvhConfSection {
  application_key?: string;
  application_secret?: string;
  consumer_key?: string;
  client_id?: string;
  client_secret?: string;
}

export interface OvhConfFile {
  path: string;
  /** `[default] endpoint`, when set. */
  defaultEndpoint?: string;
  /** Sections by name (endpoint names or URLs), with string values only. */
  sections: Record<string, OvhConfSection & Record<string, string>>;
  /** Group/other permission bits found on the file (0 when private). */
  openMode: number;
}

export type OvhConfRead = { status: 'ok'; file: OvhConfFile } | { status: 'missing' } | { status: 'unreadable'; reason: string };

/** Parses INI text. Section names may be URLs: their dots are kept (the ini package would nest on them). */
export function parseOvhConf(text: string, path: string, openMode = 0): OvhConfFile {
  const escaped = text.replace(/^(\s*)\[([^\]\r\n]*)\]/gm, (_all, indent: string, name: string) => `${indent}[${name.trim().replace(/\./g, '\\.')}]`);
  const decoded = ini.decode(escaped) as Record<string, unknown>;
  const sections: OvhConfFile['sections'] = {};
  for (const [name, value] of Object.entries(decoded)) {
    if (!value || typeof value !== 'object' || Array.isArray(value)) continue;
    const section: Record<string, string> = {};
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      if (typeof v === 'string' && v.trim() !== '') section[key.trim().toLowerCase()] = v.trim();
    }
    sections[name] = section;
  }
  const defaultEndpoint = sections.default?.endpoint;
  return { path, defaultEndpoint, sections, openMode };
}

export function readOvhConf(path: string): OvhConfRead {
  let text: string;
  let openMode = 0;
  try {
    text = fs.readFileSync(path, 'utf8');
    if (process.platform !== 'win32') openMode = fs.statSync(path).mode & 0o077;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { status: 'missing' };
    return { status: 'unreadable', reason: code ?? 'unreadable' };
  }
  return { status: 'ok', file: parseOvhConf(text, path, openMode) };
}
