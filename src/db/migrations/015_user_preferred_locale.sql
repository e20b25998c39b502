-- A user's own choice of UI language; it wins over the launch locale on every later launch.
ALTER TABLE users ADD COLUMN preferred_locale text CHECK (preferred_locale IN ('fi', 'sv', 'en'));
