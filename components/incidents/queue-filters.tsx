import Link from "next/link";
import { buttonClassName } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { OrganisationFilterField } from "./organisation-filter-field";
import { SelectField } from "@/components/ui/select-field";
import { IncidentStatus, IncidentType } from "@/lib/generated/prisma/enums";
import { defaultDirection, DEFAULT_PAGE_SIZE, SEARCH_HELP, type TIncidentQuery } from "@/lib/incidents/incident-query";
import { TYPE_LABEL } from "@/lib/incidents/incident-labels";
import { STATUS_LABEL } from "@/lib/incidents/status-labels";

/** A plain GET form: applying filters is a navigation, so the URL holds the whole view. */
export function QueueFilters({
  query,
  organisationName,
  assignees,
  searchError,
}: {
  query: TIncidentQuery;
  /** The name of the organisation the view is filtered to, once looked up. */
  organisationName?: string;
  assignees: Array<{ id: string; name: string }>;
  searchError?: string;
}) {
  return (
    <form
      method="get"
      action="/incidents"
      role="search"
      aria-label="Filter incidents"
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
    >
      <div className="grid gap-4 md:grid-cols-2 lg:grid-cols-4">
        <div className="md:col-span-2">
          <Field
            id="q"
            name="q"
            label="Search"
            defaultValue={query.q}
            placeholder="192.0.2.45, 192.0.2.0/24 or #1234"
            hint={SEARCH_HELP}
            error={searchError}
            autoComplete="off"
            spellCheck={false}
          />
        </div>
        <SelectField id="type" name="type" label="Type" defaultValue={query.type ?? ""}>
          <option value="">Any type</option>
          {Object.values(IncidentType).map((type) => (
            <option key={type} value={type}>
              {TYPE_LABEL[type]}
            </option>
          ))}
        </SelectField>
        <OrganisationFilterField defaultValue={organisationName ?? query.organisation ?? ""} />
        <SelectField id="assignee" name="assignee" label="Assignee" defaultValue={query.assignee ?? ""}>
          <option value="">Anyone or no one</option>
          <option value="me">Me</option>
          <option value="unassigned">Unassigned</option>
          {assignees.map((user) => (
            <option key={user.id} value={user.id}>
              {user.name}
            </option>
          ))}
        </SelectField>
        {/* Text, not type="date": one Tab stop each instead of three, and the same YYYY-MM-DD the URL shows. */}
        <Field
          id="from"
          name="from"
          label="Last seen from (UTC)"
          placeholder="YYYY-MM-DD"
          inputMode="numeric"
          autoComplete="off"
          defaultValue={query.lastSeenFrom ?? ""}
        />
        <Field
          id="to"
          name="to"
          label="Last seen to (UTC, inclusive)"
          placeholder="YYYY-MM-DD"
          inputMode="numeric"
          autoComplete="off"
          defaultValue={query.lastSeenTo ?? ""}
        />
        <fieldset className="md:col-span-2 lg:col-span-1">
          <legend className="text-sm font-medium text-slate-800">Status</legend>
          <input type="hidden" name="status" value="all" />
          <div className="mt-1 grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
            {Object.values(IncidentStatus).map((status) => (
              <label key={status} className="flex items-center gap-2">
                <input
                  type="checkbox"
                  name="status"
                  value={status}
                  defaultChecked={query.statuses.includes(status)}
                  className="size-4 accent-sky-700"
                />
                {STATUS_LABEL[status]}
              </label>
            ))}
          </div>
          <label className="mt-2 flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              name="attention"
              value="1"
              defaultChecked={query.needsAttention}
              className="size-4 accent-sky-700"
            />
            Needs attention only
          </label>
        </fieldset>
      </div>
      {query.run ? <input type="hidden" name="run" value={query.run} /> : null}
      {query.sort !== "lastSeen" ? <input type="hidden" name="sort" value={query.sort} /> : null}
      {query.dir !== defaultDirection(query.sort) ? <input type="hidden" name="dir" value={query.dir} /> : null}
      {query.size !== DEFAULT_PAGE_SIZE ? <input type="hidden" name="size" value={query.size} /> : null}
      <div className="flex items-center gap-3">
        <button type="submit" className={buttonClassName("primary")}>
          Apply filters
        </button>
        <Link href="/incidents" className={buttonClassName("secondary")}>
          Clear
        </Link>
      </div>
    </form>
  );
}
