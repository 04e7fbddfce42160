"use client";

import { useRef, useState } from "react";
import { Field } from "@/components/ui/field";

interface Suggestion {
  name: string;
  slug: string;
}

const LOOKUP_DELAY_MS = 150;

/**
 * A text field with suggestions fetched as one types: the network has a thousand members, far
 * too many for a select on every queue page. It submits what it shows (a name); the page turns
 * that into the organisation's slug, which is what shared links carry.
 */
export function OrganisationFilterField({ defaultValue }: { defaultValue: string }) {
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const latest = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  function lookUp(text: string) {
    clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      const ticket = ++latest.current;
      try {
        const response = await fetch(`/api/organisations/suggestions?q=${encodeURIComponent(text)}`, {
          headers: { accept: "application/json" },
        });
        if (!response.ok) return;
        const body = (await response.json()) as { organisations: Suggestion[] };
        if (ticket === latest.current) setSuggestions(body.organisations);
      } catch {
        // Suggestions are a convenience: typing the whole name still works.
      }
    }, LOOKUP_DELAY_MS);
  }

  return (
    <div>
      <Field
        id="org"
        name="org"
        label="Organisation"
        defaultValue={defaultValue}
        placeholder="Any organisation"
        hint="Type part of a name and pick one; empty for all."
        list="org-suggestions"
        autoComplete="off"
        spellCheck={false}
        onFocus={(event) => {
          if (suggestions.length === 0) lookUp(event.currentTarget.value);
        }}
        onInput={(event) => lookUp(event.currentTarget.value)}
      />
      <datalist id="org-suggestions" data-testid="org-suggestions">
        {suggestions.map((suggestion) => (
          <option key={suggestion.slug} value={suggestion.name} />
        ))}
      </datalist>
    </div>
  );
}
