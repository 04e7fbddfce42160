import Mustache from "mustache";

/**
 * Starting points for an analyst's message on the incident page; the analyst edits the text
 * before sending. Plain text with the incident's own values filled in (never HTML).
 */
const MESSAGE_TEMPLATES = [
  {
    key: "ask-logs",
    name: "Ask for logs",
    body: "Could you send us the logs that show what {{sourceIp}} was doing around {{lastSeen}} (UTC)? Reply to this message with the files attached (.txt, .log, .csv, .json, .gz or .pcap, up to 900 KB together).",
  },
  {
    key: "ask-progress",
    name: "Ask how it is going",
    body: "We have not seen an update on incident #{{reference}} ({{sourceIp}}) for a while. Could you tell us where things stand: is the host found, is the traffic stopped?",
  },
  {
    key: "still-active",
    name: "The activity continues",
    body: "We still see {{sourceIp}} scanning other networks for SSH, most recently at {{lastSeen}} (UTC). Please block its outbound SSH until the host is cleaned.",
  },
  {
    key: "thanks",
    name: "Thank them",
    body: "Thank you for dealing with incident #{{reference}} so quickly. Nothing more is needed from you unless we see {{sourceIp}} again.",
  },
] as const;

export interface RenderedMessageTemplate {
  key: string;
  name: string;
  body: string;
}

export function renderMessageTemplates(view: {
  reference: number;
  sourceIp: string;
  lastSeen: Date;
}): RenderedMessageTemplate[] {
  const values = {
    reference: String(view.reference),
    sourceIp: view.sourceIp,
    lastSeen: view.lastSeen.toISOString().replace("T", " ").slice(0, 16),
  };
  return MESSAGE_TEMPLATES.map((template) => ({
    key: template.key,
    name: template.name,
    body: Mustache.render(template.body, values, undefined, { escape: String }),
  }));
}
