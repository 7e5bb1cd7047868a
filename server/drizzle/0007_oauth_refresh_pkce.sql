ALTER TABLE `credentials` ADD `refresh_lease_until` text;--> statement-breakpoint
ALTER TABLE `oauth_states` ADD `code_verifier_sealed` text;