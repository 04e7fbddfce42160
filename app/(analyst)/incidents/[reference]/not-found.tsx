import Link from "next/link";

export default function IncidentNotFound() {
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-semibold">No such incident</h1>
      <p className="text-slate-700">
        There is no incident with that reference. Search the queue by reference, address or block.
      </p>
      <Link href="/incidents" className="text-sky-700 underline">
        Go to the incidents
      </Link>
    </div>
  );
}
