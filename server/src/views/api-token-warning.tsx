/** Atlassian's own caution about API tokens, shown wherever one can be chosen or entered. */
export function ApiTokenWarning() {
  return (
    <div class="notice warn">
      <p>
        <strong>Atlassian discourages API tokens for apps.</strong> A token carries the whole account's access, and it expires within a year (Atlassian limits
        every API token to at most a year), so this target will block when it does. Prefer the Forge app.
      </p>
    </div>
  );
}
