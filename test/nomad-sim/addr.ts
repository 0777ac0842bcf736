/**
 * Address parsing shared by join (serf, default port 4648) and set-servers (rpc, default port 4647).
 */

/** Splits `host[:port]` / `[v6]:port` / bare v6 and applies the default port (memberlist / resolveServer). */
export function withDefaultPort(raw: string, port: number): { host: string; hostPort: string; ip: boolean } {
  const s = raw.trim();
  let host = s;
  let p = String(port);
  const bracket = /^\[([^\]]+)\](?::(\d+))?$/.exec(s);
  if (bracket) {
    host = bracket[1] ?? '';
    p = bracket[2] ?? p;
  } else if ((s.match(/:/g) ?? []).length === 1) {
    const [h, pp] = s.split(':');
    host = h ?? '';
    p = pp !== undefined && pp !== '' ? pp : p;
  }
  if (host === 'localhost') host = '127.0.0.1';
  const v6 = host.includes(':');
  const ip = v6 || /^\d{1,3}(\.\d{1,3}){3}$/.test(host);
  return { host, hostPort: v6 ? `[${host}]:${p}` : `${host}:${p}`, ip };
}
