-- 0011: where each message starts in a sample's transcript (a JSON array of UTF-16 offsets,
-- one per message), so a search hit can say which message it is in. A sample imported
-- before this version keeps NULL: its message is not known, and search says so.
ALTER TABLE sample ADD COLUMN message_starts TEXT CHECK (
  message_starts IS NULL OR (json_valid(message_starts) AND json_type(message_starts) = 'array')
);
