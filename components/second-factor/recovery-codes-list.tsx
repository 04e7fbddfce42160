/** Recovery codes, shown once: the person writes them down or stores them in a password manager. */
export function RecoveryCodesList({ codes }: { codes: string[] }) {
  return (
    <div className="space-y-3" data-testid="recovery-codes">
      <p className="text-sm text-slate-700">
        Keep these recovery codes somewhere safe, such as your password manager. Each works once, if you lose your phone
        or passkey. They will not be shown again.
      </p>
      <ul className="grid grid-cols-2 gap-2 rounded-md border border-slate-200 bg-slate-50 p-3 font-mono text-sm sm:grid-cols-5">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
    </div>
  );
}
