/** The revoke path in words: where, the steps, and the link when there is one. */
export function RevokeWhere(props: { revoke: { where: string; url?: string | undefined; steps: string } | null }) {
  if (!props.revoke) return <>Not recorded yet (no credential stored).</>;
  return (
    <>
      {props.revoke.where}: {props.revoke.steps}
      {props.revoke.url ? (
        <>
          {' '}
          <a href={props.revoke.url} rel="noreferrer">
            {props.revoke.url}
          </a>
        </>
      ) : null}
    </>
  );
}
