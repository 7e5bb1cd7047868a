/**
 * Generated from the companion's served OpenAPI document (/api/v1/openapi.json) by openapi-typescript.
 * Do not edit: run `npm run generate -w client` after changing an API route or schema.
 */
export interface paths {
    "/targets/{id}/readiness": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether the target may receive tickets now: one database read, no network call (refresh=true reruns the checks, rate limited) */
        get: operations["getTargetReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/targets/{id}/metadata": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What a mapping can use: projects, and for project_key its issue types, allowed priorities and required fields (cached briefly) */
        get: operations["getTargetMetadata"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/targets/{id}/issues": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create the issue for a finding, or update the one that already carries it; idempotent by fingerprint and Idempotency-Key */
        post: operations["exportIssue"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/exports/portable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The portable fallback: findings in (NDJSON or a JSON array, streamed), a Jira CSV import file or JSON document out (streamed) */
        post: operations["exportPortable"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/targets/{id}/export-profile": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The export profile (default mapping), its mapping problem and the duplicate rule in force */
        get: operations["getExportProfile"];
        /** Save the export profile, validated against the target’s create metadata (admin) */
        put: operations["putExportProfile"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/targets/{id}/export-profile/validate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Check permissions in the profile’s project (browse, create, edit, transition) and the mapping; creates nothing (admin) */
        post: operations["validateExportProfile"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/targets/{id}/export-profile/test-issue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create one issue labelled webriskops-test with the saved profile, through the export path’s safety (admin, audited) */
        post: operations["sendTestIssue"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/targets/{id}/findings/{fingerprint}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A finding's issue and its Jira status as last told (Forge trigger, webhook, poll): one database read, no call to Jira */
        get: operations["getFindingStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/targets/{id}/issue-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The feed of status changes of the target's findings, oldest first, keyset-paginated (keep next_cursor, ask again) */
        get: operations["listIssueEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/targets/{id}/findings/{fingerprint}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move the finding's issue to a done-category status through a transition its workflow offers, with a comment */
        post: operations["resolveFindingIssue"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/targets/{id}/findings/{fingerprint}/reopen": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move the finding's issue back to a to-do or in-progress status through a transition its workflow offers, with a comment */
        post: operations["reopenFindingIssue"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/targets/{id}/status-webhook": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Data Center: the webhook URL and secret the Jira admin registers so status comes back (admin) */
        get: operations["getStatusWebhook"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/targets/{id}/status-webhook/secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Data Center: generate or rotate the webhook secret; the old one stops verifying at once (admin, audited) */
        post: operations["rotateStatusWebhookSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/jira-data-center/{targetId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Jira Data Center's admin webhook (jira:issue_updated, jira:issue_deleted) for one target; authenticated by X-Hub-Signature, not a bearer token */
        post: operations["receiveDataCenterStatusWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/targets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the workspace's targets */
        get: operations["listTargets"];
        put?: never;
        /** Start a Jira target by naming it and choosing its provider (admin) */
        post: operations["createTarget"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/targets/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read one target */
        get: operations["getTarget"];
        put?: never;
        post?: never;
        /** Disconnect: destroy the stored credential and say where to revoke it in Jira (admin) */
        delete: operations["revokeTarget"];
        options?: never;
        head?: never;
        /** Rename any target (name, unique per workspace: 409 TARGET_NAME_TAKEN); Data Center: attestations, then base_url (URL-safety checked), allowlist declaration (admin) */
        patch: operations["updateTarget"];
        trace?: never;
    };
    "/targets/{id}/draft": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a draft that holds no credential, with its pairing codes (admin); any other target answers 409 TARGET_NOT_DRAFT */
        delete: operations["deleteDraftTarget"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/targets/{id}/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The target's audit trail, oldest first */
        get: operations["listTargetAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/targets/{id}/credentials": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Store a credential, proved before it is kept; write-only (admin)
         * @description Data Center: {"pat"} once URL, ownership and network are clear. Jira Cloud API-token targets: {"site_url","email","api_token"[,"expires_at"]}; Atlassian discourages API tokens for apps (they expire within a year and carry the whole account's access): prefer the Forge app.
         */
        put: operations["setTargetCredentials"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/targets/{id}/checks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Run every check again and record each result with its time (admin) */
        post: operations["runTargetChecks"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/targets/{id}/activate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Save: make the target ready, only when readiness allows it (admin) */
        post: operations["activateTarget"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/url-checks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Judge a URL against the egress policy and the caller's approved networks (admin); opens no connection */
        post: operations["checkUrl"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        ExportReadiness: components["schemas"]["Readiness"] & {
            /**
             * @description When not ready: where the portable fallback is.
             * @example /api/v1/exports/portable
             */
            fallback?: string;
            /** @description With refresh=true: whether checks were run again (Data Center) or not (Cloud). */
            refreshed?: boolean;
            refresh_note?: string;
            /** @description The export profile's problem, separate from the setup blocked codes: exports relying on the profile answer 422 until it is fixed. */
            mapping_problem: {
                code: string;
                field: string;
                message: string;
                next_action: string;
            } | null;
        };
        Readiness: {
            target_id: string;
            ready: boolean;
            /** @enum {string} */
            state: "draft" | "ready" | "blocked" | "revoked";
            code?: string | null;
            reason?: string;
            next_action?: string;
            check?: string | null;
            evaluated_at: string;
        };
        Error: {
            error: {
                code: string;
                message: string;
                next_action: string;
            };
        };
        TargetMetadata: {
            target_id: string;
            /** @enum {string} */
            provider_key: "jira_cloud" | "jira_data_center";
            /** @enum {string} */
            api: "cloud_v3" | "data_center_v2";
            projects: components["schemas"]["JiraProject"][];
            project: components["schemas"]["JiraProject"] & ({
                issue_types: components["schemas"]["JiraIssueTypeMetadata"][];
            } | null);
            fetched_at: string;
            cached: boolean;
            max_age_seconds: number;
        };
        JiraProject: {
            id: string;
            key: string;
            name: string;
        };
        JiraIssueTypeMetadata: {
            id: string;
            name: string;
            subtask: boolean;
            priorities: {
                id: string;
                name: string;
            }[];
            default_priority_id: string | null;
            priority_settable: boolean;
            labels_settable: boolean;
            required_fields: components["schemas"]["JiraCreateField"][];
            fields: components["schemas"]["JiraCreateField"][];
        };
        JiraCreateField: {
            id: string;
            name: string;
            type: string;
            items: string | null;
            custom: string | null;
            required: boolean;
            has_default_value: boolean;
            /** @enum {string} */
            filled_by: "companion" | "mapping";
            allowed_values: components["schemas"]["JiraAllowedValue"][] | null;
        };
        JiraAllowedValue: {
            id: string;
            name: string | null;
            value: string | null;
        };
        BlockedError: {
            error: {
                /** @example PROVIDER_AUTH_REQUIRED */
                code: string;
                message: string;
                next_action: string;
                /**
                 * @description Where the portable fallback is: always available, sends nothing to Jira.
                 * @example /api/v1/exports/portable
                 */
                fallback?: string;
            };
        };
        ExportIssueResult: {
            /** @enum {string} */
            action: "created" | "updated";
            target_id: string;
            fingerprint: string;
            issue: {
                id: string;
                key: string;
                url: string;
            };
            /** @enum {string} */
            found_by: "new" | "finding_map" | "label_search" | "reconciled";
            warnings: string[];
        };
        ExportIssueRequest: {
            finding: components["schemas"]["Finding"];
            mapping?: components["schemas"]["IssueMapping"];
        };
        Finding: {
            fingerprint: string;
            title: string;
            /** @default  */
            description: string;
            /** @enum {string} */
            severity: "critical" | "high" | "medium" | "low" | "info";
            /** Format: uri */
            url: string;
            evidence?: string;
        };
        /** @description Merged over the target's export profile for this call; without a profile, project_key and issue_type_id are required. */
        IssueMapping: {
            project_key?: string;
            issue_type_id?: string;
            priority_id?: string;
            severity_priority_ids?: {
                critical?: string;
                high?: string;
                medium?: string;
                low?: string;
                info?: string;
            };
            labels?: string[];
            extra_fields?: {
                [key: string]: unknown;
            };
        };
        ExportProfileView: {
            target_id: string;
            profile: components["schemas"]["ExportProfile"];
            mapping_problem: components["schemas"]["MappingProblem"];
            problems: components["schemas"]["MappingProblem"][];
            /** @description How duplicates are found (read-only). */
            duplicate_rule: {
                label: string;
                issue_property: string;
                local_map: boolean;
                description: string;
            };
            checked_at: string | null;
            updated_at: string | null;
        };
        ExportProfile: {
            project_key: string;
            issue_type_id: string;
            priority_id?: string;
            severity_priority_ids?: {
                critical?: string;
                high?: string;
                medium?: string;
                low?: string;
                info?: string;
            };
            /** @default [] */
            labels: string[];
            /** @default {} */
            extra_fields: {
                [key: string]: unknown;
            };
        } | null;
        /** @description The first problem the last save, validation or re-check found; null: it fits. */
        MappingProblem: {
            /** @enum {string} */
            code: "MAPPING_PROJECT_UNAVAILABLE" | "MAPPING_ISSUE_TYPE_UNAVAILABLE" | "MAPPING_PRIORITY_UNAVAILABLE" | "MAPPING_FIELD_REQUIRED" | "MAPPING_FIELD_INVALID" | "MAPPING_LABELS_UNAVAILABLE" | "EXPORT_PROFILE_MISSING";
            field: string;
            message: string;
            next_action: string;
        } | null;
        MappingError: {
            error: {
                code: string;
                message: string;
                next_action: string;
                details?: {
                    /** @enum {string} */
                    code: "MAPPING_PROJECT_UNAVAILABLE" | "MAPPING_ISSUE_TYPE_UNAVAILABLE" | "MAPPING_PRIORITY_UNAVAILABLE" | "MAPPING_FIELD_REQUIRED" | "MAPPING_FIELD_INVALID" | "MAPPING_LABELS_UNAVAILABLE" | "EXPORT_PROFILE_MISSING";
                    path: string;
                    message: string;
                }[];
            };
        };
        ExportProfileValidation: {
            target_id: string;
            project_key: string;
            unsaved: boolean;
            ok: boolean;
            checks: {
                id: string;
                label: string;
                ok: boolean;
                detail: string;
                next_action: string | null;
            }[];
        };
        TestIssue: {
            target_id: string;
            project_key: string;
            /** @enum {string} */
            label: "webriskops-test";
            issue: {
                id: string;
                key: string;
                url: string;
            };
        };
        FindingStatus: {
            target_id: string;
            fingerprint: string;
            issue: {
                id: string;
                key: string;
                url: string;
            };
            /** @description Null until the Forge trigger, the Data Center webhook, a poll or a resolve/reopen told the companion. */
            status: {
                id: string | null;
                name: string | null;
                /** @enum {string|null} */
                category: "new" | "indeterminate" | "done" | null;
                resolution: string | null;
                /** @description Jira's last update of the issue, when the source told it. */
                updated: string | null;
                deleted: boolean;
                /** @enum {string} */
                source: "forge_trigger" | "webhook" | "poll" | "companion";
                recorded_at: string;
            } | null;
        };
        IssueEventsPage: {
            target_id: string;
            events: components["schemas"]["IssueEvent"][];
            next_cursor: number;
        };
        IssueEvent: {
            cursor: number;
            fingerprint: string;
            issue_key: string;
            status: string | null;
            /** @enum {string|null} */
            status_category: "new" | "indeterminate" | "done" | null;
            resolution: string | null;
            updated: string | null;
            deleted: boolean;
            /** @enum {string} */
            source: "forge_trigger" | "webhook" | "poll" | "companion";
            recorded_at: string;
        };
        ChangeFindingStatusResult: {
            /** @enum {string} */
            action: "resolved" | "reopened";
            target_id: string;
            fingerprint: string;
            issue: {
                id: string;
                key: string;
                url: string;
            };
            transition: {
                id: string;
                name: string;
            };
            status: {
                id: string | null;
                name: string | null;
                category: string | null;
                resolution: string | null;
            };
        };
        ChangeFindingStatusRequest: {
            /** @description Plain text added below the companion's own comment on the issue. */
            comment?: string;
        };
        StatusWebhook: {
            target_id: string;
            /** @description Register this URL in Jira administration > System > WebHooks. */
            url: string;
            /** @description Paste it into the webhook's Secret field; null until generated. */
            secret: string | null;
            secret_created_at: string | null;
            /** @description ALLOW_UNSIGNED_DC_WEBHOOKS: unsigned deliveries are accepted (anyone who reaches the URL can forge status). */
            unsigned_accepted: boolean;
        };
        StatusWebhookReceipt: {
            /** @enum {string} */
            outcome: "changed" | "unchanged" | "stale" | "not_ours" | "duplicate" | "ignored";
        };
        CreatedTarget: components["schemas"]["Target"] & {
            pairing?: {
                code: string;
                expires_at: string;
            };
        };
        Target: {
            id: string;
            name: string;
            /** @enum {string} */
            provider_key: "jira_cloud" | "jira_data_center";
            /** @enum {string} */
            deployment_mode: "cloud" | "self-hosted";
            base_url: string | null;
            site_id: string | null;
            /** @enum {string|null} */
            auth_method: "forge_app" | "oauth" | "api_token" | "pat" | null;
            scopes: string[];
            /** @enum {string|null} */
            allowlist_status: "direct" | "allowlisted" | "tunnel" | null;
            ownership: {
                /** @enum {string|null} */
                method: "forge_install" | "oauth_resources" | "site_identity" | "dns_txt" | "admin_attestation" | null;
                evidence: string | null;
                /** Format: date-time */
                verified_at: string | null;
                dns_challenge?: {
                    name: string;
                    value: string;
                } | null;
            } | null;
            attestations?: {
                owns_site: {
                    by: string;
                    /** Format: date-time */
                    at: string;
                };
                issue_api_reachable: {
                    by: string;
                    /** Format: date-time */
                    at: string;
                };
                scan_export_authorized: {
                    by: string;
                    /** Format: date-time */
                    at: string;
                };
            } | null;
            allowlist_declaration?: {
                /** @enum {string} */
                value: "allowlisted";
                by: string;
                /** Format: date-time */
                at: string;
            } | null;
            checks: {
                url?: {
                    /** @enum {string} */
                    status: "passed" | "failed";
                    /** Format: date-time */
                    checked_at: string;
                    reason: string;
                    /** @enum {string} */
                    code?: "PROVIDER_AUTH_REQUIRED" | "PROVIDER_BASE_URL_BLOCKED" | "PROVIDER_SCOPE_UNAVAILABLE" | "PROVIDER_ALLOWLIST_REQUIRED";
                };
                ownership?: {
                    /** @enum {string} */
                    status: "passed" | "failed";
                    /** Format: date-time */
                    checked_at: string;
                    reason: string;
                    /** @enum {string} */
                    code?: "PROVIDER_AUTH_REQUIRED" | "PROVIDER_BASE_URL_BLOCKED" | "PROVIDER_SCOPE_UNAVAILABLE" | "PROVIDER_ALLOWLIST_REQUIRED";
                };
                network?: {
                    /** @enum {string} */
                    status: "passed" | "failed";
                    /** Format: date-time */
                    checked_at: string;
                    reason: string;
                    /** @enum {string} */
                    code?: "PROVIDER_AUTH_REQUIRED" | "PROVIDER_BASE_URL_BLOCKED" | "PROVIDER_SCOPE_UNAVAILABLE" | "PROVIDER_ALLOWLIST_REQUIRED";
                };
                auth?: {
                    /** @enum {string} */
                    status: "passed" | "failed";
                    /** Format: date-time */
                    checked_at: string;
                    reason: string;
                    /** @enum {string} */
                    code?: "PROVIDER_AUTH_REQUIRED" | "PROVIDER_BASE_URL_BLOCKED" | "PROVIDER_SCOPE_UNAVAILABLE" | "PROVIDER_ALLOWLIST_REQUIRED";
                };
                scope?: {
                    /** @enum {string} */
                    status: "passed" | "failed";
                    /** Format: date-time */
                    checked_at: string;
                    reason: string;
                    /** @enum {string} */
                    code?: "PROVIDER_AUTH_REQUIRED" | "PROVIDER_BASE_URL_BLOCKED" | "PROVIDER_SCOPE_UNAVAILABLE" | "PROVIDER_ALLOWLIST_REQUIRED";
                };
            };
            credential: {
                /** @enum {string} */
                kind: "forge_app" | "oauth" | "api_token" | "pat";
                fingerprint: string;
                /** Format: date-time */
                created_at: string;
                /** Format: date-time */
                expires_at: string | null;
                /** Format: date-time */
                revoked_at?: string | null;
            } | null;
            revoke: {
                where: string;
                url?: string;
                steps: string;
            } | null;
            /** @enum {string} */
            state: "draft" | "ready" | "blocked" | "revoked";
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        CreateTarget: {
            /** @enum {string} */
            provider_key: "jira_cloud" | "jira_data_center";
            /** @enum {string} */
            deployment_mode?: "cloud" | "self-hosted";
            /** @enum {string} */
            auth_method?: "forge_app" | "oauth" | "api_token" | "pat";
            name: string;
        };
        RevokeResult: {
            target: components["schemas"]["Target"];
            credential_destroyed: boolean;
            revoke_instructions: {
                where: string;
                url?: string;
                steps: string;
            } | null;
            /** @description Jira calls still on the wire when the disconnect answered (it waits a few seconds for them first); empty when none. */
            jira_calls_in_flight: string[];
            message: string;
        };
        AuditEvent: {
            id: string;
            target_id: string | null;
            actor: string;
            action: string;
            from_state: string | null;
            to_state: string | null;
            code: string | null;
            detail: {
                [key: string]: unknown;
            } | null;
            created_at: string;
        };
        UpdateTarget: {
            name?: string;
            base_url?: string;
            attestations?: {
                /** @enum {boolean} */
                owns_site: true;
                /** @enum {boolean} */
                issue_api_reachable: true;
                /** @enum {boolean} */
                scan_export_authorized: true;
            };
            /** @enum {string|null} */
            allowlist_declaration?: "allowlisted" | null;
        };
        DataCenterCredentials: {
            pat: string;
        };
        CloudApiTokenCredentials: {
            site_url: string;
            /** Format: email */
            email: string;
            api_token: string;
            /** Format: date-time */
            expires_at?: string;
        };
        UrlVerdict: {
            url: string;
            allowed: boolean;
            /** @enum {string|null} */
            code: "PROVIDER_BASE_URL_BLOCKED" | null;
            rule: string | null;
            reason: string;
            addresses: string[];
            /** @enum {string|null} */
            path: "direct" | "tunnel" | null;
            normalized_url: string | null;
        };
        UrlCheckRequest: {
            url: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: {
        /** @description Seconds to wait before sending the same request again (with the same Idempotency-Key); present when Jira asked the companion to wait. */
        RetryAfter: number;
        /** @description `true` when this is the stored answer to an earlier request with the same Idempotency-Key and body; nothing was sent to Jira again. */
        IdempotentReplayed: "true";
        /** @description attachment; filename="webriskops-findings-<UTC time>.csv" (or .json): the download, to be saved as a file. */
        ContentDisposition: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getTargetReadiness: {
        parameters: {
            query?: {
                /** @description Run the checks again first (Data Center; Cloud has nothing to rerun). At most 5 per target per minute. */
                refresh?: "true" | "false";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Readiness; when blocked, the code, reason, next action and the portable fallback */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExportReadiness"];
                };
            };
            /** @description Malformed JSON, unknown fields or invalid values */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found in this workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Refreshed too often */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getTargetMetadata: {
        parameters: {
            query?: {
                project_key?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Cloud v3 and Data Center v2 create metadata in one shape */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TargetMetadata"];
                };
            };
            /** @description Malformed JSON, unknown fields or invalid values */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found in this workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Blocked or not ready: the code, the reason, the next action and the portable fallback; nothing was sent to Jira */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BlockedError"];
                };
            };
            /** @description RATE_LIMITED: too many metadata reads missed the cache for this target or workspace; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Jira answered with a server error */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description JIRA_UNAVAILABLE: Jira (or Atlassian's token endpoint) is rate limiting or unreachable; OAUTH_NOT_CONFIGURED: Atlassian refused the companion's OAuth client. See Retry-After */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    exportIssue: {
        parameters: {
            query?: never;
            header?: {
                /** @description Same key and body: the first answer again, nothing sent twice (kept 24 h). */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExportIssueRequest"];
            };
        };
        responses: {
            /** @description The existing issue was updated */
            200: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExportIssueResult"];
                };
            };
            /** @description A new issue was created */
            201: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExportIssueResult"];
                };
            };
            /** @description Malformed JSON, unknown fields or invalid values */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found in this workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Blocked (a blocked code with the portable fallback, also when the target is disconnected or blocked during the request; nothing more is sent to Jira), or CONFLICT: the target changed during the request, or over 100 issues carry the label without the proof */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BlockedError"];
                };
            };
            /** @description The body is larger than the limit for this route (PAYLOAD_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description EXPORT_PROFILE_MISSING (no profile and no full mapping) or a MAPPING_* code (the profile the last re-check found broken, field in details[].path); the mapping does not fit the create screen (fields named), sets a field outside the extra_fields allowlist or a reserved webriskops- label, Jira refused the issue, or the Idempotency-Key was used with another body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description RATE_LIMITED: too many metadata reads missed the cache for this target or workspace; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Jira answered with a server error */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description JIRA_UNAVAILABLE: Jira (or Atlassian's token endpoint) is rate limiting or unreachable; OAUTH_NOT_CONFIGURED: Atlassian refused the companion's OAuth client. See Retry-After */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    exportPortable: {
        parameters: {
            query?: {
                /** @description Default: from Accept (text/csv or application/json), else csv. */
                format?: "csv" | "json";
                /** @description The Issue Type column (a name). Default Bug. */
                issue_type?: string;
                /** @description Comma-separated labels added to every issue (no spaces). */
                labels?: string;
                /** @description Severity to priority names, e.g. critical:Highest,high:High,medium:Medium,low:Low,info:Lowest (the default). */
                priorities?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Findings, read incrementally: NDJSON (one finding per line) or a JSON array of findings. */
        requestBody: {
            content: {
                "application/x-ndjson": string;
                "application/json": components["schemas"]["Finding"][];
            };
        };
        responses: {
            /** @description The download, streamed. CSV columns: Summary, Issue Type, Priority, Description (wiki markup), Labels (one column per label), External ID; formula-like cells start with an apostrophe. */
            200: {
                headers: {
                    "Content-Disposition": components["headers"]["ContentDisposition"];
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                    "application/json": Record<string, never>;
                };
            };
            /** @description Malformed JSON, unknown fields or invalid values */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found in this workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than PORTABLE_EXPORT_MAX_MB (or one finding larger than 1 MB) before the download started; later, the connection is ended without its final chunk */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is neither NDJSON nor JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getExportProfile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The profile (null when none was saved) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExportProfileView"];
                };
            };
            /** @description Malformed JSON, unknown fields or invalid values */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found in this workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    putExportProfile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExportProfile"];
            };
        };
        responses: {
            /** @description Saved */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExportProfileView"];
                };
            };
            /** @description Malformed JSON, unknown fields or invalid values */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found in this workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The target is not ready (a blocked code with the portable fallback); nothing was sent to Jira */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BlockedError"];
                };
            };
            /** @description The body is larger than the limit for this route (PAYLOAD_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The profile does not fit the create metadata: a MAPPING_* code, each field in details[].path; nothing was saved */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MappingError"];
                };
            };
            /** @description RATE_LIMITED: too many metadata reads missed the cache */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Jira answered with a server error */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description JIRA_UNAVAILABLE: Jira is rate limiting or unreachable; see Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    validateExportProfile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** @description A profile to check before saving it; without a body the saved profile is checked (and its mapping problem recorded). */
        requestBody?: {
            content: {
                "application/json": {
                    profile?: components["schemas"]["ExportProfile"];
                };
            };
        };
        responses: {
            /** @description Every check with pass or fail and its next action */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExportProfileValidation"];
                };
            };
            /** @description Malformed JSON, unknown fields or invalid values */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found in this workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The target is not ready (a blocked code with the portable fallback); nothing was sent to Jira */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BlockedError"];
                };
            };
            /** @description The body is larger than the limit for this route (PAYLOAD_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description EXPORT_PROFILE_MISSING: no saved profile and none sent */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MappingError"];
                };
            };
            /** @description RATE_LIMITED: too many metadata reads missed the cache */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Jira answered with a server error */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description JIRA_UNAVAILABLE: Jira is rate limiting or unreachable; see Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    sendTestIssue: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The test issue, with its browse link */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TestIssue"];
                };
            };
            /** @description Malformed JSON, unknown fields or invalid values */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found in this workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The target is not ready (a blocked code with the portable fallback); nothing was sent to Jira */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BlockedError"];
                };
            };
            /** @description No profile, a profile with a mapping problem, or Jira refused the issue; nothing was created */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MappingError"];
                };
            };
            /** @description RATE_LIMITED: too many metadata reads missed the cache */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Jira answered with a server error */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description JIRA_UNAVAILABLE: Jira is rate limiting or unreachable; see Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getFindingStatus: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                fingerprint: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The issue and its status */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FindingStatus"];
                };
            };
            /** @description Malformed JSON, unknown fields or invalid values */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found in this workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listIssueEvents: {
        parameters: {
            query?: {
                /** @description The next_cursor of the previous page (0 or absent: from the start). */
                after?: number | null;
                /** @description Events per page, default 100, at most 500. */
                limit?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Events after the cursor and the next cursor */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IssueEventsPage"];
                };
            };
            /** @description Malformed JSON, unknown fields or invalid values */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found in this workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    resolveFindingIssue: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                fingerprint: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ChangeFindingStatusRequest"];
            };
        };
        responses: {
            /** @description Moved; the status is recorded and a feed event appended */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChangeFindingStatusResult"];
                };
            };
            /** @description Malformed JSON, unknown fields or invalid values */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found in this workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Blocked (a blocked code; nothing sent), or NO_TRANSITION: the workflow offers no transition there from the current status */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BlockedError"];
                };
            };
            /** @description TRANSITION_NEEDS_FIELDS: every such transition requires fields the companion cannot fill; JIRA_REJECTED: Jira refused the transition */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Jira answered with a server error */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description JIRA_UNAVAILABLE: Jira is rate limiting or unreachable; see Retry-After */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    reopenFindingIssue: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                fingerprint: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ChangeFindingStatusRequest"];
            };
        };
        responses: {
            /** @description Moved; the status is recorded and a feed event appended */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChangeFindingStatusResult"];
                };
            };
            /** @description Malformed JSON, unknown fields or invalid values */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found in this workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Blocked (a blocked code; nothing sent), or NO_TRANSITION: the workflow offers no transition there from the current status */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BlockedError"];
                };
            };
            /** @description TRANSITION_NEEDS_FIELDS: every such transition requires fields the companion cannot fill; JIRA_REJECTED: Jira refused the transition */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Jira answered with a server error */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description JIRA_UNAVAILABLE: Jira is rate limiting or unreachable; see Retry-After */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getStatusWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description URL and secret */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusWebhook"];
                };
            };
            /** @description Malformed JSON, unknown fields or invalid values */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found in this workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    rotateStatusWebhookSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The new secret */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusWebhook"];
                };
            };
            /** @description Malformed JSON, unknown fields or invalid values */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found in this workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    receiveDataCenterStatusWebhook: {
        parameters: {
            query?: never;
            header?: {
                /** @description sha256=<hex HMAC-SHA256 of the raw body under the secret> */
                "x-hub-signature"?: string;
                /** @description The delivery id: a delivery seen before changes nothing. */
                "x-atlassian-webhook-identifier"?: string;
            };
            path: {
                targetId: string;
            };
            cookie?: never;
        };
        /** @description Jira's webhook JSON (webhookEvent, timestamp, issue); verified over the raw bytes before it is parsed. */
        requestBody: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Applied, or recognised as a repeat, a stale report, another issue or another event */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusWebhookReceipt"];
                };
            };
            /** @description No X-Atlassian-Webhook-Identifier, or the body is not JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UNAUTHENTICATED: the signature does not match, or the delivery is unsigned and ALLOW_UNSIGNED_DC_WEBHOOKS is off; nothing changed */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No status webhook is set up at this URL */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 512 KB (PAYLOAD_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listTargets: {
        parameters: {
            query?: {
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of the workspace targets, newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        targets: components["schemas"]["Target"][];
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Malformed JSON, unknown fields or invalid values */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found in this workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createTarget: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateTarget"];
            };
        };
        responses: {
            /** @description The new draft target; a Forge target also carries its one-time pairing code */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedTarget"];
                };
            };
            /** @description Malformed JSON, unknown fields or invalid values */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found in this workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TARGET_NAME_TAKEN: another target of the workspace has this name; nothing was created */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BlockedError"];
                };
            };
            /** @description The body is larger than the limit for this route (PAYLOAD_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getTarget: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The target */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Target"];
                };
            };
            /** @description Malformed JSON, unknown fields or invalid values */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found in this workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    revokeTarget: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The revoked target and revoke instructions */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RevokeResult"];
                };
            };
            /** @description Malformed JSON, unknown fields or invalid values */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found in this workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateTarget: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateTarget"];
            };
        };
        responses: {
            /** @description The updated target; a new base_url carries ownership.dns_challenge */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Target"];
                };
            };
            /** @description Malformed JSON, unknown fields or invalid values */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found in this workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Blocked: the code, the reason and the next action (with the portable fallback when the target cannot receive tickets) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BlockedError"];
                };
            };
            /** @description The body is larger than the limit for this route (PAYLOAD_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteDraftTarget: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The draft is deleted; its audit trail stays */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        /** @enum {boolean} */
                        deleted: true;
                    };
                };
            };
            /** @description Malformed JSON, unknown fields or invalid values */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found in this workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TARGET_NOT_DRAFT: the target is ready, blocked, revoked or holds a credential; disconnect it instead */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BlockedError"];
                };
            };
        };
    };
    listTargetAudit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Audit events */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        events: components["schemas"]["AuditEvent"][];
                    };
                };
            };
            /** @description Malformed JSON, unknown fields or invalid values */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found in this workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    setTargetCredentials: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DataCenterCredentials"] | components["schemas"]["CloudApiTokenCredentials"];
            };
        };
        responses: {
            /** @description The target with the credential fingerprint and the auth and scope checks */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Target"];
                };
            };
            /** @description Malformed JSON, unknown fields or invalid values */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found in this workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Blocked: the code, the reason and the next action (with the portable fallback when the target cannot receive tickets) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BlockedError"];
                };
            };
            /** @description The body is larger than the limit for this route (PAYLOAD_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    runTargetChecks: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The target with fresh checks */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Target"];
                };
            };
            /** @description Malformed JSON, unknown fields or invalid values */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found in this workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Blocked: the code, the reason and the next action (with the portable fallback when the target cannot receive tickets) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BlockedError"];
                };
            };
        };
    };
    activateTarget: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The ready target */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Target"];
                };
            };
            /** @description Malformed JSON, unknown fields or invalid values */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found in this workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Blocked: the code, the reason and the next action (with the portable fallback when the target cannot receive tickets) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BlockedError"];
                };
            };
        };
    };
    checkUrl: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UrlCheckRequest"];
            };
        };
        responses: {
            /** @description The verdict: allowed, or refused with PROVIDER_BASE_URL_BLOCKED and the rule */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UrlVerdict"];
                };
            };
            /** @description Malformed JSON, unknown fields or invalid values */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found in this workspace */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than the limit for this route (PAYLOAD_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
}
