SELECT id, name, config FROM notetypes
