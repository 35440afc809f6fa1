"""NiceGUI pages, layout and guard. Only this package imports NiceGUI."""
