/**
 * Folds the rows of the organisations CSV into organisations: rows naming the same
 * organisation unite their blocks and contacts; conflicting single values are errors.
 * Checks that need the whole file (a block given to two organisations, nested blocks,
 * slugs) run in finish().
 */
import type { Cidr } from "../net";
import { findNestedBlocksOfDifferentOwners } from "./block-overlaps";
import type { CsvIssues } from "./csv-issues";
import { organisationKey, slugFromName } from "./field-values";
import type { TContactImport, TNotificationPolicy, TOrgImport } from "./organisation-import";

/** One row's values that passed their own checks (a bad cell is simply absent here). */
export interface OrganisationRow {
  line: number;
  name: string;
  slug: string | null;
  country: string | null;
  notificationPolicy: TNotificationPolicy | null;
  blocks: Cidr[];
  contact: TContactImport | null;
}

interface Sourced<T> {
  value: T;
  line: number;
}

interface OrganisationDraft {
  name: string;
  firstLine: number;
  slug: Sourced<string> | null;
  country: Sourced<string> | null;
  notificationPolicy: Sourced<TNotificationPolicy> | null;
  blocks: Map<string, Sourced<Cidr>>;
  contacts: Map<string, Sourced<TContactImport>>;
}

export class OrganisationMerge {
  private readonly drafts = new Map<string, OrganisationDraft>();
  /** Canonical block → the organisation that listed it first. */
  private readonly blockOwners = new Map<string, { draft: OrganisationDraft; line: number }>();

  constructor(private readonly issues: CsvIssues) {}

  add(row: OrganisationRow): void {
    const draft = this.draftFor(row);
    this.mergeSingleValue(draft, "slug", row.slug, row.line);
    this.mergeSingleValue(draft, "country", row.country, row.line);
    this.mergeSingleValue(draft, "notificationPolicy", row.notificationPolicy, row.line);
    for (const cidr of row.blocks) this.addBlock(draft, cidr, row.line);
    if (row.contact !== null) this.addContact(draft, row.contact, row.line);
  }

  finish(): TOrgImport[] {
    this.warnAboutNestedBlocks();
    const organisations: TOrgImport[] = [];
    const slugOwners = new Map<string, OrganisationDraft>();
    for (const draft of this.drafts.values()) {
      const slug = draft.slug?.value ?? slugFromName(draft.name);
      const slugLine = draft.slug?.line ?? draft.firstLine;
      if (slug === "") {
        this.issues.error(
          draft.firstLine,
          `no slug can be made from the name "${draft.name}"; fill in the slug column`,
        );
      } else {
        const holder = slugOwners.get(slug);
        if (holder === undefined) slugOwners.set(slug, draft);
        else {
          this.issues.error(
            slugLine,
            `slug "${slug}" of "${draft.name}" is already used by "${holder.name}" (line ${holder.slug?.line ?? holder.firstLine}); give one of them another slug`,
          );
        }
      }
      organisations.push({
        name: draft.name,
        slug,
        country: draft.country?.value ?? null,
        notificationPolicy: draft.notificationPolicy?.value ?? null,
        blocks: [...draft.blocks.keys()],
        contacts: [...draft.contacts.values()].map((contact) => contact.value),
      });
    }
    return organisations;
  }

  private draftFor(row: OrganisationRow): OrganisationDraft {
    const key = organisationKey(row.name);
    const existing = this.drafts.get(key);
    if (existing !== undefined) {
      if (existing.name !== row.name) {
        this.issues.warn(
          row.line,
          `"${row.name}" is taken to be "${existing.name}" (line ${existing.firstLine}), spelt differently; the first spelling is kept`,
        );
      }
      return existing;
    }
    const draft: OrganisationDraft = {
      name: row.name,
      firstLine: row.line,
      slug: null,
      country: null,
      notificationPolicy: null,
      blocks: new Map(),
      contacts: new Map(),
    };
    this.drafts.set(key, draft);
    return draft;
  }

  private mergeSingleValue<K extends "slug" | "country" | "notificationPolicy">(
    draft: OrganisationDraft,
    field: K,
    value: NonNullable<OrganisationDraft[K]>["value"] | null,
    line: number,
  ): void {
    if (value === null) return;
    const current = draft[field];
    if (current === null) {
      draft[field] = { value, line } as OrganisationDraft[K];
      return;
    }
    if (current.value !== value) {
      const column = field === "notificationPolicy" ? "notification_policy" : field;
      this.issues.error(
        line,
        `${column} "${value}" for "${draft.name}" conflicts with "${current.value}" on line ${current.line}`,
      );
    }
  }

  private addBlock(draft: OrganisationDraft, cidr: Cidr, line: number): void {
    const owner = this.blockOwners.get(cidr.cidr);
    if (owner === undefined) {
      this.blockOwners.set(cidr.cidr, { draft, line });
      draft.blocks.set(cidr.cidr, { value: cidr, line });
    } else if (owner.draft !== draft) {
      this.issues.error(
        line,
        `block ${cidr.cidr} is given to both "${owner.draft.name}" (line ${owner.line}) and "${draft.name}"; a block belongs to one organisation`,
      );
    }
  }

  private addContact(draft: OrganisationDraft, contact: TContactImport, line: number): void {
    const first = draft.contacts.get(contact.email);
    if (first === undefined) {
      draft.contacts.set(contact.email, { value: contact, line });
      return;
    }
    this.issues.warn(
      line,
      `contact ${contact.email} of "${draft.name}" is already listed on line ${first.line}; the first is kept and this one ignored`,
    );
  }

  private warnAboutNestedBlocks(): void {
    const owned = [...this.drafts.values()].flatMap((draft) =>
      [...draft.blocks.values()].map((block) => ({ cidr: block.value, owner: draft, line: block.line })),
    );
    for (const { outer, inner } of findNestedBlocksOfDifferentOwners(owned)) {
      this.issues.warn(
        Math.max(inner.line, outer.line),
        `block ${inner.cidr.cidr} of "${inner.owner.name}" lies inside ${outer.cidr.cidr} of "${outer.owner.name}" ` +
          `(lines ${inner.line} and ${outer.line}); its addresses count as "${inner.owner.name}" (the longer prefix wins)`,
      );
    }
  }
}
