SELECT ntid, ord, config FROM templates
