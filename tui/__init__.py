"""The newsreader application: wires the core to the widgets."""
