ALTER TABLE `pairing_codes` ADD `code_sealed` text;--> statement-breakpoint
-- Names become unique per workspace: a repeated name gets " (2)", " (3)", ... in creation order first.
CREATE TABLE `target_name_fixes` AS SELECT `id`, `name` || ' (' || `rank` || ')' AS `new_name` FROM (SELECT `id`, `name`, ROW_NUMBER() OVER (PARTITION BY `workspace_id`, `name` ORDER BY `created_at`, `id`) AS `rank` FROM `targets`) WHERE `rank` > 1;--> statement-breakpoint
UPDATE `targets` SET `name` = (SELECT `new_name` FROM `target_name_fixes` WHERE `target_name_fixes`.`id` = `targets`.`id`) WHERE `id` IN (SELECT `id` FROM `target_name_fixes`);--> statement-breakpoint
-- A new name another target already had ("X (2)" beside a renamed "X") also gets the target's id, which no other target has.
UPDATE `targets` SET `name` = `name` || ' [' || `id` || ']' WHERE `id` IN (SELECT `id` FROM `target_name_fixes`) AND EXISTS (SELECT 1 FROM `targets` AS `other` WHERE `other`.`workspace_id` = `targets`.`workspace_id` AND `other`.`name` = `targets`.`name` AND `other`.`id` <> `targets`.`id`);--> statement-breakpoint
DROP TABLE `target_name_fixes`;--> statement-breakpoint
CREATE UNIQUE INDEX `targets_workspace_name_unique` ON `targets` (`workspace_id`,`name`);
