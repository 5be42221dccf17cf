-- A user's read markers, looked up by user: the home page counts a user's
-- new documents as the scope's documents minus those the user has read.
CREATE INDEX document_reads_user ON document_reads (portal_user_id, document_id);
