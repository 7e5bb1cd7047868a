CREATE TABLE `sign_in_throttles` (
	`bucket` text PRIMARY KEY NOT NULL,
	`failures` integer NOT NULL,
	`locked_until` text,
	`last_attempt_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sign_in_throttles_last_attempt_idx` ON `sign_in_throttles` (`last_attempt_at`);