import type { ActorKind } from "@/lib/generated/prisma/enums";

/** Who writes a timeline entry: a user (staff or institution), the worker, or a link holder. */
export interface TimelineActor {
  id?: string | null;
  /** What staff see: an e-mail address, "worker". */
  label: string;
  /** Institutions' actors say so (lib/portal/portal-caller.ts); otherwise a user is staff and no user is the system. */
  kind?: ActorKind;
}

export function actorKindOf(actor: TimelineActor): ActorKind {
  return actor.kind ?? (actor.id ? "STAFF" : "SYSTEM");
}

/** The actor columns of a timeline entry. */
export function timelineActorFields(actor: TimelineActor): {
  actorId: string | null;
  actorLabel: string;
  actorKind: ActorKind;
} {
  return { actorId: actor.id ?? null, actorLabel: actor.label, actorKind: actorKindOf(actor) };
}
