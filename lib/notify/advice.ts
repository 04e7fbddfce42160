import type { IncidentType } from "@/lib/generated/prisma/enums";
import { type LanguageCode, languageOr } from "@/lib/i18n/languages";

/** What we ask a member to do about a host of theirs that scans for, or guesses, SSH logins. */
const SSH_ADVICE: Record<LanguageCode, string> = {
  en: `What we ask you to do
1. Stop the traffic: block outbound SSH (22/tcp) from {{sourceIp}} at your border
   until the host is cleaned.
2. Find the machine. If {{sourceIp}} is a NAT gateway, proxy or VPN concentrator, use
   its translation or session logs for the times above to find the inside host.
3. On that machine, find the process sending the connections, the account it runs
   as, and the program file it was started from. They show how far the intruder got.
4. Work out how it got in. Most often a guessable password on an account reachable
   over SSH was found by exactly this kind of scan from somewhere else. If the
   intruder gained root, do not trust the machine's own logs; use network records.
5. Check the passwords of every account on the host with a password auditing tool,
   and replace weak or shared ones.
6. Fix the cause (missing patch, password policy, exposed service) and check other
   systems built the same way for the same weakness.`,
  de: `Unsere Empfehlungen
1. Unterbinden Sie den Datenverkehr: Sperren Sie ausgehende SSH-Verbindungen
   (22/tcp) von {{sourceIp}} an Ihrem Netzübergang, bis das System bereinigt ist.
2. Ermitteln Sie das betroffene System. Ist {{sourceIp}} ein NAT-Gateway, ein Proxy
   oder ein VPN-Konzentrator, finden Sie das interne System anhand der NAT- bzw.
   Sitzungsprotokolle für die oben genannten Zeiten.
3. Ermitteln Sie auf diesem System den Prozess, der die Verbindungen aufbaut, das
   Benutzerkonto, unter dem er läuft, und die Programmdatei, aus der er gestartet
   wurde. Daran erkennen Sie, wie weit der Angreifer gekommen ist.
4. Klären Sie den Angriffsweg. Meist wurde ein leicht zu erratendes Passwort eines
   per SSH erreichbaren Kontos durch genau solche Scans von anderer Stelle aus
   gefunden. Hat der Angreifer Root-Rechte erlangt, vertrauen Sie den Protokollen
   des Systems selbst nicht mehr, sondern stützen Sie sich auf Netzwerkdaten.
5. Prüfen Sie die Passwörter aller Konten auf dem System mit einem Werkzeug zur
   Passwortprüfung und ersetzen Sie schwache oder mehrfach genutzte Passwörter.
6. Beheben Sie die Ursache (fehlendes Sicherheitsupdate, Passwortrichtlinie, offen
   erreichbarer Dienst) und prüfen Sie gleichartig aufgesetzte Systeme auf
   dieselbe Schwachstelle.`,
};

const GENERIC_ADVICE: Record<LanguageCode, string> = {
  en: "Please find the host behind {{sourceIp}}, stop the activity, and tell us what you found.",
  de: "Bitte ermitteln Sie das System hinter {{sourceIp}}, unterbinden Sie die Aktivität und teilen Sie uns Ihre Erkenntnisse mit.",
};

/** The advice for this kind of incident, in the notice's language (English for one we have no words in). */
export function adviceFor(type: IncidentType, language: string = "en"): string {
  const code = languageOr(language);
  return type === "SSH_SCAN" || type === "SSH_BRUTE_FORCE_REPORT" ? SSH_ADVICE[code] : GENERIC_ADVICE[code];
}
