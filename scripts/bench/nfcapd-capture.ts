/**
 * A real nfcapd capture of the generated traffic: nfcapd listens on a loopback UDP port and
 * the flows are exported to it as NetFlow v5 while the text files are written.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createSocket, type Socket } from "node:dgram";
import { once } from "node:events";
import { mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { NetflowV5Packer } from "./netflow-v5";
import type { SyntheticFlow } from "./synthetic-traffic";

const LOOPBACK = "127.0.0.1";
const SOCKET_BUFFER_BYTES = 32 * 1024 * 1024;

async function freeUdpPort(): Promise<number> {
  const probe = createSocket("udp4");
  probe.bind(0, LOOPBACK);
  await once(probe, "listening");
  const { port } = probe.address();
  probe.close();
  return port;
}

export interface CaptureResult {
  files: string[];
  flowsSent: number;
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

  static async start(directory: string): Promise<NfcapdCapture> {
    mkdirSync(directory, { recursive: true });
    const port = await freeUdpPort();
    const collector = spawn("nfcapd", ["-b", LOOPBACK, "-p", String(port), "-w", directory, "-t", "3600", "-B", String(SOCKET_BUFFER_BYTES)], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let log = "";
    collector.stdout!.on("data", (chunk: Buffer) => (log += chunk.toString()));
    collector.stderr!.on("data", (chunk: Buffer) => (log += chunk.toString()));
    for (let waited = 0; !log.includes("Startup"); waited += 50) {
      if (collector.exitCode !== null || waited > 5_000) throw new Error(`nfcapd did not start: ${log.trim() || "no output"}`);
      await sleep(50);
    }
    const socket = createSocket("udp4");
    return new NfcapdCapture(collector, socket, port, directory);
  }

  add(flow: SyntheticFlow): void {
    if (flow.ipv6) return;
    this.flowsSent++;
    this.packer.add(flow);
  }

  /** Sends the queued packets one at a time, so nfcapd's socket buffer never overflows. */
  async drain(): Promise<void> {
    const packets = this.queue;
    this.queue = [];
    for (const packet of packets) {
      await new Promise<void>((resolve, reject) => this.socket.send(packet, this.port, LOOPBACK, (error) => (error ? reject(error) : resolve())));
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
