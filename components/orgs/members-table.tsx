import { readableTime } from "@/lib/time/readable-time";
import { removeMemberAction } from "@/app/(analyst)/organisations/[slug]/actions";
import { Badge } from "@/components/ui/badge";
import { RowActionButton } from "./row-action-button";

export interface MemberRow {
  createdAt: Date;
  user: { id: string; name: string; email: string; active: boolean; lastSignInAt: Date | null };
}

export function MembersTable({
  members,
  organisationId,
  slug,
}: {
  members: MemberRow[];
  organisationId: string;
  slug: string;
}) {
  return (
    <div
      className="relative overflow-x-auto rounded-lg border border-slate-200"
      tabIndex={0}
      role="region"
      aria-label="Members (scrolls sideways)"
    >
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Institution users who are members</caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            <th scope="col" className="px-3 py-2">
              Name
            </th>
            <th scope="col" className="px-3 py-2">
              E-mail
            </th>
            <th scope="col" className="px-3 py-2">
              Last sign-in
            </th>
            <th scope="col" className="px-3 py-2">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {members.map(({ user }) => (
            <tr key={user.id} className="border-t border-slate-100 align-top" data-testid="member-row">
              <th scope="row" className="px-3 py-2 font-medium">
                {user.name} {user.active ? null : <Badge>account disabled</Badge>}
              </th>
              <td className="px-3 py-2 font-mono text-xs">{user.email}</td>
              <td className="px-3 py-2 tabular-nums">
                {user.lastSignInAt ? readableTime(user.lastSignInAt) : "never"}
              </td>
              <td className="px-3 py-2 text-right">
                <RowActionButton
                  action={removeMemberAction}
                  fields={{ organisationId, slug, userId: user.id }}
                  label="Remove"
                  accessibleLabel={`Remove ${user.email} from the organisation`}
                  confirm={`Remove ${user.email}? They will no longer see this organisation's incidents.`}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
