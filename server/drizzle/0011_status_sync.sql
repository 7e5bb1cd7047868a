CREATE TABLE `finding_issue_statuses` (
	`workspace_id` text NOT NULL,
	`target_id` text NOT NULL,
	`fingerprint` text NOT NULL,
	`issue_id` text NOT NULL,
	`issue_key` text NOT NULL,
	`status_id` text,
	`status_name` text,
	`status_category` text,
	`resolution` text,
	`jira_updated_at` text,
	`deleted` integer DEFAULT false NOT NULL,
	`source` text NOT NULL,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`target_id`) REFERENCES `targets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `finding_issue_statuses_finding` ON `finding_issue_statuses` (`workspace_id`,`target_id`,`fingerprint`);--> statement-breakpoint
CREATE TABLE `issue_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` text NOT NULL,
	`target_id` text NOT NULL,
	`fingerprint` text NOT NULL,
	`issue_key` text NOT NULL,
	`status_name` text,
	`status_category` text,
	`resolution` text,
	`jira_updated_at` text,
	`deleted` integer DEFAULT false NOT NULL,
	`source` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`target_id`) REFERENCES `targets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `issue_events_target_idx` ON `issue_events` (`workspace_id`,`target_id`,`id`);--> statement-breakpoint
CREATE TABLE `status_sync` (
	`target_id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`webhook_secret_sealed` text,
	`webhook_secret_created_at` text,
	`last_polled_at` text,
	FOREIGN KEY (`target_id`) REFERENCES `targets`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `webhook_deliveries` (
	`target_id` text NOT NULL,
	`identifier` text NOT NULL,
	`received_at` text NOT NULL,
	FOREIGN KEY (`target_id`) REFERENCES `targets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `webhook_deliveries_target_identifier` ON `webhook_deliveries` (`target_id`,`identifier`);--> statement-breakpoint
CREATE INDEX `webhook_deliveries_received_idx` ON `webhook_deliveries` (`received_at`);