import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Card } from "@/components/ui/card";
import { isStaff } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { pageUser } from "@/lib/http/page-guards";
import { OPEN_STATUSES, STATUS_LABEL } from "@/lib/incidents/status-labels";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const user = await pageUser("/");
  if (!isStaff(user)) redirect("/portal");
  const [byStatus, organisations] = await Promise.all([
    db.incident.groupBy({ by: ["status"], _count: { _all: true } }),
    db.organisation.count({ where: { active: true } }),
  ]);
  const counts = new Map(byStatus.map((row) => [row.status, row._count._all]));
  const open = OPEN_STATUSES.reduce((sum, status) => sum + (counts.get(status) ?? 0), 0);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Dashboard</h1>
      <div className="grid gap-4 sm:grid-cols-3">
        <Card title="Open incidents"><p className="text-3xl font-semibold" data-testid="open-incidents">{open}</p></Card>
        <Card title="Member organisations"><p className="text-3xl font-semibold"><Link href="/organisations" className="hover:underline">{organisations}</Link></p></Card>
        <Card title="By status">
          <ul className="space-y-1 text-sm">
            {Object.entries(STATUS_LABEL).map(([status, label]) => (
              <li key={status} className="flex justify-between"><span>{label}</span><span className="tabular-nums">{counts.get(status as keyof typeof STATUS_LABEL) ?? 0}</span></li>
            ))}
          </ul>
        </Card>
      </div>
    </div>
  );
}
