/**
 * Hard-wraps prose at `width` columns (the default templates are written at 80), keeping
 * existing line breaks; a word longer than the line (a URL) gets a line of its own, unbroken.
 */
export function wrapText(text: string, width = 78): string {
  return text
    .split("\n")
    .map((line) => {
      const words = line.split(/ +/).filter((word) => word !== "");
      const lines: string[] = [];
      let current = "";
      for (const word of words) {
        if (current && current.length + 1 + word.length > width) {
          lines.push(current);
          current = word;
        } else current = current ? `${current} ${word}` : word;
      }
      lines.push(current);
      return lines.join("\n");
    })
    .join("\n");
}
