// Starts `kundenportal demo` on a free loopback port with a fresh data
// directory, reads the demo logins from its stdout, waits for /readyz and
// stops it again. Nothing here knows a password: the table printed by the
// server is the only source.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]/g;
const BANNER = /Kundenportal demo is running at (https?:\/\/\S+)/;

/** A free TCP port on 127.0.0.1 (the kernel picks it; we release it at once). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Parses the demo login table. Each row has the role (may contain spaces),
 * the e-mail (the token holding "@") and the password (the last token).
 * Returns [] until the header line was seen.
 */
export function parseLogins(stdout) {
  const lines = stdout.replace(ANSI, '').split(/\r?\n/);
  const header = lines.findIndex((l) => /^\s*role\s+e-mail\s+password\s*$/i.test(l));
  if (header < 0) return [];
  const logins = [];
  for (const raw of lines.slice(header + 1)) {
    const line = raw.trim();
    if (line === '') {
      if (logins.length > 0) break; // blank line after the rows ends the table
      continue;
    }
    const tokens = line.split(/\s+/);
    const emailAt = tokens.findIndex((t) => t.includes('@'));
    if (tokens.length < 3 || emailAt < 1 || emailAt === tokens.length - 1) {
      if (logins.length > 0) break; // something else follows the table
      continue;
    }
    logins.push({
      role: tokens.filter((_, i) => i !== emailAt && i !== tokens.length - 1).join(' '),
      email: tokens[emailAt],
      password: tokens[tokens.length - 1],
    });
  }
  return logins;
}

/**
 * The demo's user with TOTP already enrolled, printed below the login
 * table: `two-factor login  <e-mail>  <password>` and `two-factor key
 * <base32>`. `null` when the server printed none.
 */
export function parseTotpLogin(stdout) {
  const text = stdout.replace(ANSI, '');
  const login = /^two-factor login\s+(\S+@\S+)\s+(\S+)\s*$/m.exec(text);
  const key = /^two-factor key\s+([A-Z2-7=]+)\s*$/m.exec(text);
  if (!login || !key) return null;
  return { email: login[1], password: login[2], secret: key[1] };
}

/** True when the table is complete: a blank line (or more output) followed the rows. */
function tableComplete(stdout) {
  const text = stdout.replace(ANSI, '');
  const m = /^\s*role\s+e-mail\s+password\s*$/im.exec(text);
  if (!m) return false;
  const rest = text.slice(m.index + m[0].length).split(/\r?\n/).slice(1);
  const blank = rest.findIndex((l) => l.trim() === '');
  return blank > 0; // at least one row, then a blank line
}

export class DemoServer {
  /**
   * The demo's two-factor login, read from the output when asked: its
   * lines follow the login table, and may reach us after the table's
   * blank line that ends the wait for start-up (seen on a slow machine).
   */
  get totpLogin() {
    return parseTotpLogin(this.stdout);
  }

  /**
   * `publicHost`: serve under `http://<publicHost>:<port>` (a config file
   * sets `public_url`; passkeys need a host name, browsers refuse
   * `127.0.0.1` as a relying party). `pidFile: false` for a second server
   * next to the suite's one, which keeps run.sh's pid file.
   */
  constructor({ bin, startupTimeoutMs = 120_000, readyTimeoutMs = 30_000, publicHost = null, pidFile = true }) {
    this.bin = bin;
    this.publicHost = publicHost;
    this.pidFile = pidFile && !!process.env.E2E_SERVER_PIDFILE;
    this.startupTimeoutMs = startupTimeoutMs;
    this.readyTimeoutMs = readyTimeoutMs;
    this.stdout = '';
    this.child = null;
    this.exited = null; // { code, signal } once the process ended
    this.stopping = false;
    this.baseURL = null;
    this.logins = [];
    this.dataDir = null;
    this.logFile = null;
  }

  async start() {
    if (!fs.existsSync(this.bin)) {
      throw new Error(`kundenportal binary not found at ${this.bin} (build it with \`cargo build -p kundenportal\` or set KUNDENPORTAL_BIN)`);
    }
    this.dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kundenportal-e2e-'));
    this.logFile = path.join(this.dataDir, 'server.log');
    const log = fs.openSync(this.logFile, 'a');
    const port = await freePort();
    const listen = `127.0.0.1:${port}`;
    const started = Date.now();
    const args = ['demo', '--data-dir', path.join(this.dataDir, 'data'), '--listen', listen];
    if (this.publicHost) {
      const config = path.join(this.dataDir, 'kundenportal.toml');
      fs.writeFileSync(config, `public_url = "http://${this.publicHost}:${port}"\n`);
      args.push('--config', config);
    }
    const env = { ...process.env, NO_COLOR: '1', RUST_LOG: process.env.RUST_LOG ?? 'info,sqlx=warn' };
    // A second server next to the suite's (no pid file) gets its own SQLite
    // database in its data directory: the suite's PostgreSQL database
    // already holds the demo, and the demo loads only into an empty one.
    if (!this.pidFile) delete env.KUNDENPORTAL_DATABASE_URL;
    this.child = spawn(this.bin, args, { stdio: ['ignore', 'pipe', log], env });
    fs.closeSync(log);
    if (this.pidFile) fs.writeFileSync(process.env.E2E_SERVER_PIDFILE, `${this.child.pid}\n`);
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (chunk) => {
      this.stdout += chunk;
      fs.appendFileSync(this.logFile, chunk);
    });
    const exited = new Promise((resolve) => {
      this.child.on('exit', (code, signal) => {
        this.exited = { code, signal };
        resolve(this.exited);
      });
      this.child.on('error', (err) => {
        this.exited = { code: null, signal: null, error: err };
        resolve(this.exited);
      });
    });
    // Ensure the server and its data never outlive us, whatever way we end
    // (the global timeout of run.sh sends SIGTERM to the whole group).
    process.once('exit', () => this.kill('SIGKILL'));
    for (const [signal, code] of [['SIGTERM', 143], ['SIGINT', 130]]) {
      process.once(signal, () => {
        console.error(`# ${signal}: stopping the kundenportal server`);
        this.kill('SIGKILL');
        if (this.dataDir && process.env.E2E_KEEP_DATA !== '1') fs.rmSync(this.dataDir, { recursive: true, force: true });
        process.exit(code);
      });
    }

    const deadline = started + this.startupTimeoutMs;
    // 1. The banner and the complete login table on stdout.
    while (!(BANNER.test(this.stdout.replace(ANSI, '')) && tableComplete(this.stdout))) {
      if (this.exited) throw new Error(`kundenportal demo exited during start-up (${describeExit(this.exited)})\n${this.logTail()}`);
      if (Date.now() > deadline) throw new Error(`kundenportal demo printed no login table within ${this.startupTimeoutMs} ms\n${this.logTail()}`);
      await Promise.race([delay(50), exited]);
    }
    this.baseURL = BANNER.exec(this.stdout.replace(ANSI, ''))[1].replace(/\/+$/, '');
    this.logins = parseLogins(this.stdout);
    if (this.logins.length === 0) throw new Error(`could not parse any demo login from stdout:\n${this.stdout}`);

    // 2. Readiness: /readyz answers 200 (polled, never a fixed sleep). The
    // demo data is loaded before the table is printed, so this is quick.
    let last = 'no answer yet';
    const readyDeadline = Math.min(deadline, Date.now() + this.readyTimeoutMs);
    for (;;) {
      if (this.exited) throw new Error(`kundenportal demo exited before it was ready (${describeExit(this.exited)})\n${this.logTail()}`);
      if (Date.now() > readyDeadline) {
        throw new Error(`GET ${this.baseURL}/readyz did not answer 200 within ${this.readyTimeoutMs} ms after the login table (last: ${last})\n${this.logTail(12)}`);
      }
      try {
        // The listen address itself: `localhost` may resolve to ::1 first.
        const res = await fetch(`http://${listen}/readyz`, { signal: AbortSignal.timeout(2_000) });
        if (res.status === 200) break;
        last = `HTTP ${res.status} ${(await res.text()).slice(0, 200)}`;
      } catch (err) {
        last = err.cause?.code ?? err.message;
      }
      await delay(100);
    }
    this.startupMs = Date.now() - started;
    return this;
  }

  /** Last lines of the server's stdout and stderr, for error messages. */
  logTail(lines = 40) {
    try {
      const text = fs.readFileSync(this.logFile, 'utf8').replace(ANSI, '').trimEnd().split('\n');
      return `--- last ${Math.min(lines, text.length)} lines of the server log (${this.logFile}) ---\n${text.slice(-lines).join('\n')}`;
    } catch {
      return '(no server log)';
    }
  }

  /** Throws when the server died while the tests ran. */
  assertAlive() {
    if (this.exited && !this.stopping) {
      throw new Error(`the kundenportal server died during the run (${describeExit(this.exited)})\n${this.logTail()}`);
    }
  }

  kill(signal) {
    if (this.child && !this.exited) {
      try {
        this.child.kill(signal);
      } catch {
        /* already gone */
      }
    }
  }

  async stop({ keepData = false } = {}) {
    if (!this.child) return;
    this.stopping = true;
    if (!this.exited) {
      const gone = new Promise((resolve) => this.child.once('exit', resolve));
      this.kill('SIGTERM');
      const timedOut = await Promise.race([gone.then(() => false), delay(10_000, true, { ref: false })]);
      if (timedOut) {
        this.kill('SIGKILL');
        await gone;
      }
    }
    if (this.pidFile) fs.rmSync(process.env.E2E_SERVER_PIDFILE, { force: true });
    if (!keepData && this.dataDir) fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}

function describeExit({ code, signal, error }) {
  if (error) return `could not start: ${error.message}`;
  return signal ? `signal ${signal}` : `exit code ${code}`;
}
