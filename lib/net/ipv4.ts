/**
 * Parses a strict dotted quad ("192.0.2.1") into an unsigned 32-bit number without
 * allocating. Returns -1 for anything else, including leading zeros ("010.0.0.1"),
 * which inet_aton would read as octal.
 */
export function parseIpv4(text: string): number {
  const length = text.length;
  if (length < 7 || length > 15) return -1;
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      if (digits === 1 && octet === 0) return -1;
      octet = octet * 10 + (code - 48);
      if (octet > 255) return -1;
      digits++;
    } else if (code === 46) {
      if (digits === 0 || dots === 3) return -1;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else {
      return -1;
    }
  }
  if (digits === 0 || dots !== 3) return -1;
  return value * 256 + octet;
}

export function formatIpv4(value: number): string {
  return `${value >>> 24}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
}
