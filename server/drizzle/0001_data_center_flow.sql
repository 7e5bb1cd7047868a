ALTER TABLE `audit_events` ADD `target_version` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `audit_target_version_unique` ON `audit_events` (`target_id`,`target_version`);--> statement-breakpoint
ALTER TABLE `targets` ADD `attestations_json` text;--> statement-breakpoint
ALTER TABLE `targets` ADD `allowlist_declaration_json` text;--> statement-breakpoint
ALTER TABLE `targets` ADD `version` integer DEFAULT 0 NOT NULL;