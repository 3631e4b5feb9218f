"""Field extractors, one family each: metadata, prose targets, deadlines, responsibilities."""
