"""Pictures: the interactive graph page (the only user of pyvis) and the timeline plot."""
