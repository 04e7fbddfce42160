/**
 * A real IMAP server for tests: Debian's Dovecot (`apt-get install dovecot-imapd`), started in
 * the foreground with its own configuration in a temporary folder: its own run directory,
 * passwd-file users, Maildir storage, IMAP over TLS only (a self-signed certificate made here)
 * on a free loopback port. Works as root (mail owned by `nobody`) or as an ordinary user.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import { describe } from "vitest";
import { unusedPort } from "./smtp-sink";

export const DOVECOT_BINARY = process.env.DOVECOT_PATH ?? "/usr/sbin/dovecot";

export function dovecotAvailable(): boolean {
  return existsSync(DOVECOT_BINARY);
}

/**
 * describe() for tests that need Dovecot: skipped with a message naming the package when it is
 * missing, except with CI=true, where that fails the file (.ci/run installs it).
 */
export function describeWithDovecot(title: string, body: () => void): void {
  if (dovecotAvailable()) {
    describe(title, body);
    return;
  }
  const message = `Dovecot not installed at ${DOVECOT_BINARY} (Debian package dovecot-imapd)`;
  if (process.env.CI === "true") throw new Error(`${title}: ${message}; CI must install it (.ci/run)`);
  console.warn(`[skipped] ${title}: ${message}`);
  describe.skip(`${title} (skipped: ${message})`, body);
}

export interface TestImapServer {
  port: number;
  user: string;
  password: string;
  /** The server's certificate: clients trust it as their only CA. */
  ca: string;
  url(query?: string): string;
  log(): string;
  stop(): Promise<void>;
}

function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve();
      });
      socket.once("error", () => {
        socket.destroy();
        if (Date.now() > deadline)
          reject(new Error(`dovecot did not listen on 127.0.0.1:${port} within ${timeoutMs} ms`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

export async function startDovecot({ user = "csirt", password = "imap-test-password" } = {}): Promise<TestImapServer> {
  if (!dovecotAvailable())
    throw new Error(
      `Dovecot is not installed at ${DOVECOT_BINARY}: apt-get install dovecot-imapd (or set DOVECOT_PATH)`,
    );
  const dir = mkdtempSync(path.join(tmpdir(), "csirt-dovecot-"));
  const asRoot = process.getuid?.() === 0;
  const me = userInfo();
  // Root may not own mail (first_valid_uid); an ordinary user runs everything as itself.
  const mailUser = asRoot
    ? { name: "nobody", uid: 65534, gid: 65534 }
    : { name: me.username, uid: me.uid, gid: me.gid };
  const internal = asRoot ? { internal: "dovecot", login: "dovenull" } : { internal: me.username, login: me.username };
  for (const sub of ["run", "state", "mail"]) mkdirSync(path.join(dir, sub), { recursive: true });
  // Dovecot's auth and mail processes run as other users: they pass through the folder, never list it.
  chmodSync(dir, 0o711);
  if (asRoot) chownSync(path.join(dir, "mail"), mailUser.uid, mailUser.gid);

  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "2",
      "-subj",
      "/CN=localhost",
      "-addext",
      "subjectAltName=IP:127.0.0.1,DNS:localhost",
      "-keyout",
      path.join(dir, "key.pem"),
      "-out",
      path.join(dir, "cert.pem"),
    ],
    { stdio: "ignore" },
  );
  writeFileSync(path.join(dir, "passwd"), `${user}:{PLAIN}${password}::::::\n`, { mode: 0o644 });

  const port = await unusedPort();
  const dh = "/usr/share/dovecot/dh.pem";
  const config = `
instance_name = csirt-test-${path.basename(dir)}
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
default_internal_user = ${internal.internal}
default_login_user = ${internal.login}
first_valid_uid = ${Math.min(mailUser.uid, 1)}
ssl = required
ssl_cert = <${dir}/cert.pem
ssl_key = <${dir}/key.pem
${existsSync(dh) ? `ssl_dh = <${dh}` : ""}
ssl_min_protocol = TLSv1.2
auth_mechanisms = plain login
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${mailUser.uid} gid=${mailUser.gid} home=${dir}/mail/%u
}
mail_location = maildir:~/Maildir
namespace inbox {
  inbox = yes
  separator = /
}
service imap-login {
  inet_listener imap {
    port = 0
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = ${port}
    ssl = yes
  }
}
service anvil {
  chroot =
}
service imap-login {
  chroot =
}
`;
  const configPath = path.join(dir, "dovecot.conf");
  writeFileSync(configPath, config);
  const child: ChildProcess = spawn(DOVECOT_BINARY, ["-F", "-c", configPath], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // A test process that ends without stop() must not leave a server behind.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  const log = () =>
    output + (existsSync(path.join(dir, "dovecot.log")) ? readFileSync(path.join(dir, "dovecot.log"), "utf8") : "");
  try {
    await Promise.race([
      waitForPort(port, 15_000),
      exited.then(() => Promise.reject(new Error(`dovecot exited:\n${log()}`))),
    ]);
  } catch (error) {
    child.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    port,
    user,
    password,
    ca: readFileSync(path.join(dir, "cert.pem"), "utf8"),
    url: (query = "") => `imaps://${user}:${password}@127.0.0.1:${port}/INBOX${query}`,
    log,
    async stop() {
      process.off("exit", killOnExit);
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
