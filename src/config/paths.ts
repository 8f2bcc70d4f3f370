// Where ovh-order keeps its files. Everything is derived from the Context's env (not process.env),
// so tests and power users can point it elsewhere: OVH_ORDER_CONFIG_DIR wins over the platform default.
import os from 'node:os';
import path from 'node:path';

const PROJECT_NAME = 'ovh-order';

/** The user's home directory as the command sees it (HOME from the env first, so tests can fake it). */
function homeDir(env: NodeJS.ProcessEnv): string {
  return env.HOME || env.USERPROFILE || os.homedir();
}

/**
 * The config directory: `OVH_ORDER_CONFIG_DIR`, else the platform's user config directory
 * (what conf/env-paths use, without their "-nodejs" suffix): `$XDG_CONFIG_HOME/ovh-order` or
 * `~/.config/ovh-order` on Linux, `~/Library/Preferences/ovh-order` on macOS, `%APPDATA%\ovh-order\Config` on Windows.
 */
export function configDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  const override = env.OVH_ORDER_CONFIG_DIR;
  if (override) return path.resolve(override);
  const home = homeDir(env);
  if (platform === 'darwin') return path.join(home, 'Library', 'Preferences', PROJECT_NAME);
  if (platform === 'win32') return path.join(env.APPDATA || path.join(home, 'AppData', 'Roaming'), PROJECT_NAME, 'Config');
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), PROJECT_NAME);
}

/** The places an `ovh.conf` is looked for, most specific first (the order python-ovh and go-ovh give them priority). */
export function ovhConfPaths(env: NodeJS.ProcessEnv, cwd: string): string[] {
  return [path.join(cwd, 'ovh.conf'), path.join(homeDir(env), '.ovh.conf'), '/etc/ovh.conf'];
}

/** `/home/me/.ovh.conf` → `~/.ovh.conf`, for messages. */
export function displayPath(file: string, env: NodeJS.ProcessEnv): string {
  const home = homeDir(env);
  return file === home || file.startsWith(home + path.sep) ? `~${file.slice(home.length)}` : file;
}
