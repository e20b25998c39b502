-- The upload attestation (issue 7) as a versioned statement. The version an upload must confirm is
-- ATTESTATION_VERSION in src/deps.ts; its texts in fi, sv and en live here, one row per version, and are
-- never edited after release (a change is a new version with a new migration), so what a person confirmed
-- can always be shown again. video_attestations (030) records who confirmed which version, and when.
CREATE TABLE attestation_statements (
  version text PRIMARY KEY CHECK (version ~ '^[A-Za-z0-9._-]{1,40}$'),
  text_fi text NOT NULL CHECK (length(text_fi) BETWEEN 1 AND 4000),
  text_sv text NOT NULL CHECK (length(text_sv) BETWEEN 1 AND 4000),
  text_en text NOT NULL CHECK (length(text_en) BETWEEN 1 AND 4000),
  released_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO attestation_statements (version, text_fi, text_sv, text_en) VALUES (
  '2026-11-v1',
  'Omistan tämän tallenteen tai minulla on oikeus käyttää sitä, ja kaikki tallenteella näkyvät tai kuuluvat henkilöt ovat antaneet suostumuksensa sen tallentamiseen ja käyttöön opetuksessa.',
  'Jag äger denna inspelning eller har rätt att använda den, och alla som syns eller hörs i den har samtyckt till att den spelas in och används i undervisningen.',
  'I own this recording or have the right to use it, and everyone who appears or can be heard in it has consented to its recording and to its use in teaching.'
);

-- A user's data export and erasure look attestations up by person.
CREATE INDEX video_attestations_user ON video_attestations (user_id);
