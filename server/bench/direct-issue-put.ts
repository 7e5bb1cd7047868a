import { createNodeResolver, createPinnedAgentPool, createSafeFetch } from '../src/net/index';

/** Where the direct side of the update figure sends its PUT: the fake Jira's issue, its CA and DNS, a PAT. */
export interface DirectIssueTarget {
  issueUrl: string;
  ca: string;
  dnsServer: string;
  pat: string;
}

/**
 * The update figure's direct side: the issue PUT sent straight to the fake Jira through the same
 * egress client and pinned keep-alive pool the companion uses, so only the companion's own work differs.
 */
export function directIssuePut(target: DirectIssueTarget): () => Promise<void> {
  const send = createSafeFetch({
    policy: { resolver: createNodeResolver({ servers: [target.dnsServer] }), approvedEntries: ['127.0.0.0/24'], allowHttpForApproved: false, ownAddresses: [] },
    ca: target.ca,
    agents: createPinnedAgentPool({ ca: target.ca }),
  });
  return async () => {
    const result = await send(target.issueUrl, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fields: { summary: 'Bench finding' } }),
      credentialHeaders: { authorization: `Bearer ${target.pat}` },
      redirect: 'refuse',
    });
    if (result.kind !== 'response' || result.status !== 204) throw new Error(`direct PUT failed: ${result.kind}`);
  };
}
