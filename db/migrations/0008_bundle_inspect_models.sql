-- 0008: the Inspect models a bundle's statement says its model is (model.inspectModels,
-- a JSON array of eval.model names), or NULL when it does not say. Every bundle imported
-- before this version was signed before the field existed, so NULL is exactly right for it.
ALTER TABLE bundle ADD COLUMN inspect_models TEXT CHECK (
  inspect_models IS NULL OR (json_valid(inspect_models) AND json_type(inspect_models) = 'array')
);
