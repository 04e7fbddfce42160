/** A moment shown in UTC ("2027-01-09 02:12:41 UTC"), machine-readable in `dateTime`. */
export function UtcTime({ value, withSeconds = true }: { value: Date; withSeconds?: boolean }) {
  const iso = value.toISOString();
  return (
    <time
      dateTime={iso}
      className="tabular-nums"
    >{`${iso.slice(0, 10)} ${iso.slice(11, withSeconds ? 19 : 16)} UTC`}</time>
  );
}
