CREATE TABLE `export_finding_issues` (
	`workspace_id` text NOT NULL,
	`target_id` text NOT NULL,
	`fingerprint` text NOT NULL,
	`project_key` text NOT NULL,
	`state` text NOT NULL,
	`issue_id` text,
	`issue_key` text,
	`lease_owner` text,
	`lease_until` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`target_id`) REFERENCES `targets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `export_finding_issues_workspace_target_fingerprint` ON `export_finding_issues` (`workspace_id`,`target_id`,`fingerprint`);--> statement-breakpoint
CREATE TABLE `export_idempotency_keys` (
	`workspace_id` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`request_hash` text NOT NULL,
	`target_id` text NOT NULL,
	`state` text NOT NULL,
	`lease_owner` text,
	`lease_until` text,
	`response_status` integer,
	`response_body` text,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `export_idempotency_keys_workspace_key` ON `export_idempotency_keys` (`workspace_id`,`idempotency_key`);