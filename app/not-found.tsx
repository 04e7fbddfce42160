import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-lg p-10">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="mt-3 text-slate-700">There is nothing here, or nothing you can see.</p>
      <Link href="/" className="mt-6 inline-block text-sky-700 underline">Go to your home page</Link>
    </main>
  );
}
