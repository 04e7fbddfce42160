/**
 * Real nfcapd files made by the real nfcapd: it listens on a loopback UDP port and flows are
 * exported to it as NetFlow v5. Used by the tests (a few hundred flows) and the ingest
 * benchmark (millions). Each capture is one file: nfcapd writes it when it stops.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createSocket, type Socket } from "node:dgram";
import { once } from "node:events";
import { mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { NetflowV5Packer, type NetflowV5Flow } from "./netflow-v5";

export type { NetflowV5Flow } from "./netflow-v5";

const LOOPBACK = "127.0.0.1";
const SOCKET_BUFFER_BYTES = 32 * 1024 * 1024;
const COMPRESSION_FLAGS = { none: [], lzo: ["-z"], lz4: ["-y"], bz2: ["-j"] } as const;

async function freeUdpPort(): Promise<number> {
  const probe = createSocket("udp4");
  probe.bind(0, LOOPBACK);
  await once(probe, "listening");
  const { port } = probe.address();
  probe.close();
  return port;
}

export function commandExists(name: string): boolean {
  return spawnSync("sh", ["-c", 'command -v "$1"', "sh", name], { stdio: "ignore" }).status === 0;
}

export interface CaptureResult {
  files: string[];
  flowsSent: number;
}

export interface CaptureOptions {
  /** nfcapd's block compression (default none). */
  compression?: keyof typeof COMPRESSION_FLAGS;
}

export class NfcapdCapture {
  flowsSent = 0;
  private queue: Buffer[] = [];
  private readonly packer = new NetflowV5Packer((packet) => this.queue.push(packet));

  private constructor(
    private readonly collector: ChildProcess,
    private readonly socket: Socket,
    private readonly port: number,
    private readonly directory: string,
  ) {}

  static async start(directory: string, options: CaptureOptions = {}): Promise<NfcapdCapture> {
    mkdirSync(directory, { recursive: true });
    const port = await freeUdpPort();
    const args = ["-b", LOOPBACK, "-p", String(port), "-w", directory, "-t", "3600", "-B", String(SOCKET_BUFFER_BYTES)];
    const collector = spawn("nfcapd", [...args, ...COMPRESSION_FLAGS[options.compression ?? "none"]], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let log = "";
    collector.stdout!.on("data", (chunk: Buffer) => (log += chunk.toString()));
    collector.stderr!.on("data", (chunk: Buffer) => (log += chunk.toString()));
    for (let waited = 0; !log.includes("Startup"); waited += 50) {
      if (collector.exitCode !== null || waited > 5_000) {
        throw new Error(`nfcapd did not start: ${log.trim() || "no output"}`);
      }
      await sleep(50);
    }
    const socket = createSocket("udp4");
    return new NfcapdCapture(collector, socket, port, directory);
  }

  add(flow: NetflowV5Flow): void {
    if (flow.ipv6) return;
    this.flowsSent++;
    this.packer.add(flow);
  }

  /** Sends the queued packets one at a time, so nfcapd's socket buffer never overflows. */
  async drain(): Promise<void> {
    const packets = this.queue;
    this.queue = [];
    for (const packet of packets) {
      await new Promise<void>((resolve, reject) =>
        this.socket.send(packet, this.port, LOOPBACK, (error) => (error ? reject(error) : resolve())),
      );
    }
  }

  async finish(): Promise<CaptureResult> {
    this.packer.flush();
    await this.drain();
    this.socket.close();
    await sleep(500);
    this.collector.kill("SIGTERM");
    if (this.collector.exitCode === null) await once(this.collector, "exit");
    const files = readdirSync(this.directory)
      .filter((name) => /^nfcapd\.\d{12}$/.test(name))
      .sort()
      .map((name) => path.join(this.directory, name));
    return { files, flowsSent: this.flowsSent };
  }
}

/** Flow count from `nfdump -I` (the file's own statistics). */
export function capturedFlowCount(file: string): number {
  const result = spawnSync("nfdump", ["-r", file, "-I"], { encoding: "utf8" });
  const match = /^Flows:\s*(\d+)/m.exec(result.stdout);
  if (match === null) throw new Error(`nfdump -I gave no flow count: ${result.stderr || result.stdout}`);
  return Number(match[1]);
}

/**
 * One nfcapd file holding exactly these flows, written by nfcapd into `directory` (which
 * should be fresh: nfcapd names files by the minute). Throws if loopback lost any of them.
 */
export async function writeNfcapdFile(
  directory: string,
  flows: Iterable<NetflowV5Flow>,
  options: CaptureOptions = {},
): Promise<string> {
  const capture = await NfcapdCapture.start(directory, options);
  for (const flow of flows) capture.add(flow);
  const { files, flowsSent } = await capture.finish();
  if (files.length !== 1) throw new Error(`nfcapd wrote ${files.length} files into ${directory}, expected 1`);
  const captured = capturedFlowCount(files[0]!);
  if (captured !== flowsSent) throw new Error(`nfcapd captured ${captured} of ${flowsSent} flows`);
  return files[0]!;
}

function ipv4Value(text: string): number {
  return text.split(".").reduce((value, octet) => value * 256 + Number(octet), 0);
}

/**
 * A member host scanning SSH (`targets` SYN-only probes to distinct hosts, one every 1.5 s from
 * `start`) amid web traffic from the same host and UDP to port 22: what detection must single out.
 */
export function plantedScannerTraffic(source: string, targets: number, start: number): NetflowV5Flow[] {
  const flows: NetflowV5Flow[] = [];
  const base = { ipv6: false, srcIpv4: ipv4Value(source), durationMs: 0, packets: 1, bytes: 60 } as const;
  for (let i = 0; i < targets; i++) {
    const at = start + i * 1_500;
    const target = ipv4Value("198.18.0.0") + i * 7 + 1;
    const probe = { ...base, start: at, protocol: "TCP", dstIpv4: target, srcPort: 40_000 + i, dstPort: 22 } as const;
    flows.push({ ...probe, tcpFlags: 0x02 });
    flows.push({
      ...probe,
      start: at + 300,
      durationMs: 900,
      dstIpv4: target + 1,
      dstPort: 443,
      tcpFlags: 0x1b,
      packets: 12,
    });
    flows.push({ ...probe, start: at + 600, protocol: "UDP", dstIpv4: target + 2, tcpFlags: 0 });
  }
  return flows;
}
