import type { Tlp } from "@/lib/generated/prisma/enums";
import { TLP_MEANING, tlpLabel } from "@/lib/tlp/tlp";

/**
 * FIRST's TLP 2.0 colours: the label in its colour on black (contrast 9:1 or more for every
 * label), and always the words, never the colour alone.
 */
const TLP_TEXT: Record<Tlp, string> = {
  CLEAR: "text-white",
  GREEN: "text-[#33FF00]",
  AMBER: "text-[#FFC000]",
  AMBER_STRICT: "text-[#FFC000]",
  RED: "text-[#FF2B2B]",
};

export function TlpBadge({ tlp, explain = false }: { tlp: Tlp; explain?: boolean }) {
  return (
    <span className="inline-flex items-center gap-2" data-testid="tlp">
      <span
        className={`inline-flex rounded bg-black px-2 py-0.5 font-mono text-xs font-bold tracking-wide ${TLP_TEXT[tlp]}`}
        title={TLP_MEANING.en[tlp]}
      >
        {tlpLabel(tlp)}
      </span>
      {explain ? <span className="text-sm text-slate-700">{TLP_MEANING.en[tlp]}</span> : null}
    </span>
  );
}
