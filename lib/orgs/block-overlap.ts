/** How a block relates to other organisations' blocks; pure, so forms in the browser can use it too. */

/** Another organisation's block that shares addresses with the one in question. */
export interface BlockOverlap {
  blockId: string;
  network: string;
  organisationId: string;
  organisationName: string;
  organisationSlug: string;
  /** "inside": the block in question lies inside theirs; "contains": it holds theirs; "same": identical. */
  relation: "inside" | "contains" | "same";
}

/** "lies inside 198.18.0.0/16 of", to be followed by the organisation's name. */
export function overlapRelation(overlap: BlockOverlap): string {
  const where =
    overlap.relation === "inside" ? "lies inside" : overlap.relation === "contains" ? "contains" : "is the same as";
  return `${where} ${overlap.network} of`;
}

/** "lies inside 198.18.0.0/16 of Riverside Research Institute" */
export function describeOverlap(overlap: BlockOverlap): string {
  return `${overlapRelation(overlap)} ${overlap.organisationName}`;
}
