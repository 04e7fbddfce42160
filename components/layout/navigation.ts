import type { NavItem } from "./main-nav";

/** The staff navigation; counts are added per request by the staff frame. */
export const STAFF_NAV: NavItem[] = [
  { href: "/", label: "Dashboard" },
  { href: "/incidents", label: "Incidents" },
  { href: "/organisations", label: "Organisations" },
  { href: "/ingest", label: "Ingest" },
  { href: "/settings", label: "Settings" },
  { href: "/outbox", label: "Outbox" },
  { href: "/templates", label: "Templates" },
  { href: "/requests", label: "Requests" },
  { href: "/mail", label: "Mail" },
  { href: "/dev/mailbox", label: "Dev mailbox" },
];

export const PORTAL_NAV: NavItem[] = [
  { href: "/portal", label: "Our incidents" },
  { href: "/portal/suppressions", label: "Suppressions" },
  { href: "/portal/contacts", label: "Contacts" },
  { href: "/portal/api-tokens", label: "API tokens" },
  { href: "/portal/data-retention", label: "Data retention" },
];
