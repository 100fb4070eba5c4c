SELECT ntid, ord, config, name FROM templates
