export {
  SshScanDetector,
  activityKind,
  type DetectedActivity,
  type DetectorStats,
  type SshScanDetectorOptions,
  type ActivityKind,
  type DetectorState,
  type SuppressionHit,
  DETECTOR_STATE_VERSION,
} from "./ssh-scan-detector";
export { FlowKeyer, keysFromBytes, keysToBytes } from "./flow-key";
export type { LedgerSummary } from "./flow-ledger";
export { KeyTable } from "./key-table";
export { FlowColumns } from "./flow-columns";
export {
  DEFAULT_DETECTION_SETTINGS,
  resolveDetectionSettings,
  validateDetectionSettings,
  type DetectionSettings,
} from "./settings";
export { AllowList, type AllowListEntry } from "./allow-list";
export { FlowShape, flowShape } from "./flow-shape";
export type { QualificationReason } from "./source-window";
export { formatFlowLine, formatLogSample, summarySentence, flowsToCsv, formatTcpFlags } from "./sample";
