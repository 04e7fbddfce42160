/**
 * Flow records as a border collector of a research network would export them, in time order:
 * mostly web/DNS/mail traffic to and from members and between outside hosts, member SSH
 * clients and servers, and planted SSH scanners (about 50 inside member space, some IPv6,
 * and a few outside scanning members). Popular hosts recur (a few hundred thousand active
 * addresses, skewed), 15% of endpoints are a long tail seen once; scan targets are all new. Records are produced one at a time into one reused
 * object, so a 10-million-line file never sits in memory.
 */
import { formatIpv4, formatIpv6, type Ipv6Words } from "../../lib/net";
import { TcpFlag } from "../../lib/ingest/flow";
import type { SeededRandom } from "./random";
import type { NetflowV5Flow } from "../../test/support/netflow-v5";
import type { SyntheticMembers } from "./synthetic-members";

/** A NetflowV5Flow (so the capture can export it) with its addresses as canonical text too. */
export interface SyntheticFlow extends NetflowV5Flow {
  srcAddr: string;
  dstAddr: string;
}

export interface PlantedScanners {
  /** Canonical source addresses of the scanners inside member space: what detection must find. */
  members: string[];
  /** Outside hosts scanning members: not in scope for detection. */
  outside: string[];
}

/** 1,000 flows per second of traffic time: 2M lines are 33 minutes, 10M lines 2.8 hours. */
const FLOWS_PER_SECOND = 1_000;
/** 23:30 UTC, so the longer files cross midnight (seed format: a new date line). */
export const TRAFFIC_START_MS = Date.UTC(2026, 2, 1, 23, 30, 0);

const MEMBER_SCANNERS = 50;
const MEMBER_SCANNERS_IPV6 = 10;
const OUTSIDE_SCANNERS = 10;
/** Share of all lines that are scanner flows, and the least flows one scanner makes. */
const SCAN_SHARE = 0.03;
const MIN_FLOWS_PER_SCANNER = 300;
const IPV6_SHARE = 0.1;
const SSH_CLIENTS = 3_000;
const SSH_SERVERS = 500;
/**
 * Hosts seen in the traffic: popular ones come back again and again (servers, busy clients),
 * the rest is a long tail of addresses seen once. Sizes per address family.
 */
const ACTIVE_HOSTS = { member: { ipv4: 100_000, ipv6: 10_000 }, outside: { ipv4: 300_000, ipv6: 30_000 } };
const LONG_TAIL_SHARE = 0.15;

const SESSION_FLAGS = TcpFlag.SYN | TcpFlag.ACK | TcpFlag.PSH | TcpFlag.FIN;
const WEB_PORTS = [443, 443, 443, 443, 80, 80, 25, 993, 587, 8080, 3389, 5060];
const UDP_PORTS = [53, 53, 53, 123, 443, 500, 4500, 1194];

interface Endpoint {
  ipv6: boolean;
  ipv4: number;
  text: string;
}

interface Scanner {
  source: Endpoint;
  nextTarget: () => Endpoint;
}

interface SshClient {
  host: Endpoint;
  servers: Endpoint[];
}

export class SyntheticTraffic {
  readonly planted: PlantedScanners = { members: [], outside: [] };
  readonly flow: SyntheticFlow = {
    start: 0,
    durationMs: 0,
    protocol: "TCP",
    ipv6: false,
    srcIpv4: 0,
    dstIpv4: 0,
    srcAddr: "",
    dstAddr: "",
    srcPort: 0,
    dstPort: 0,
    tcpFlags: 0,
    packets: 0,
    bytes: 0,
  };
  private readonly scanners: Scanner[] = [];
  /** Sorted scanner flow slots, each `line * 128 + scanner`. */
  private readonly scanEvents: Float64Array;
  private readonly sshClients: SshClient[] = [];
  private readonly sshServers = { ipv4: [] as Endpoint[], ipv6: [] as Endpoint[] };
  private readonly activeHosts = {
    member: { ipv4: [] as Endpoint[], ipv6: [] as Endpoint[] },
    outside: { ipv4: [] as Endpoint[], ipv6: [] as Endpoint[] },
  };

  constructor(
    private readonly members: SyntheticMembers,
    private readonly random: SeededRandom,
    private readonly lines: number,
  ) {
    for (const side of ["member", "outside"] as const) {
      for (const family of ["ipv4", "ipv6"] as const) {
        const hosts = this.activeHosts[side][family];
        while (hosts.length < ACTIVE_HOSTS[side][family]) hosts.push(this.freshHost(side, family === "ipv6"));
      }
    }
    this.plantScanners();
    this.scanEvents = this.scheduleScans();
    for (let i = 0; i < SSH_CLIENTS; i++) {
      const ipv6 = random.next() < IPV6_SHARE;
      this.sshClients.push({
        host: this.freshHost("member", ipv6),
        servers: [this.outside(ipv6), this.outside(ipv6), this.outside(ipv6)],
      });
    }
    for (let i = 0; i < SSH_SERVERS; i++) {
      const ipv6 = random.next() < IPV6_SHARE;
      (ipv6 ? this.sshServers.ipv6 : this.sshServers.ipv4).push(this.freshHost("member", ipv6));
    }
  }

  /** Fills `this.flow` with each record in turn; about `lines` records in all. */
  *flows(): Generator<SyntheticFlow> {
    const events = this.scanEvents;
    let nextEvent = 0;
    for (let line = 0; line < this.lines; line++) {
      const start = TRAFFIC_START_MS + Math.floor((line * 1000) / FLOWS_PER_SECOND);
      let emitted = false;
      while (nextEvent < events.length && Math.floor(events[nextEvent]! / 128) === line) {
        this.scannerFlow(this.scanners[events[nextEvent]! % 128]!, start);
        nextEvent++;
        emitted = true;
        yield this.flow;
      }
      if (emitted) continue;
      this.backgroundFlow(start);
      yield this.flow;
    }
  }

  private plantScanners(): void {
    const { random } = this;
    for (let i = 0; i < MEMBER_SCANNERS; i++) {
      const ipv6 = i < MEMBER_SCANNERS_IPV6;
      const source = this.freshHost("member", ipv6);
      this.planted.members.push(source.text);
      this.scanners.push({
        source,
        nextTarget: ipv6
          ? this.ipv6Sweep()
          : random.next() < 0.7
            ? this.ipv4Sweep()
            : () => this.freshHost("outside", false),
      });
    }
    for (let i = 0; i < OUTSIDE_SCANNERS; i++) {
      const source = this.freshHost("outside", false);
      this.planted.outside.push(source.text);
      this.scanners.push({ source, nextTarget: () => this.member(false) });
    }
  }

  /** Each scanner is busy for 5–15 minutes somewhere in the file, enough to pass 100 targets in 10 minutes. */
  private scheduleScans(): Float64Array {
    const { random, lines } = this;
    const flowsPerScanner = Math.max(MIN_FLOWS_PER_SCANNER, Math.round((lines * SCAN_SHARE) / MEMBER_SCANNERS));
    const slots: number[] = [];
    this.scanners.forEach((_, scanner) => {
      const span = Math.min(lines, random.between(300, 900) * FLOWS_PER_SECOND);
      const first = random.below(lines - span + 1);
      for (let i = 0; i < flowsPerScanner; i++) slots.push((first + random.below(span)) * 128 + scanner);
    });
    return Float64Array.from(slots).sort();
  }

  private scannerFlow(scanner: Scanner, start: number): void {
    const { random } = this;
    const target = scanner.nextTarget();
    const probe = random.next() < 0.9;
    const [from, to] = probe ? [scanner.source, target] : [target, scanner.source];
    const ephemeral = random.between(32768, 60999);
    this.fill(start, 0, "TCP", from, probe ? ephemeral : 22, to, probe ? 22 : ephemeral);
    const flow = this.flow;
    if (probe) {
      flow.tcpFlags = TcpFlag.SYN;
      flow.packets = random.next() < 0.15 ? 2 : 1;
      flow.durationMs = flow.packets === 2 ? 1000 : 0;
      flow.bytes = flow.packets * (from.ipv6 ? 80 : 60);
    } else {
      flow.tcpFlags = TcpFlag.RST | TcpFlag.ACK;
      flow.packets = 1;
      flow.bytes = from.ipv6 ? 60 : 40;
    }
  }

  private backgroundFlow(start: number): void {
    const { random } = this;
    const ipv6 = random.next() < IPV6_SHARE;
    const ephemeral = random.between(32768, 60999);
    const kind = random.next();
    if (kind < 0.4) this.serviceFlow(start, this.outside(ipv6), ephemeral, this.member(ipv6));
    else if (kind < 0.75) this.serviceFlow(start, this.member(ipv6), ephemeral, this.outside(ipv6));
    else if (kind < 0.87) this.serviceFlow(start, this.outside(ipv6), ephemeral, this.outside(ipv6));
    else if (kind < 0.92) {
      // The client pool has its own mix of IPv4 and IPv6.
      const client = random.pick(this.sshClients);
      this.sshFlow(start, client.host, ephemeral, random.pick(client.servers), 22);
    } else if (kind < 0.95) {
      this.sshFlow(start, this.sshServer(ipv6), 22, this.outside(ipv6), ephemeral);
    } else {
      this.sshFlow(start, this.outside(ipv6), ephemeral, this.sshServer(ipv6), 22);
    }
  }

  private member(ipv6: boolean): Endpoint {
    return this.activeHost("member", ipv6);
  }

  private outside(ipv6: boolean): Endpoint {
    return this.activeHost("outside", ipv6);
  }

  /** A popular host more often than not (squaring skews the pick towards the front of the list). */
  private activeHost(side: "member" | "outside", ipv6: boolean): Endpoint {
    const random = this.random;
    if (random.next() < LONG_TAIL_SHARE) return this.freshHost(side, ipv6);
    const hosts = this.activeHosts[side][ipv6 ? "ipv6" : "ipv4"];
    const r = random.next();
    return hosts[Math.floor(hosts.length * r * r)]!;
  }

  private freshHost(side: "member" | "outside", ipv6: boolean): Endpoint {
    const members = this.members;
    if (side === "member") return ipv6 ? this.v6(members.memberIpv6()) : this.v4(members.memberIpv4());
    return ipv6 ? this.v6(members.outsideIpv6()) : this.v4(members.outsideIpv4());
  }

  private sshServer(ipv6: boolean): Endpoint {
    return this.random.pick(ipv6 ? this.sshServers.ipv6 : this.sshServers.ipv4);
  }

  private serviceFlow(start: number, from: Endpoint, fromPort: number, to: Endpoint): void {
    const { random } = this;
    if (random.next() < 0.3) {
      this.fill(start, random.below(200), "UDP", from, fromPort, to, random.pick(UDP_PORTS));
      this.flow.tcpFlags = 0;
      this.flow.packets = random.between(1, 4);
      this.flow.bytes = this.flow.packets * random.between(60, 512);
      return;
    }
    this.fill(start, random.below(30_000), "TCP", from, fromPort, to, random.pick(WEB_PORTS));
    this.flow.tcpFlags = random.next() < 0.9 ? SESSION_FLAGS : TcpFlag.ACK | TcpFlag.PSH;
    this.flow.packets = random.between(3, 400);
    this.flow.bytes = this.flow.packets * random.between(52, 1400);
  }

  /** A login or a transfer (some failed attempts): never 20 sessions to one server in 10 minutes. */
  private sshFlow(start: number, from: Endpoint, fromPort: number, to: Endpoint, toPort: number): void {
    const { random } = this;
    const failed = random.next() < 0.05;
    this.fill(start, failed ? 0 : random.below(600_000), "TCP", from, fromPort, to, toPort);
    this.flow.tcpFlags = failed ? TcpFlag.SYN : SESSION_FLAGS;
    this.flow.packets = failed ? 1 : random.between(12, 5_000);
    this.flow.bytes = this.flow.packets * random.between(60, 1200);
  }

  private fill(
    start: number,
    durationMs: number,
    protocol: "TCP" | "UDP",
    from: Endpoint,
    srcPort: number,
    to: Endpoint,
    dstPort: number,
  ): void {
    const flow = this.flow;
    flow.start = start;
    flow.durationMs = durationMs;
    flow.protocol = protocol;
    flow.ipv6 = from.ipv6;
    flow.srcIpv4 = from.ipv4;
    flow.dstIpv4 = to.ipv4;
    flow.srcAddr = from.text;
    flow.dstAddr = to.text;
    flow.srcPort = srcPort;
    flow.dstPort = dstPort;
  }

  private ipv4Sweep(): () => Endpoint {
    let next = this.members.outsideIpv4();
    return () => {
      next = (next + 1) >>> 0;
      return this.v4(next);
    };
  }

  private ipv6Sweep(): () => Endpoint {
    const network = this.members.outsideIpv6();
    let host = 0;
    return () => this.v6([network[0], network[1], 0, ++host]);
  }

  private v4(address: number): Endpoint {
    return { ipv6: false, ipv4: address, text: formatIpv4(address) };
  }

  private v6(words: Ipv6Words): Endpoint {
    return { ipv6: true, ipv4: 0, text: formatIpv6(words) };
  }
}
