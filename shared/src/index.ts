export * from './blocked-codes';
export * from './target-record';
export * from './scopes';
export * from './revoke-paths';
export * from './evaluate-readiness';
export * from './api-error';
export * from './forge-remote-contract';
export * from './free-text';
