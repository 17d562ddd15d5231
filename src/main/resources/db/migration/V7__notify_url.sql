-- A job's own notification receiver (alerts), besides the service-wide one. NULL: none.
ALTER TABLE job ADD COLUMN notify_url VARCHAR(2048);
