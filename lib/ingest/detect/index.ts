export {
  SshScanDetector,
  type DetectedActivity,
  type DetectorStats,
  type SshScanDetectorOptions,
  type ActivityKind,
} from "./ssh-scan-detector";
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
