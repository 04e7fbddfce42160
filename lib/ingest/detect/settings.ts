export interface DetectionSettings {
  /** Destination TCP ports watched (default [22]). */
  ports: number[];
  /** N: distinct destinations inside one window that make a source a scanner. */
  minDistinctTargets: number;
  /** W: sliding window length. */
  windowMinutes: number;
  /** K: flows kept for each of the sample's head and tail. */
  sampleSize: number;
  /** Most flows kept as evidence per detected source (the counts are not capped by it). */
  evidenceCap: number;
  /** M: session-like flows to ONE destination inside one window that make a source a brute-forcer. */
  bruteForceMinSessions: number;
  /** Packet range of a session-like flow (a login attempt that got as far as authentication). */
  bruteForceMinPackets: number;
  bruteForceMaxPackets: number;
  /** A flow of at most this many packets is a probe (SSHCure uses 2). */
  scanMaxPackets: number;
  /** Exact distinct-target counting stops here (memory guard); the result is then flagged as capped. */
  maxTrackedTargets: number;
  /** Two flows with the same tuple whose starts differ by less than this are one flow delivered twice. */
  repeatToleranceSeconds: number;
  /** How late a file of a stream may arrive and still join the stream's windows. */
  lateToleranceMinutes: number;
}

export const DEFAULT_DETECTION_SETTINGS: Readonly<DetectionSettings> = Object.freeze({
  ports: [22],
  minDistinctTargets: 100,
  windowMinutes: 10,
  sampleSize: 10,
  evidenceCap: 5_000,
  bruteForceMinSessions: 20,
  bruteForceMinPackets: 11,
  bruteForceMaxPackets: 51,
  scanMaxPackets: 2,
  maxTrackedTargets: 1_000_000,
  repeatToleranceSeconds: 1,
  lateToleranceMinutes: 10,
});

/** Fills gaps from the defaults and validates; throws RangeError naming the bad setting. */
export function resolveDetectionSettings(overrides: Partial<DetectionSettings> = {}): DetectionSettings {
  const settings: DetectionSettings = {
    ...DEFAULT_DETECTION_SETTINGS,
    ...overrides,
    ports: [...(overrides.ports ?? DEFAULT_DETECTION_SETTINGS.ports)],
  };
  validateDetectionSettings(settings);
  return settings;
}

export function validateDetectionSettings(settings: DetectionSettings): void {
  if (settings.ports.length === 0) throw new RangeError("ports: at least one port is required.");
  for (const port of settings.ports) {
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw new RangeError(`ports: ${port} is not a TCP port (1 to 65535).`);
    }
  }
  requireInteger(settings, "minDistinctTargets", 1);
  requireInteger(settings, "sampleSize", 0);
  requireInteger(settings, "evidenceCap", 0);
  requireInteger(settings, "bruteForceMinSessions", 1);
  requireInteger(settings, "bruteForceMinPackets", 1);
  requireInteger(settings, "bruteForceMaxPackets", settings.bruteForceMinPackets);
  requireInteger(settings, "scanMaxPackets", 0);
  requireInteger(settings, "maxTrackedTargets", settings.minDistinctTargets);
  if (!(Number.isFinite(settings.windowMinutes) && settings.windowMinutes > 0)) {
    throw new RangeError(`windowMinutes: ${settings.windowMinutes} must be a positive number of minutes.`);
  }
  if (!(Number.isFinite(settings.repeatToleranceSeconds) && settings.repeatToleranceSeconds > 0)) {
    throw new RangeError(
      `repeatToleranceSeconds: ${settings.repeatToleranceSeconds} must be a positive number of seconds.`,
    );
  }
  if (!(Number.isFinite(settings.lateToleranceMinutes) && settings.lateToleranceMinutes >= 0)) {
    throw new RangeError(
      `lateToleranceMinutes: ${settings.lateToleranceMinutes} must be zero or a positive number of minutes.`,
    );
  }
}

type IntegerSetting = {
  [K in keyof DetectionSettings]: DetectionSettings[K] extends number ? K : never;
}[keyof DetectionSettings];

function requireInteger(settings: DetectionSettings, name: IntegerSetting, minimum: number): void {
  const value = settings[name];
  if (!Number.isInteger(value) || value < minimum) {
    throw new RangeError(`${name}: ${value} must be a whole number of at least ${minimum}.`);
  }
}
