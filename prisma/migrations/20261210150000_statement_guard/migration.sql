-- statement_guard(ok, what): raises SQLSTATE NW001 unless ok is true. A statement that commits in the same
-- round trip as its COMMIT (lib/db/commit-in-statement.ts) checks its guarded updates with it, so a failed
-- check aborts the transaction before the COMMIT behind it can write anything.
CREATE FUNCTION statement_guard(ok boolean, what text) RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
  IF ok IS NOT TRUE THEN
    RAISE EXCEPTION 'statement guard failed: %', what USING ERRCODE = 'NW001';
  END IF;
  RETURN true;
END
$$;
