/** Every operation of /api/v1, in the order the reference lists them. */
import type { ApiOperation } from "../api-operation";
import { openApiDocument } from "./openapi";
import { createContactRequest, listContactRequests } from "./contact-requests";
import {
  addIncidentNoteOperation,
  assignIncidentOperation,
  changeIncidentStatus,
  downloadEvidence,
  exportIncidentsCsvOperation,
  getIncident,
  getIncidentTimeline,
  listIncidents,
} from "./incidents";
import { resolveIncidentOperation, respondToIncidentOperation } from "./institution-responses";
import { exportIncident, exportIncidents } from "./exports";
import { getFlowRun, listIngestRuns, sendFlows } from "./ingest";
import { listNotifications } from "./notifications";
import { getOrganisation, listOrganisations } from "./organisations";

export const API_OPERATIONS: readonly ApiOperation[] = [
  listIncidents,
  exportIncidentsCsvOperation,
  getIncident,
  getIncidentTimeline,
  downloadEvidence,
  changeIncidentStatus,
  assignIncidentOperation,
  addIncidentNoteOperation,
  respondToIncidentOperation,
  resolveIncidentOperation,
  exportIncident,
  exportIncidents,
  listOrganisations,
  getOrganisation,
  listContactRequests,
  createContactRequest,
  listIngestRuns,
  sendFlows,
  getFlowRun,
  listNotifications,
  openApiDocument,
];
