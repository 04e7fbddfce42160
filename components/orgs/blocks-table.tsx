import Link from "next/link";
import { removeBlockAction } from "@/app/(analyst)/organisations/[slug]/actions";
import { type BlockOverlap, overlapRelation } from "@/lib/orgs/block-overlap";
import { RowActionButton } from "./row-action-button";

export interface BlockRow {
  id: string;
  network: string;
  description: string | null;
  createdAt: Date;
}

export function BlocksTable({
  blocks,
  overlaps,
  organisationId,
  slug,
}: {
  blocks: BlockRow[];
  overlaps: Map<string, BlockOverlap[]>;
  organisationId: string;
  slug: string;
}) {
  return (
    <div
      className="relative overflow-x-auto rounded-lg border border-slate-200"
      tabIndex={0}
      role="region"
      aria-label="Address blocks (scrolls sideways)"
    >
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Address blocks</caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            <th scope="col" className="px-3 py-2">
              Block
            </th>
            <th scope="col" className="px-3 py-2">
              Description
            </th>
            <th scope="col" className="px-3 py-2">
              Overlaps
            </th>
            <th scope="col" className="px-3 py-2">
              Added
            </th>
            <th scope="col" className="px-3 py-2">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {blocks.map((block) => {
            const found = overlaps.get(block.id) ?? [];
            return (
              <tr key={block.id} className="border-t border-slate-100 align-top" data-testid="block-row">
                <th scope="row" className="px-3 py-2 font-mono text-xs font-medium">
                  {block.network}
                </th>
                <td className="px-3 py-2">{block.description ?? "—"}</td>
                <td className="px-3 py-2 text-xs">
                  {found.length === 0
                    ? "—"
                    : found.map((overlap) => (
                        <p key={overlap.blockId} className="text-amber-900">
                          <span aria-hidden="true">⚠ </span>
                          <span className="sr-only">Warning: </span>
                          {overlapRelation(overlap)}{" "}
                          <Link href={`/organisations/${overlap.organisationSlug}`} className="underline">
                            {overlap.organisationName}
                          </Link>
                        </p>
                      ))}
                </td>
                <td className="whitespace-nowrap px-3 py-2 tabular-nums">
                  {block.createdAt.toISOString().slice(0, 10)}
                </td>
                <td className="px-3 py-2 text-right">
                  <RowActionButton
                    action={removeBlockAction}
                    fields={{ organisationId, slug, blockId: block.id }}
                    label="Remove"
                    accessibleLabel={`Remove ${block.network}`}
                    variant="danger"
                    confirm={`Remove ${block.network}? Flows from it will no longer raise incidents for this organisation.`}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
