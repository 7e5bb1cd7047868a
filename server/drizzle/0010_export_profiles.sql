CREATE TABLE `export_profiles` (
	`workspace_id` text NOT NULL,
	`target_id` text NOT NULL,
	`profile_json` text NOT NULL,
	`problem_json` text,
	`checked_at` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`target_id`) REFERENCES `targets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `export_profiles_workspace_target` ON `export_profiles` (`workspace_id`,`target_id`);